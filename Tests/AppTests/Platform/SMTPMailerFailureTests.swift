import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing
@testable import App

/// Failures that need no SMTP server: nothing listening, a server that never answers,
/// a message refused before connecting, a connection closed under a waiting command, cancellation.
@Suite(.timeLimit(.minutes(1)))
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
        var error: SMTPError?
        // On a loaded machine the connection itself can take longer than 300 ms (seen once among
        // hundreds of tests in parallel): the server's silence was not reached, so try again.
        for _ in 1...3 {
            error = await #expect(throws: SMTPError.self) {
                try await Self.mailer(port: server.localAddress!.port!, timeout: .milliseconds(300)).send(Self.message)
            }
            guard case .connectionFailed(let reason) = error, reason.contains("Connect timeout") else { break }
        }
        // Usually the greeting's own timeout; on a loaded machine the whole delivery's deadline can
        // fire first ("send"). Either way: a timeout, not a hang and not another failure.
        #expect(error == .timeout("greeting") || error == .timeout("send"), "got \(String(describing: error))")
        // Far below the 30 s default, so the 300 ms timeout was the one applied; generous, because
        // hundreds of tests run in parallel on two cores (3.2 s was seen under that load).
        #expect(ContinuousClock.now - started < .seconds(20))
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

    /// A command written after the channel closed (its pipeline torn down) fails at once.
    @Test func commandOnAClosedConnectionFailsAtOnce() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let connection = try await SMTPConnection.connect(
            host: "127.0.0.1", port: server.localAddress!.port!, implicitTLS: false, timeout: .seconds(30),
            trustRoots: .default, group: MultiThreadedEventLoopGroup.singleton)
        await connection.close()
        try await connection.channel.closeFuture.get()
        let started = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) {
            try await connection.send("EHLO atelier.test", name: "EHLO")
        }
        guard case .connectionFailed = error else { Issue.record("got \(String(describing: error))"); return }
        // Far below the 30 s timeout; not "under a second", which a loaded machine can miss.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    /// Cancelling a send (as the overall deadline does) ends it promptly, long before the
    /// per-step timeout, and closes the connection.
    @Test func cancellingASendEndsItPromptly() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let mailer = Self.mailer(port: server.localAddress!.port!, timeout: .seconds(30))
        let task = Task { try await mailer.send(Self.message) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        // Far below the 30 s default, so the 300 ms timeout was the one applied; generous, because
        // hundreds of tests run in parallel on two cores (3.2 s was seen under that load).
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func overallDeadlineGrowsWithTheRecipients() {
        let configuration = SMTPConfiguration(host: "127.0.0.1", timeout: .seconds(10))
        #expect(SMTPMailer.deadline(for: configuration, message: Self.message) == .seconds(50))
    }
}
