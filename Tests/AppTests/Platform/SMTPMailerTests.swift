import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing
@testable import App

/// `SMTPMailer` against a real SMTP server (aiosmtpd via `smtp_sink.py`).
@Suite(.enabled(if: SMTPSink.enabled, "needs python3 with aiosmtpd; CI sets ATELIER_REQUIRE_SMTP_TESTS=1"),
       .timeLimit(.minutes(1)))
struct SMTPMailerTests {
    static func mailer(
        port: Int, security: SMTPConfiguration.Security = .none, username: String? = nil, password: String? = nil
    ) -> SMTPMailer {
        let configuration = SMTPConfiguration(
            host: "127.0.0.1", port: port, security: security, username: username, password: password,
            heloName: "atelier.test", timeout: .seconds(5))
        return SMTPMailer(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                          logger: Logger(label: "test.smtp"))
    }

    static let message = MailMessage(
        from: MailAddress("noreply@atelier.test", name: "Atelier"),
        to: [MailAddress("ada@example.com", name: "Ada Lovelace"), MailAddress("bob@example.com")],
        subject: "Bienvenue à l’atelier ✨ — votre inscription",
        text: "Bonjour Ada,\n.this line starts with a dot\n.\nÀ bientôt",
        html: "<p>Bonjour <b>Ada</b></p>\n.<p>dot</p>")

    @Test func deliversMultipartMailWithUnicodeSubjectAndDotLines() async throws {
        try await SMTPSink.with { sink throws in
            try await Self.mailer(port: sink.port).send(Self.message)
            let received = try sink.received()
            try #require(received.count == 1)
            let mail = received[0]
            #expect(mail.mail_from == "noreply@atelier.test")
            #expect(mail.rcpt_tos == ["ada@example.com", "bob@example.com"])
            #expect(mail.subject == Self.message.subject)
            #expect(mail.from == "Atelier <noreply@atelier.test>")
            #expect(mail.to == "Ada Lovelace <ada@example.com>, bob@example.com")
            #expect(mail.content_type == "multipart/alternative")
            #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n") == Self.message.text)
            #expect(mail.html?.replacingOccurrences(of: "\r\n", with: "\n") == Self.message.html)
            #expect(mail.eml.contains("\r\n.this line starts with a dot\r\n"))
            #expect(!mail.eml.contains("..this"))
            #expect(mail.eml.contains("Subject: =?UTF-8?B?"))
            #expect(mail.eml.contains("Message-ID: <") && mail.eml.contains("@atelier.test>"))
        }
    }

    @Test func authPlainWithRightCredentials() async throws {
        try await SMTPSink.with(auth: "mailer:s3cret:x") { sink throws in
            try await Self.mailer(port: sink.port, username: "mailer", password: "s3cret:x").send(Self.message)
            #expect(try sink.received().count == 1)
        }
    }

    @Test func authLoginWhenPlainIsNotOffered() async throws {
        try await SMTPSink.with(auth: "mailer:pw", onlyLogin: true) { sink throws in
            try await Self.mailer(port: sink.port, username: "mailer", password: "pw").send(Self.message)
            #expect(try sink.received().count == 1)
        }
    }

    @Test func wrongCredentialsFailWithAuthenticationFailed() async throws {
        try await SMTPSink.with(auth: "mailer:s3cret") { sink throws in
            let error = await #expect(throws: SMTPError.self) {
                try await Self.mailer(port: sink.port, username: "mailer", password: "wrong").send(Self.message)
            }
            guard case .authenticationFailed = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(error?.isTransient == false)
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func startTLSRequiredButNotOffered() async throws {
        try await SMTPSink.with { sink throws in
            await #expect(throws: SMTPError.tlsRequiredButNotOffered) {
                try await Self.mailer(port: sink.port, security: .startTLSRequired).send(Self.message)
            }
            #expect(try sink.received().isEmpty)
        }
    }

    @Test func missingAiosmtpdFailsWhenRequired() {
        if SMTPSink.required {
            #expect(SMTPSink.aiosmtpdAvailable, "ATELIER_REQUIRE_SMTP_TESTS=1 but python3 cannot import aiosmtpd")
        }
    }
}
