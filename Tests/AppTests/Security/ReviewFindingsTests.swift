@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Cases found by review: each failed before its fix.
@Suite struct ReviewFindingsTests {
    @Test func aHugePageNumberIsHarmless() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", in: org)
            let token = try await fx.token(for: lea)
            for query in ["page=9223372036854775807", "page=9223372036854775807&per=100", "per=-5", "page=abc"] {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/organizations/\(org.id!.uuidString)/cohorts?\(query)",
                                                                   headers: APITests.headers(token))
                #expect(response.status == .ok, "\(query)")
            }
        }
    }

    @Test func constraintViolationsAreConflictsNotServerErrors() {
        struct Duplicate: DatabaseError, Error {
            var isSyntaxError: Bool { false }
            var isConstraintFailure: Bool { true }
            var isConnectionClosed: Bool { false }
        }
        let problem = AppErrorMiddleware.describe(Duplicate())
        #expect(problem.status == .conflict)
        #expect(problem.code == "conflict")
    }

    @Test func guessingAnExistingAccountsPasswordOnAnInvitationIsThrottled() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let acme = try await fx.organization("Acme")
            let admin = try await fx.person("admin@acme.test", in: acme, roles: [.admin])
            try await fx.person("sam@globex.test", in: try await fx.organization("Globex"))
            var browser = try await fx.signedIn(admin)
            let response = try await browser.post("/orgs/\(acme.id!.uuidString)/invitations", ["name": "Sam", "email": "sam@globex.test", "role": "learner"])
            let path = try InvitationTests.invitationPath(in: response.text)
            var guesser = Browser(app)
            for _ in 0..<10 { #expect(try await guesser.post(path, ["password": "guess guess"]).status == .unprocessableEntity) }
            let locked = try await guesser.post(path, ["password": Fixtures.password])
            #expect(locked.status == .tooManyRequests)
            #expect(try await MembershipRecord.query(on: app.db).count() == 2)
        }
    }

    @Test func learnersDoNotSeeTheAddressesOfOthersThroughTheAPI() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let cohort = try await fx.cohort(in: org)
            let lea = try await fx.person("lea@acme.test", in: org)
            let tom = try await fx.person("tom@acme.test", in: org)
            try await fx.enroll(lea, in: cohort)
            try await fx.enroll(tom, in: cohort)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/organizations/\(org.id!.uuidString)/cohorts/\(cohort.id!.uuidString)/enrollments",
                                                               headers: APITests.headers(try await fx.token(for: lea)))
            #expect(response.status == .ok)
            #expect(response.body.string.contains("lea@acme.test"))
            #expect(!response.body.string.contains("tom@acme.test"))
        }
    }

    @Test func aMalformedRolesFormChangesNothing() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let lea = try await fx.person("lea@acme.test", in: org, roles: [.learner, .author])
            var browser = try await fx.signedIn(admin)
            let response = try await browser.post("/orgs/\(org.id!.uuidString)/people/\(lea.id!.uuidString)/roles", ["roles[]": "boss"])
            #expect(response.status == .seeOther)
            #expect(try await browser.get(response.location!).text.contains("Tick at least one role."))
            let membership = try #require(try await MembershipRecord.query(on: app.db).filter(\.$person.$id == lea.id!).first())
            #expect(membership.roles == [.learner, .author])
        }
    }

    @Test func usingATokenRecordsWhenItWasLastUsed() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", in: org)
            let token = try await fx.token(for: lea)
            _ = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: APITests.headers(token))
            #expect(try await APITokenRecord.query(on: app.db).first()?.lastUsedAt != nil)
        }
    }

    @Test func aPasswordResetRevokesAPITokens() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", in: org)
            let token = try await fx.token(for: lea)
            var browser = Browser(app)
            try await browser.post("/forgot-password", ["email": "lea@acme.test"])
            try await Outbox.drain(app: app)
            let mail = try #require(await mailer.sent.first)
            let range = try #require(mail.text.range(of: #"/reset-password/[A-Za-z0-9_-]+"#, options: .regularExpression))
            #expect(try await browser.post(String(mail.text[range]), ["password": "a brand new password",
                                                                      "password_confirmation": "a brand new password"]).status == .seeOther)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: APITests.headers(token))
            #expect(response.status == .unauthorized)
        }
    }
}
