import Foundation
import Logging
import NIOPosix
import NIOSSL
import Testing
@testable import App

/// STARTTLS against aiosmtpd with a self-signed certificate for `localhost`.
@Suite(.enabled(if: SMTPSink.enabled, "needs python3 with aiosmtpd; CI sets ATELIER_REQUIRE_SMTP_TESTS=1"))
struct SMTPMailerTLSTests {
    static func mailer(port: Int, security: SMTPConfiguration.Security, trustRoots: NIOSSLTrustRoots,
                       username: String? = nil, password: String? = nil) -> SMTPMailer {
        let configuration = SMTPConfiguration(
            host: "localhost", port: port, security: security, username: username, password: password,
            heloName: "atelier.test", timeout: .seconds(5))
        return SMTPMailer(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                          logger: Logger(label: "test.smtp"), trustRoots: trustRoots)
    }

    @Test func startTLSWithTrustedCertificateThenAuth() async throws {
        let sink = try await SMTPSink(auth: "mailer:pw", tls: true)
        defer { sink.stop() }
        let mailer = Self.mailer(port: sink.port, security: .startTLSRequired,
                                 trustRoots: .file(sink.certificatePath), username: "mailer", password: "pw")
        try await mailer.send(SMTPMailerTests.message)
        let received = try sink.received()
        #expect(received.count == 1)
        #expect(received.first?.subject == SMTPMailerTests.message.subject)
    }

    @Test func startTLSIfAvailableStillVerifiesTheCertificate() async throws {
        let sink = try await SMTPSink(tls: true)
        defer { sink.stop() }
        let error = await #expect(throws: SMTPError.self) {
            try await Self.mailer(port: sink.port, security: .startTLSIfAvailable, trustRoots: .default)
                .send(SMTPMailerTests.message)
        }
        guard case .tlsFailed = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(try sink.received().isEmpty)
    }
}
