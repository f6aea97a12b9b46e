@testable import App
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct PasswordResetTests {
    @Test func theAnswerIsTheSameWhetherOrNotTheAccountExists() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            let known = try await browser.post("/forgot-password", ["email": "lea@acme.test"])
            let unknown = try await browser.post("/forgot-password", ["email": "nobody@acme.test"])
            #expect(known.status == unknown.status)
            #expect(known.location == unknown.location)
            #expect(try await OutboxMailRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func resetMailsCannotFloodAnInbox() async throws {
        try await withApp(mailer: RecordingMailer()) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            for _ in 0..<6 {
                #expect(try await browser.post("/forgot-password", ["email": "lea@acme.test"]).location == "/sign-in")
            }
            #expect(try await OutboxMailRecord.query(on: app.db).count() == PasswordResetController.mailsPerHour)
        }
    }

    @Test func aResetLinkWorksOnceAndEndsOtherSessions() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            let lea = try await fx.person("lea@acme.test", in: org)
            var otherDevice = try await fx.signedIn(lea)
            var browser = Browser(app)
            try await browser.post("/forgot-password", ["email": "LEA@acme.test"])
            try await Outbox.drain(app: app)
            let mail = try #require(await mailer.sent.first)
            let range = try #require(mail.text.range(of: #"/reset-password/[A-Za-z0-9_-]+"#, options: .regularExpression))
            let path = String(mail.text[range])
            #expect(try await browser.get(path).status == .ok)
            let short = try await browser.post(path, ["password": "short", "password_confirmation": "short"])
            #expect(short.status == .unprocessableEntity)
            let done = try await browser.post(path, ["password": "a brand new password", "password_confirmation": "a brand new password"])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
            #expect(try await otherDevice.get("/").location == "/sign-in")
            var fresh = Browser(app)
            #expect(try await fresh.get(path).status == .notFound)
            #expect(try await fresh.post("/sign-in", ["email": "lea@acme.test", "password": "a brand new password"]).status == .seeOther)
        }
    }

    @Test func expiredResetLinksAreRefused() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let fx = Fixtures(app: app)
            let org = try await fx.organization()
            try await fx.person("lea@acme.test", in: org)
            var browser = Browser(app)
            try await browser.post("/forgot-password", ["email": "lea@acme.test"])
            try await Outbox.drain(app: app)
            try await PasswordResetRecord.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            let mail = try #require(await mailer.sent.first)
            let range = try #require(mail.text.range(of: #"/reset-password/[A-Za-z0-9_-]+"#, options: .regularExpression))
            #expect(try await browser.get(String(mail.text[range])).status == .notFound)
        }
    }
}
