@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct APITests {
    static func headers(_ token: String?, json: Bool = true) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json { headers.contentType = .json }
        return headers
    }

    static func errorCode(_ response: TestingHTTPResponse) throws -> (code: String, field: String?) {
        let body = try JSONDecoder().decode(APIErrorBody.self, from: Data(response.body.string.utf8))
        return (body.error.code, body.error.field)
    }

    @Test func anonymousCallsAnswer401WithTheErrorBody() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me")
            #expect(response.status == .unauthorized)
            #expect(try Self.errorCode(response).code == "unauthorized")
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: Self.headers("atl_unknown"))
            #expect(bad.status == .unauthorized)
        }
    }

    @Test func meListsTheOrganizationsAndRoles() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization("Acme")
            let lea = try await fx.person("lea@acme.test", name: "Lea", in: org, roles: [.learner, .author])
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: Self.headers(try await fx.token(for: lea)))
            #expect(response.status == .ok)
            let me = try JSONDecoder().decode(MeDTO.self, from: Data(response.body.string.utf8))
            #expect(me.email == "lea@acme.test")
            #expect(me.organizations.map(\.name) == ["Acme"])
            #expect(me.organizations[0].roles == ["author", "learner"])
        }
    }

    @Test func badBodiesGetA4xxAndChangeNothing() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let course = try await fx.course(in: org)
            let token = try await fx.token(for: admin)
            let path = "/api/v1/organizations/\(org.id!.uuidString)/cohorts"
            let cases: [(String, HTTPResponseStatus, String, String?)] = [
                ("{not json", .badRequest, "invalid_json", nil),
                (#"{"name": 12, "course_id": "\#(course.id!.uuidString)", "start_date": "2027-01-01", "end_date": "2027-02-01"}"#, .badRequest, "invalid_type", "name"),
                (#"{"name": "S", "course_id": "\#(course.id!.uuidString)", "start_date": "2027-01-01", "end_date": "2027-02-01", "capacity": "ten"}"#, .badRequest, "invalid_type", "capacity"),
                (#"{"course_id": "\#(course.id!.uuidString)", "start_date": "2027-01-01", "end_date": "2027-02-01"}"#, .unprocessableEntity, "validation_failed", "name"),
                (#"{"name": "S", "course_id": "\#(UUID().uuidString)", "start_date": "2027-01-01", "end_date": "2027-02-01"}"#, .unprocessableEntity, "validation_failed", "course_id"),
                (#"{"name": "S", "course_id": "\#(course.id!.uuidString)", "start_date": "2027-02-30", "end_date": "2027-02-01"}"#, .unprocessableEntity, "validation_failed", "start_date"),
                ("[]", .badRequest, "invalid_type", nil),
            ]
            for (body, status, code, field) in cases {
                let response = try await app.testing().sendRequest(.POST, path, headers: Self.headers(token), body: ByteBuffer(string: body))
                #expect(response.status == status, "\(body)")
                let error = try Self.errorCode(response)
                #expect(error.code == code, "\(body)")
                #expect(error.field == field, "\(body)")
            }
            // Oversized bodies are refused while streaming, which only a real server does: e2e/test_security.py.
            let form = try await app.testing().sendRequest(.POST, path, headers: Self.headers(token, json: false), body: ByteBuffer(string: "name=x"))
            #expect(form.status == .unsupportedMediaType)
            #expect(try await CohortRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func enrollmentThroughTheAPIEnforcesCapacity() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let cohort = try await fx.cohort(in: org, seats: 1)
            let lea = try await fx.person("lea@acme.test", in: org)
            let tom = try await fx.person("tom@acme.test", in: org)
            let token = try await fx.token(for: admin)
            let path = "/api/v1/organizations/\(org.id!.uuidString)/cohorts/\(cohort.id!.uuidString)/enrollments"
            let first = try await app.testing().sendRequest(.POST, path, headers: Self.headers(token), body: ByteBuffer(string: #"{"person_id":"\#(lea.id!.uuidString)"}"#))
            #expect(first.status == .created)
            let duplicate = try await app.testing().sendRequest(.POST, path, headers: Self.headers(token), body: ByteBuffer(string: #"{"person_id":"\#(lea.id!.uuidString)"}"#))
            #expect(duplicate.status == .conflict)
            #expect(try Self.errorCode(duplicate).code == "already_enrolled")
            let full = try await app.testing().sendRequest(.POST, path, headers: Self.headers(token), body: ByteBuffer(string: #"{"person_id":"\#(tom.id!.uuidString)"}"#))
            #expect(full.status == .conflict)
            #expect(try Self.errorCode(full).code == "cohort_full")
            let list = try await app.testing().sendRequest(.GET, path, headers: Self.headers(token))
            #expect(list.body.string.contains("lea@acme.test"))
            #expect(!list.body.string.contains("tom@acme.test"))
            // A learner may read their own cohort but not enroll anyone, themselves included.
            let leaToken = try await fx.token(for: lea)
            #expect(try await app.testing().sendRequest(.GET, path, headers: Self.headers(leaToken)).status == .ok)
            let selfEnroll = try await app.testing().sendRequest(.POST, path, headers: Self.headers(try await fx.token(for: tom)),
                                                                 body: ByteBuffer(string: #"{"person_id":"\#(tom.id!.uuidString)"}"#))
            #expect(selfEnroll.status == .notFound)
        }
    }

    @Test func unknownIdsAnswer404() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let token = try await fx.token(for: admin)
            for path in ["/api/v1/organizations/\(UUID().uuidString)", "/api/v1/organizations/not-a-uuid",
                         "/api/v1/organizations/\(org.id!.uuidString)/cohorts/\(UUID().uuidString)", "/api/v1/nothing-here"] {
                let response = try await app.testing().sendRequest(.GET, path, headers: Self.headers(token))
                #expect(response.status == .notFound, "\(path)")
                #expect(try Self.errorCode(response).code == "not_found", "\(path)")
            }
        }
    }
}
