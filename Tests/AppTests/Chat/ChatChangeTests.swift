@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Authors edit and delete their messages within 15 minutes; no one else ever.
@Suite struct ChatChangeTests {
    /// Lea writes "Original text" to Tom; returns her browser and the message's paths.
    private func leaWrites(_ c: ChatClass, _ app: Application) async throws -> (Browser, conversation: String, edit: String, delete: String) {
        var lea = try await Fixtures(app: app).signedIn(c.lea)
        let path = try #require(try await c.direct(&lea, to: c.trainer).location)
        try await lea.post(path + "/messages", ["body": "Original text"])
        return (lea, path, path + "/messages/1/edit", path + "/messages/1/delete")
    }

    private func message(_ app: Application) async throws -> MessageRecord {
        try #require(try await MessageRecord.query(on: app.db).filter(\.$sequence == 1).first())
    }

    @Test func anAuthorEditsThenDeletesTheirMessageAndEveryoneSeesIt() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var (lea, path, edit, delete) = try await leaWrites(c, app)
            #expect(try await lea.get(path).text.contains(#"href="\#(edit)""#), "an Edit link under her own message")
            let form = try await lea.get(edit)
            #expect(form.status == .ok)
            #expect(form.text.contains("Original text</textarea>"))
            #expect(try await lea.post(edit, ["body": "Changed **text**"]).location == path + "#message-1")
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let seen = try await tom.get(path).text
            #expect(seen.contains("Changed <strong>text</strong>"))
            #expect(seen.contains(" · edited"))
            #expect(!seen.contains("Original text"))
            #expect(!seen.contains(edit), "no Edit link on someone else's message")
            #expect(try await NotificationRecord.query(on: app.db).first()?.excerpt == "Changed text", "the bell shows the new text")

            #expect(try await lea.post(delete, [:]).location == path + "#message-1")
            let gone = try await tom.get(path).text
            #expect(gone.contains("This message was deleted."))
            #expect(!gone.contains("Changed"))
            let record = try await message(app)
            #expect(record.body.isEmpty && record.html.isEmpty, "its text is gone from the database too")
            #expect(record.deletedAt != nil)
            #expect(try await NotificationRecord.query(on: app.db).first()?.excerpt == "(This message was deleted.)")
            // A deleted message cannot come back, through the page or underneath it (an edit that
            // raced the deletion finds nothing to change).
            let again = try await lea.post(edit, ["body": "resurrected"])
            #expect(again.status == .conflict)
            #expect(again.text.contains("already deleted"))
            let conversation = try #require(try await ConversationRecord.find(record.conversationID, on: app.db))
            await #expect(throws: ChatError.self) {
                try await ChatStore.change(1, in: conversation, by: c.lea.domain(), to: "resurrected", on: app.db,
                                           broadcaster: app.realtime.broadcaster)
            }
            #expect(try await message(app).body.isEmpty)
        }
    }

    @Test func nobodyElseMayChangeAMessage() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let (_, _, edit, delete) = try await leaWrites(c, app)
            for person in [c.trainer, c.max, c.stranger] {
                var other = try await Fixtures(app: app).signedIn(person)
                #expect(try await other.get(edit).status == .notFound)
                #expect(try await other.post(edit, ["body": "hijacked"]).status == .notFound)
                #expect(try await other.post(delete, [:]).status == .notFound)
            }
            let record = try await message(app)
            #expect(record.body == "Original text" && record.editedAt == nil && record.deletedAt == nil)
        }
    }

    @Test func badEditsAndLateOnesAreRefusedAndChangeNothing() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var (lea, path, edit, delete) = try await leaWrites(c, app)
            let empty = try await lea.post(edit, ["body": "   "])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await lea.post(edit, ["body": "x"], csrf: false).status == .forbidden)
            #expect(try await lea.get(path + "/messages/9/edit").status == .notFound)
            #expect(try await lea.get(path + "/messages/abc/edit").status == .notFound)
            #expect(try await message(app).body == "Original text")
            // Sixteen minutes later: too late, with a clear answer.
            let record = try await message(app)
            record.sentAt = Date().addingTimeInterval(-16 * 60)
            try await record.save(on: app.db)
            #expect(!(try await lea.get(path)).text.contains(edit), "no Edit link once it is too late")
            let late = try await lea.post(edit, ["body": "too late"])
            #expect(late.status == .forbidden)
            #expect(late.text.contains("only in the 15 minutes after it is sent"))
            #expect(try await lea.post(delete, [:]).status == .forbidden)
            #expect(try await message(app).body == "Original text")
        }
    }
}
