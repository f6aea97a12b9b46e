@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The chat and the notification centre over the JSON API: the pages' rules, as JSON.
@Suite struct APIChatTests {
    private func call(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, "/api/v1" + path, headers: APITests.headers(token), body: json.map { ByteBuffer(string: $0) })
    }

    private func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
    }

    @Test func aLearnerWritesToTheirTrainerOnceEvenWhenSendingTwice() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let lea = try await fx.token(for: c.lea), tom = try await fx.token(for: c.trainer)
            let org = "/organizations/\(c.org.id!.uuidString)"
            let started = try await call(app, .POST, org + "/conversations", token: lea, json: #"{"person_id":"\#(c.trainer.id!.uuidString)"}"#)
            #expect(started.status == .created)
            let conversation = try #require(try object(started)["id"] as? String)
            let path = org + "/conversations/\(conversation)"
            #expect(try await call(app, .POST, org + "/conversations", token: lea, json: #"{"person_id":"\#(c.max.id!.uuidString)"}"#).status
                    == .notFound, "learners of this cohort write only to staff")
            for _ in 0..<2 {
                let sent = try await call(app, .POST, path + "/messages", token: lea, json: #"{"body":"Can we talk about **week 2**?","ref":"abc"}"#)
                #expect(sent.status == .created)
                #expect(try object(sent)["sequence"] as? Int == 1)
                #expect(try object(sent)["html"] as? String == "<p>Can we talk about <strong>week 2</strong>?</p>\n")
            }
            #expect(try await MessageRecord.query(on: app.db).count() == 1, "the same ref is saved once")
            // Tom's list says it is unread; his bell too; reading clears both.
            let list = try await call(app, .GET, org + "/conversations", token: tom)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.body.string.utf8)) as? [[String: Any]])
            let direct = try #require(entries.first { $0["id"] as? String == conversation })
            #expect(direct["unread"] as? Int == 1 && direct["title"] as? String == "Lea" && direct["kind"] as? String == "direct")
            #expect(entries.contains { $0["kind"] as? String == "channel" && $0["title"] as? String == "Autumn" })
            let bell = try object(try await call(app, .GET, "/notifications", token: tom))
            #expect(bell["unread"] as? Int == 1)
            #expect(((bell["items"] as? [[String: Any]])?.first?["title"] as? String) == "Lea wrote to you")
            #expect(try await call(app, .POST, path + "/read", token: tom, json: #"{"sequence":1}"#).status == .noContent)
            let after = try await call(app, .GET, org + "/conversations", token: tom)
            #expect(after.body.string.contains(#""unread":0"#))
            #expect(try object(try await call(app, .GET, "/notifications", token: tom))["unread"] as? Int == 0)
            let page = try object(try await call(app, .GET, path + "/messages", token: tom))
            #expect((page["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func badInputIsRefusedClearlyAndChangesNothing() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let lea = try await fx.token(for: c.lea)
            let org = "/organizations/\(c.org.id!.uuidString)"
            let conversation = try #require(try object(try await call(app, .POST, org + "/conversations", token: lea,
                                                                      json: #"{"person_id":"\#(c.trainer.id!.uuidString)"}"#))["id"] as? String)
            let path = org + "/conversations/\(conversation)/messages"
            for (body, status) in [(#"{"body":"   "}"#, HTTPResponseStatus.unprocessableEntity),
                                   (#"{"body":"\#(String(repeating: "a", count: 4_001))"}"#, .unprocessableEntity),
                                   (#"{"body":"hi","ref":""}"#, .unprocessableEntity),
                                   (#"{"body":42}"#, .badRequest), ("not json", .badRequest)] {
                #expect(try await call(app, .POST, path, token: lea, json: body).status == status, "\(body.prefix(30))")
            }
            #expect(try await call(app, .POST, org + "/conversations/\(conversation)/read", token: lea, json: #"{"sequence":-1}"#).status
                    == .unprocessableEntity)
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func othersCannotReadWriteOrChangeAConversation() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let lea = try await fx.token(for: c.lea)
            let org = "/organizations/\(c.org.id!.uuidString)"
            let conversation = try #require(try object(try await call(app, .POST, org + "/conversations", token: lea,
                                                                      json: #"{"person_id":"\#(c.trainer.id!.uuidString)"}"#))["id"] as? String)
            let path = org + "/conversations/\(conversation)"
            _ = try await call(app, .POST, path + "/messages", token: lea, json: #"{"body":"private"}"#)
            let max = try await fx.token(for: c.max), tom = try await fx.token(for: c.trainer), sam = try await fx.token(for: c.stranger)
            for token in [max, sam] {
                #expect(try await call(app, .GET, path + "/messages", token: token).status == .notFound)
                #expect(try await call(app, .POST, path + "/messages", token: token, json: #"{"body":"sneaky"}"#).status == .notFound)
            }
            // Tom reads it, but it is Lea's to change.
            #expect(try await call(app, .PUT, path + "/messages/1", token: tom, json: #"{"body":"changed"}"#).status == .notFound)
            #expect(try await call(app, .DELETE, path + "/messages/1", token: tom).status == .notFound)
            #expect(try await MessageRecord.query(on: app.db).first()?.body == "private")
            let edited = try await call(app, .PUT, path + "/messages/1", token: lea, json: #"{"body":"private, *edited*"}"#)
            #expect(edited.status == .ok)
            #expect(try object(edited)["edited_at"] is String)
            #expect(try await call(app, .DELETE, path + "/messages/1", token: lea).status == .noContent)
            #expect(try await MessageRecord.query(on: app.db).first()?.deletedAt != nil)
            // Sam's notifications hold nothing of Acme's.
            #expect(try object(try await call(app, .GET, "/notifications", token: sam))["unread"] as? Int == 0)
        }
    }
}
