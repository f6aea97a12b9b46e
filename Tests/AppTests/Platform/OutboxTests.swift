@testable import App
import Fluent
import Foundation
import Testing
import VaporTesting

/// A mailer that fails a set number of times, then works.
actor FlakyMailer: Mailer {
    var failuresLeft: Int
    var sent: [MailMessage] = []
    init(failures: Int) { failuresLeft = failures }
    func send(_ message: MailMessage) async throws {
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw SMTPError.connectionFailed("server down")
        }
        sent.append(message)
    }
}

@Suite struct OutboxTests {
    static let message = MailMessage(from: MailAddress("a@x.test"), to: [MailAddress("b@x.test")], subject: "Hi", text: "Body", html: nil)

    @Test func anOutageLosesNothingAndRetriesWithBackoff() async throws {
        let mailer = FlakyMailer(failures: 2)
        try await withApp(mailer: mailer) { app in
            try await Outbox.enqueue(Self.message, on: app.db)
            let start = Date()
            #expect(try await Outbox.drain(app: app, now: start) == 0)
            let mail = try #require(try await OutboxMailRecord.query(on: app.db).first())
            #expect(mail.attempts == 1)
            #expect(mail.sentAt == nil)
            #expect(mail.lastError?.contains("server down") == true)
            // Not due yet: nothing is tried.
            #expect(try await Outbox.drain(app: app, now: start.addingTimeInterval(10)) == 0)
            #expect(try await OutboxMailRecord.query(on: app.db).first()?.attempts == 1)
            #expect(try await Outbox.drain(app: app, now: start.addingTimeInterval(31)) == 0)
            #expect(try await Outbox.drain(app: app, now: start.addingTimeInterval(31 + 61)) == 1)
            #expect(await mailer.sent == [Self.message])
            let sent = try #require(try await OutboxMailRecord.query(on: app.db).first())
            #expect(sent.sentAt != nil)
            #expect(sent.payload.isEmpty, "sent mail keeps no copy of its single-use links")
            // Sent mail is not sent again.
            #expect(try await Outbox.drain(app: app, now: start.addingTimeInterval(3600)) == 0)
        }
    }
}
