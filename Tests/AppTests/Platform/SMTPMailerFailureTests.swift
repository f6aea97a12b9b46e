import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing
@testable import App

/// Failures that need no SMTP server: nothing listening, a server that never answers,
/// a message refused before connecting.
struct SMTPMailerFailureTests {
    static func mailer(port: Int, timeout: Duration = .seconds(5)) -> SMTPMailer {
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: port, security: .none, timeout: timeout)
        return SMTPMailer(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                          logger: Logger(label: "test.smtp"))
    }

    static let message = MailMessage(
        from: MailAddress("noreply@atelier.test"), to: [MailAddress("ada@example.com")],
        subject: "Hello", text: "Hi")

    @Test func serverNotListeningIsATransientConnectionFailure() async throws {
        let port = try await SMTPSink.freePort()
        let error = await #expect(throws: SMTPError.self) {
            try await Self.mailer(port: port).send(Self.message)
        }
        guard case .connectionFailed = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(error?.isTransient == true)
    }

    @Test func silentServerTimesOut() async throws {
        // Accepts connections and never sends a greeting.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let started = ContinuousClock.now
        await #expect(throws: SMTPError.timeout("greeting")) {
            try await Self.mailer(port: server.localAddress!.port!, timeout: .milliseconds(300)).send(Self.message)
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(SMTPError.timeout("greeting").isTransient)
    }

    @Test func headerInjectionIsRefusedBeforeConnecting() async throws {
        let port = try await SMTPSink.freePort()  // nothing listens: a connection attempt would fail differently
        var message = Self.message
        message.subject = "Hi\r\nBcc: victim@example.com"
        await #expect(throws: SMTPError.invalidMessage("line break in the subject (header injection refused)")) {
            try await Self.mailer(port: port).send(message)
        }
    }
}
