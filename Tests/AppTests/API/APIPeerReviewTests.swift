@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Peer review through the API: the pages' rules (bad input refused, nothing saved; other
/// people's reviews and other organizations 404) and their anonymity, in every JSON answer.
@Suite struct APIPeerReviewTests {
    private func call(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String, _ json: String? = nil) async throws
        -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, "/api/v1" + path, headers: APITests.headers(token), body: json.map { ByteBuffer(string: $0) })
    }

    @Test func learnersHandInReviewAndReadTheirGradeWithoutNames() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            let fx = Fixtures(app: app)
            let lea = try await fx.token(for: pc.learners[0]), bo = try await fx.token(for: pc.learners[1])
            let cy = try await fx.token(for: pc.learners[2]), tina = try await fx.token(for: pc.trainer)
            let base = "/organizations/\(pc.c.org.id!.uuidString)/cohorts/\(pc.c.cohort.id!.uuidString)"
            let assignment = base + "/peer-assignments/\(pc.activity.id!.uuidString)"
            let intro = try await call(app, .GET, assignment, lea)
            #expect(intro.status == .ok && intro.body.string.contains(#""reviews_required":1"#))
            // Nothing to hand in: 422 with the page's words, nothing saved.
            let empty = try await call(app, .PUT, assignment + "/submission", lea, #"{"text":"   "}"#)
            #expect(try empty.status == .unprocessableEntity && APITests.errorCode(empty).code == "empty_submission")
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 0)
            #expect(try await call(app, .PUT, assignment + "/submission", lea, #"{"text":"Work about the depot."}"#).status == .ok)
            // Asking before handing in is refused; after, Bo gets Lea's work without her name.
            let early = try await call(app, .POST, assignment + "/reviews", bo)
            #expect(try early.status == .unprocessableEntity && APITests.errorCode(early).code == "not_submitted")
            #expect(try await call(app, .PUT, assignment + "/submission", bo, #"{"text":"Work about the port."}"#).status == .ok)
            let pulled = try await call(app, .POST, assignment + "/reviews", bo)
            #expect(pulled.status == .ok && pulled.body.string.contains("Work about the depot."))
            #expect(!PeerClass.mentions(pulled.body.string, pc.learners[0].name) && !pulled.body.string.contains("author_name"))
            let review = try JSONDecoder().decode(ReviewID.self, from: Data(pulled.body.string.utf8)).id
            // Incomplete: refused, not saved. Cy may neither read nor save Bo's review.
            let incomplete = try await call(app, .PUT, base + "/peer-reviews/\(review)", bo, #"{"levels":[2],"overall":"Too short"}"#)
            #expect(try incomplete.status == .unprocessableEntity && APITests.errorCode(incomplete).code == "criterion_unanswered")
            #expect(try await call(app, .GET, base + "/peer-reviews/\(review)", cy).status == .notFound)
            let assessment = #"{"levels":[2,1],"comments":["Well put.",""],"overall":"Clear case, a little more evidence please."}"#
            #expect(try await call(app, .PUT, base + "/peer-reviews/\(review)", cy, assessment).status == .notFound)
            #expect(try await PeerReviewRecord.find(UUID(uuidString: review), on: app.db)?.completedAt == nil)
            let saved = try await call(app, .PUT, base + "/peer-reviews/\(review)", bo, assessment)
            #expect(saved.status == .ok && saved.body.string.contains(#""completed":true"#))
            // Lea reads her grade and the review, never Bo's name; the trainer sees names.
            let results = try await call(app, .GET, assignment, lea)
            #expect(results.body.string.contains(#""grades":[2,2]"#) && results.body.string.contains("Clear case"))
            #expect(!PeerClass.mentions(results.body.string, pc.learners[1].name))
            let report = try await call(app, .GET, assignment, tina)
            #expect(PeerClass.mentions(report.body.string, pc.learners[0].name) && report.body.string.contains(#""learners":["#))
            let staffView = try await call(app, .GET, base + "/peer-reviews/\(review)", tina)
            #expect(staffView.status == .ok && PeerClass.mentions(staffView.body.string, pc.learners[0].name))
            // Another organization: 404.
            let other = try await fx.organization("Globex")
            let sam = try await fx.token(for: try await fx.person("sam@globex.test", name: "Sam", in: other, roles: [.admin, .trainer]))
            #expect(try await call(app, .GET, assignment, sam).status == .notFound)
            #expect(try await call(app, .GET, base + "/peer-reviews/\(review)", sam).status == .notFound)
        }
    }

    @Test func aReviewerGetsTheFilesUnderNeutralNamesAndDownloadsThemWithTheToken() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1, kind: .textAndFiles)
            let fx = Fixtures(app: app)
            var leaBrowser = try await fx.signedIn(pc.learners[0])
            _ = try await pc.addFile(&leaBrowser, Samples.pdf, named: "lea-notes.pdf")
            let lea = try await fx.token(for: pc.learners[0]), bo = try await fx.token(for: pc.learners[1])
            let cy = try await fx.token(for: pc.learners[2])
            let base = "/organizations/\(pc.c.org.id!.uuidString)/cohorts/\(pc.c.cohort.id!.uuidString)"
            let assignment = base + "/peer-assignments/\(pc.activity.id!.uuidString)"
            let own = try await call(app, .PUT, assignment + "/submission", lea, #"{"text":""}"#)
            #expect(own.status == .ok && own.body.string.contains("lea-notes.pdf"), "the author sees the name she gave it")
            _ = try await call(app, .PUT, assignment + "/submission", bo, #"{"text":"Work about the port."}"#)
            let pulled = try await call(app, .POST, assignment + "/reviews", bo)
            #expect(pulled.body.string.contains(#""name":"work-file-1.pdf""#) && !pulled.body.string.contains("lea-notes"))
            let file = try #require(try await pc.files(on: app.db).first)
            let url = "/organizations/\(pc.c.org.id!.lowercased)/cohorts/\(pc.c.cohort.id!.lowercased)/peer-files/\(file.id!.lowercased)"
            #expect(pulled.body.string.replacingOccurrences(of: "\\/", with: "/").contains(#""url":"/api/v1"# + url + "\""))
            let download = try await call(app, .GET, url, bo)
            #expect(download.status == .ok && Array(download.body.readableBytesView) == Samples.pdf)
            let disposition = download.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.contains("work-file-1.pdf") && !disposition.contains("lea"))
            #expect(try await call(app, .GET, url, cy).status == .notFound, "not given the work")
        }
    }

    @Test func badBodiesGetA4xxAndChangeNothing() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            let fx = Fixtures(app: app)
            let lea = try await fx.token(for: pc.learners[0]), bo = try await fx.token(for: pc.learners[1])
            let base = "/organizations/\(pc.c.org.id!.uuidString)/cohorts/\(pc.c.cohort.id!.uuidString)"
            let assignment = base + "/peer-assignments/\(pc.activity.id!.uuidString)"
            for (body, status, code) in [("{not json", HTTPResponseStatus.badRequest, "invalid_json"), (#"{"text":5}"#, .badRequest, "invalid_type"),
                                         ("[]", .badRequest, "invalid_type")] {
                let refused = try await call(app, .PUT, assignment + "/submission", lea, body)
                #expect(try refused.status == status && APITests.errorCode(refused).code == code, "\(body)")
            }
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 0)
            _ = try await call(app, .PUT, assignment + "/submission", lea, #"{"text":"Work about the depot."}"#)
            _ = try await call(app, .PUT, assignment + "/submission", bo, #"{"text":"Work about the port."}"#)
            let pulled = try await call(app, .POST, assignment + "/reviews", bo)
            let review = base + "/peer-reviews/" + (try JSONDecoder().decode(ReviewID.self, from: Data(pulled.body.string.utf8)).id)
            let overall = #""overall":"Clear case, a little more evidence please.""#
            for (body, status, code) in [
                ("{not json", HTTPResponseStatus.badRequest, "invalid_json"),
                (#"{"levels":"2",\#(overall)}"#, .badRequest, "invalid_type"),
                (#"{"levels":[2,1],"overall":12}"#, .badRequest, "invalid_type"),
                (#"{"levels":[-1,1],\#(overall)}"#, .unprocessableEntity, "criterion_unanswered"),
                (#"{"levels":[2,7],\#(overall)}"#, .unprocessableEntity, "criterion_unanswered"),
                (#"{"levels":[2,1],"overall":"Short"}"#, .unprocessableEntity, "overall_comment_too_short"),
            ] {
                let refused = try await call(app, .PUT, review, bo, body)
                #expect(try refused.status == status && APITests.errorCode(refused).code == code, "\(body)")
            }
            #expect(try await pc.reviews(on: app.db).allSatisfy { $0.completedAt == nil && $0.assessmentJSON == nil })
        }
    }

    private struct ReviewID: Decodable { let id: String }
}
