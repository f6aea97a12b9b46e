import Foundation
import Logging
import NIOCore
import NIOSSL

/// Sends each message over its own SMTP connection: greeting, EHLO (or HELO), STARTTLS when
/// offered and allowed, AUTH PLAIN/LOGIN when a user name is set, MAIL/RCPT/DATA, QUIT.
public struct SMTPMailer: Mailer {
    /// The server and how to talk to it.
    public let configuration: SMTPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let trustRoots: NIOSSLTrustRoots

    /// Creates a mailer; nothing connects until `send`.
    public init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.init(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger, trustRoots: .default)
    }

    /// Tests pass their own trust roots to talk TLS to a server with a self-signed certificate.
    init(configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger,
         trustRoots: NIOSSLTrustRoots) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.trustRoots = trustRoots
    }

    /// Delivers `message` to the configured server. Invalid messages are refused before connecting.
    /// Throws `SMTPError`; `isTransient` tells whether a retry may help. Besides the per-step
    /// `timeout`, the whole delivery is bounded by `deadline(for:)`: when it passes, the
    /// connection is closed and `SMTPError.timeout("send")` thrown, so a caller (the outbox
    /// worker) can never wait forever. Cancelling the calling task also closes the connection.
    public func send(_ message: MailMessage) async throws {
        let config = configuration
        let data = try MIMEMessage(message, heloName: config.heloName).smtpData
        var logger = self.logger
        logger[metadataKey: "smtp.host"] = "\(config.host):\(config.port)"
        let opened = OpenedConnection()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { [logger] in
                    try await deliver(message, data: data, logger: logger, opened: opened)
                }
                group.addTask { [deadline = Self.deadline(for: config, message: message)] in
                    try await Task.sleep(for: deadline)
                    opened.close()
                    throw SMTPError.timeout("send")
                }
                // The first child to finish decides; the other is cancelled (the delivery's
                // cancellation fails its pending reply and closes the channel) and awaited.
                defer { group.cancelAll() }
                _ = try await group.next()
            }
            logger.info("mail sent", metadata: ["recipients": "\(message.to.count)"])
        } catch {
            logger.warning("mail not sent", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// The limit for one whole `send`: a backstop well above what a healthy conversation takes
    /// (each step is bounded by `timeout` on its own), far below forever. Four steps' worth plus
    /// one per recipient (there is one RCPT TO per recipient).
    static func deadline(for configuration: SMTPConfiguration, message: MailMessage) -> Duration {
        configuration.timeout * (4 + message.to.count)
    }

    /// Connects and converses; the connection is closed whatever happens. `opened` lets the
    /// overall deadline close the connection as soon as it passes.
    private func deliver(
        _ message: MailMessage, data: String, logger: Logger, opened: OpenedConnection
    ) async throws {
        let config = configuration
        let connection = try await SMTPConnection.connect(
            host: config.host, port: config.port, implicitTLS: config.security == .implicitTLS,
            timeout: config.timeout, trustRoots: trustRoots, group: eventLoopGroup)
        opened.set(connection)
        do {
            try Task.checkCancellation()  // the deadline passed while connecting
            try await converse(connection, message: message, data: data, logger: logger)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }

    private func converse(
        _ connection: SMTPConnection, message: MailMessage, data: String, logger: Logger
    ) async throws {
        try await connection.expect(nil, name: "greeting", [220])
        var extensions = try await hello(connection)
        var secure = configuration.security == .implicitTLS
        let wantsTLS = [.startTLSIfAvailable, .startTLSRequired].contains(configuration.security)
        if wantsTLS && extensions["STARTTLS"] != nil {
            try await connection.expect("STARTTLS", name: "STARTTLS", [220])
            try await connection.startTLS()
            extensions = try await hello(connection)
            secure = true
            logger.debug("smtp connection upgraded with STARTTLS")
        } else if configuration.security == .startTLSRequired {
            throw SMTPError.tlsRequiredButNotOffered
        }
        if let username = configuration.username {
            try await SMTPAuthentication.authenticate(
                connection, username: username, password: configuration.password ?? "",
                offered: extensions["AUTH"] ?? [], secure: secure || allowsPlaintextAuth)
        }
        try await connection.expect("MAIL FROM:<\(message.from.email)>", name: "MAIL FROM", [250])
        for recipient in message.to {
            try await connection.expect("RCPT TO:<\(recipient.email)>", name: "RCPT TO", [250, 251])
        }
        try await connection.expect("DATA", name: "DATA", [354])
        try await connection.expect(raw: data, name: "end of DATA", [250])
        _ = try? await connection.send("QUIT", name: "QUIT")
    }

    /// EHLO, or HELO when the server rejects EHLO. Returns the extensions by upper-cased
    /// keyword, with their upper-cased parameters (e.g. `["AUTH": ["PLAIN", "LOGIN"]]`).
    private func hello(_ connection: SMTPConnection) async throws -> [String: [String]] {
        let reply = try await connection.send("EHLO \(configuration.heloName)", name: "EHLO")
        if (500..<600).contains(reply.code) {
            try await connection.expect("HELO \(configuration.heloName)", name: "HELO", [250])
            return [:]
        }
        guard reply.code == 250 else {
            throw SMTPError.unexpectedReply(command: "EHLO", code: reply.code, text: reply.text)
        }
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword, default: []] += words.dropFirst()
        }
        return extensions
    }

    /// Credentials may cross an unencrypted connection only to this machine, or when TLS is off
    /// on purpose (`security: .none`).
    private var allowsPlaintextAuth: Bool {
        configuration.security == .none
            || ["localhost", "127.0.0.1", "::1"].contains(configuration.host.lowercased())
    }
}

/// The connection of one `send`, once open, for the overall deadline to close. If the deadline
/// closes before the connection is set, `set` closes it at once.
private final class OpenedConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: SMTPConnection?
    private var closed = false

    func set(_ connection: SMTPConnection) {
        let close = lock.withLock {
            self.connection = connection
            return closed
        }
        if close { connection.channel.close(promise: nil) }
    }

    func close() {
        let connection = lock.withLock {
            closed = true
            return self.connection
        }
        connection?.channel.close(promise: nil)
    }
}
