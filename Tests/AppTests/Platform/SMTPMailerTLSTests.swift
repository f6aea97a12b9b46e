import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Testing
@testable import App

/// STARTTLS against aiosmtpd with a self-signed certificate for `localhost`.
@Suite(.enabled(if: SMTPSink.enabled, "needs python3 with aiosmtpd; CI sets ATELIER_REQUIRE_SMTP_TESTS=1"),
       .timeLimit(.minutes(1)))
struct SMTPMailerTLSTests {
    static func mailer(port: Int, security: SMTPConfiguration.Security, trustRoots: NIOSSLTrustRoots,
                       username: String? = nil, password: String? = nil, timeout: Duration = .seconds(5)) -> SMTPMailer {
        let configuration = SMTPConfiguration(
            host: "localhost", port: port, security: security, username: username, password: password,
            heloName: "atelier.test", timeout: timeout)
        return SMTPMailer(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                          logger: Logger(label: "test.smtp"), trustRoots: trustRoots)
    }

    @Test func startTLSWithTrustedCertificateThenAuth() async throws {
        try await SMTPSink.with(auth: "mailer:pw", tls: true) { sink throws in
            let mailer = Self.mailer(port: sink.port, security: .startTLSRequired,
                                     trustRoots: .file(sink.certificatePath), username: "mailer", password: "pw")
            try await mailer.send(SMTPMailerTests.message)
            let received = try sink.received()
            #expect(received.count == 1)
            #expect(received.first?.subject == SMTPMailerTests.message.subject)
        }
    }

    @Test func startTLSIfAvailableStillVerifiesTheCertificate() async throws {
        try await SMTPSink.with(tls: true) { sink throws in
            let started = ContinuousClock.now
            let error = await #expect(throws: SMTPError.self) {
                try await Self.mailer(port: sink.port, security: .startTLSIfAvailable, trustRoots: .default, timeout: .seconds(45))
                    .send(SMTPMailerTests.message)
            }
            guard case .tlsFailed = error else { Issue.record("got \(String(describing: error))"); return }
            // Far below the 45 s timeout (a margin a loaded machine keeps; 5 s against 5 s did not),
            // which itself stays below the suite's one-minute limit.
            #expect(ContinuousClock.now - started < .seconds(20), "a failed handshake must not wait for a timeout")
            #expect(try sink.received().isEmpty)
        }
    }

    /// The race behind a hang: the handshake fails and the channel closes (tearing down its
    /// pipeline) before the next command is written. That command must fail with the handshake
    /// error at once, not wait forever for a reply nobody will deliver.
    @Test func commandWrittenAfterAFailedHandshakeClosedTheChannelFailsWithTheTLSError() async throws {
        try await SMTPSink.with(tls: true) { sink throws in
            let connection = try await SMTPConnection.connect(
                host: "localhost", port: sink.port, implicitTLS: false, timeout: .seconds(30),
                trustRoots: .default, group: MultiThreadedEventLoopGroup.singleton)
            try await connection.expect(nil, name: "greeting", [220])
            try await connection.expect("EHLO atelier.test", name: "EHLO", [250])
            try await connection.expect("STARTTLS", name: "STARTTLS", [220])
            try await connection.startTLS()
            try await connection.channel.closeFuture.get()  // the handshake failed; handlers are gone
            let started = ContinuousClock.now
            let error = await #expect(throws: SMTPError.self) {
                try await connection.send("EHLO atelier.test", name: "EHLO")
            }
            guard case .tlsFailed = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(ContinuousClock.now - started < .seconds(10), "far below the 30 s timeout")
        }
    }
}
