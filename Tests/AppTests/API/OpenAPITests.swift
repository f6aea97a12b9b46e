@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Keeps `/api/openapi.json` true: every documented operation exists, answers its documented
/// success status with a valid token, and 401 without one; every API route is documented.
@Suite struct OpenAPITests {
    @Test func theDocumentIsServedAndWellFormed() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            #expect(json["openapi"] as? String == "3.1.0")
            let paths = try #require(json["paths"] as? [String: [String: Any]])
            #expect(paths.values.reduce(0) { $0 + $1.count } == OpenAPIDocument.operations.count)
            // Every $ref points at a schema that exists.
            let text = response.body.string
            let schemas = try #require((json["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let refs = text.components(separatedBy: "#/components/schemas/").dropFirst()
                .map { String($0.prefix { $0.isLetter || $0.isNumber }) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }

    @Test func everyAPIRouteIsDocumented() async throws {
        try await withApp { app in
            let documented = Set(OpenAPIDocument.operations.map { "\($0.method.uppercased()) \($0.path)" })
            let registered = app.routes.all.filter { $0.path.first?.description == "api" && $0.path.count > 1 && $0.path[1].description == "v1" }
                .map { route in
                    "\(route.method.rawValue) /" + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                }
            #expect(Set(registered) == documented)
        }
    }

    @Test func everyOperationAnswersAsDocumented() async throws {
        try await withApp { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let admin = try await fx.person("admin@acme.test", in: org, roles: [.admin])
            let course = try await fx.course(in: org)
            let cohort = try await fx.cohort(in: org, course: course)
            let newcomer = try await fx.person("new@acme.test", in: org)
            let enrolled = try await fx.person("enrolled@acme.test", in: org)
            try await fx.enroll(enrolled, in: cohort)
            let invitation = InvitationRecord(organizationID: org.id!, input: InvitationInput(name: "I", email: EmailAddress("i@acme.test")!, role: .learner, cohortID: nil),
                                              tokenHash: "h", expiresAt: Date().addingTimeInterval(3600), invitedBy: admin.id!)
            try await invitation.save(on: app.db)
            course.status = .published
            try await course.save(on: app.db)
            let (module, activity) = try await fx.lesson(in: course)
            let token = try await fx.token(for: admin)
            // Not `enrolled`: an earlier operation removes that enrollment.
            let follower = try await fx.person("follower@acme.test", in: org)
            try await fx.enroll(follower, in: cohort)
            let learnerToken = try await fx.token(for: follower)
            // The admin also trains the cohort: they may write to its learners.
            try await fx.enroll(admin, in: cohort, as: .trainer)
            let channel = try await ChatStore.channel(cohortID: cohort.id!, organizationID: org.id!, on: app.db)
            // A peer assignment: another learner handed in, and the follower holds a review of that work.
            let peer = try await PeerAssignmentAuthoring.add(ActivityInput(title: "Your case", estimatedMinutes: 30, required: false, due: nil), to: module, on: app.db)
            let author = try await fx.person("author@acme.test", in: org)
            try await fx.enroll(author, in: cohort)
            let work = PeerSubmissionRecord(organizationID: org.id!, cohortID: cohort.id!, activityID: peer.id!, personID: author.id!,
                                            text: "The author's work", at: Date())
            try await work.create(on: app.db)
            let held = PeerReviewRecord(cohortID: cohort.id!, activityID: peer.id!, submissionID: work.id!, reviewerID: follower.id!,
                                        kind: .peer, at: Date(), leaseEnds: Date().addingTimeInterval(3600))
            try await held.create(on: app.db)
            let peerRecord = try await PeerAssignmentAuthoring.record(of: peer.id!, on: app.db)
            var peerSettings = peerRecord.settings
            peerSettings.submissionKind = .textAndFiles
            try peerRecord.apply(peerSettings)
            try await peerRecord.save(on: app.db)
            let file = PeerSubmissionFileRecord()
            file.organizationID = org.id!; file.cohortID = cohort.id!; file.activityID = peer.id!; file.personID = author.id!
            file.blob = try await app.blobStore.store(Samples.pdf).hex
            file.filename = "author-notes.pdf"; file.contentType = FileType.pdf.mediaType; file.byteCount = Samples.pdf.count
            file.addedAt = Date()
            try await file.create(on: app.db)
            let bodies: [String: String] = [
                "CourseStatus": #"{"status":"published"}"#,
                "CreateModule": #"{"title":"Week 2","unlock":{"week":2,"weekday":1}}"#,
                "LessonInput": #"{"title":"Read","markdown":"**Hi**","due":{"week":1,"weekday":5}}"#,
                "ProgressUpdate": #"{"done":true}"#,
                "CreateCourse": #"{"name":"Course","description":"D"}"#,
                "CreateCohort": #"{"name":"C","course_id":"\#(course.id!.uuidString)","start_date":"2027-01-01","end_date":"2027-02-01","capacity":10}"#,
                "CreateEnrollment": #"{"person_id":"\#(newcomer.id!.uuidString)"}"#,
                "CreateInvitation": #"{"name":"Zoe","email":"zoe@acme.test","role":"learner"}"#,
                "StartConversation": #"{"person_id":"\#(follower.id!.uuidString)"}"#,
                "SendMessage": #"{"body":"Hello **all**","ref":"r1"}"#,
                "ReadUpTo": #"{"sequence":1}"#,
                "PeerSubmission": #"{"text":"My **work**"}"#,
                "PeerAssessment": #"{"levels":[2,3],"comments":["",""],"overall":"Clear problem, and a proposal that would work here."}"#,
            ]
            let ids = ["{orgID}": org.id!.uuidString, "{cohortID}": cohort.id!.uuidString, "{courseID}": course.id!.uuidString,
                       "{moduleID}": module.id!.uuidString, "{activityID}": activity.id!.uuidString,
                       "{personID}": enrolled.id!.uuidString, "{invitationID}": invitation.id!.uuidString,
                       "{conversationID}": channel.id!.uuidString, "{sequence}": "1",
                       "{assignmentID}": peer.id!.uuidString, "{reviewID}": held.id!.uuidString, "{fileID}": file.id!.uuidString]
            for op in OpenAPIDocument.operations {
                var path = op.path
                for (name, value) in ids { path = path.replacingOccurrences(of: name, with: value) }
                let method = HTTPMethod(rawValue: op.method.uppercased())
                var body = op.body.map { ByteBuffer(string: bodies[$0] ?? "") }
                var headers = { (token: String?) in APITests.headers(token) }
                if op.mediaType == "multipart/form-data" {
                    // An upload: a real image, as a multipart form, with its query.
                    path += "?kind=image"
                    let boundary = "openapi-test-boundary"
                    body = ByteBuffer(bytes: Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n".utf8)
                                      + Samples.png + Array("\r\n--\(boundary)--\r\n".utf8))
                    headers = { token in
                        var multipart = APITests.headers(token, json: false)
                        multipart.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                        return multipart
                    }
                }
                let anonymous = try await app.testing().sendRequest(method, path, headers: headers(nil), body: body)
                #expect(anonymous.status == .unauthorized, "\(op.method) \(op.path) anonymous")
                // Progress is the caller's own: a learner of the cohort asks for it.
                // So is peer review: the follower hands in, asks for work and assesses it.
                let caller = op.path.hasSuffix("/progress") || op.path.contains("/peer-") ? learnerToken : token
                let response = try await app.testing().sendRequest(method, path, headers: headers(caller), body: body)
                #expect(Int(response.status.code) == op.success, "\(op.method) \(op.path) → \(response.status) \(response.body.string)")
                if op.response != nil {
                    #expect((try? JSONSerialization.jsonObject(with: Data(response.body.string.utf8))) != nil)
                }
            }
        }
    }
}
