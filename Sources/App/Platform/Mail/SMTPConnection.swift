import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection driven with async/await: write a command, await its reply.
/// Every step is bounded by `timeout`; when it passes, the connection is closed. Every awaited
/// reply completes: with the reply, or with an `SMTPError` when the connection fails, closes,
/// times out, or the waiting task is cancelled (the connection is then closed too).
struct SMTPConnection: Sendable {
    let channel: any Channel
    let host: String
    let timeout: TimeAmount
    let trustRoots: NIOSSLTrustRoots
    /// The request/reply handler, kept to read why the connection failed after the pipeline
    /// has been torn down. Only touched on the channel's event loop.
    let handler: NIOLoopBound<SMTPClientHandler>

    /// Opens a TCP connection (with TLS from the start when `implicitTLS`) and installs the
    /// reply decoder and the request/reply handler. The greeting is left for `expect(nil, …)`.
    static func connect(
        host: String, port: Int, implicitTLS: Bool, timeout: Duration, trustRoots: NIOSSLTrustRoots,
        group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        let tls = implicitTLS ? try makeTLSContext(trustRoots: trustRoots) : nil
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(makeTLSHandler(tls, host: host)) }
                    try pipeline.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try pipeline.addHandler(SMTPClientHandler())
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw SMTPError.connectionFailed("\(host):\(port): \(error)")
        }
        do {
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self),
                             eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, host: host, timeout: TimeAmount(timeout),
                                  trustRoots: trustRoots, handler: handler)
        } catch {
            // The pipeline is already gone: the server closed the connection right away.
            channel.close(promise: nil)
            throw SMTPError.connectionFailed("\(host):\(port): the server closed the connection")
        }
    }

    /// Sends `line` followed by CRLF (or nothing when `nil`) and returns the next reply,
    /// whatever its code. `name` is used in errors and must not contain secrets.
    func send(_ line: String?, name: String) async throws -> SMTPReply {
        try await send(raw: line.map { $0 + "\r\n" }, name: name)
    }

    /// Like `send`, but throws `SMTPError.unexpectedReply` unless the code is one of `codes`.
    @discardableResult
    func expect(_ line: String?, name: String, _ codes: Set<Int>) async throws -> SMTPReply {
        try await expect(raw: line.map { $0 + "\r\n" }, name: name, codes)
    }

    /// Sends `raw` exactly as given (e.g. the dot-stuffed message) and checks the reply code.
    @discardableResult
    func expect(raw: String?, name: String, _ codes: Set<Int>) async throws -> SMTPReply {
        let reply = try await send(raw: raw, name: name)
        guard codes.contains(reply.code) else {
            throw SMTPError.unexpectedReply(command: name, code: reply.code, text: reply.text)
        }
        return reply
    }

    /// Writes one request and awaits its reply. The reply promise is completed on every path:
    /// - by the handler (reply, error, close, removal from the pipeline);
    /// - here when the write fails, e.g. because the channel closed and its pipeline was torn
    ///   down before the request reached the handler (a TLS handshake failing right after
    ///   STARTTLS while the next command is on its way);
    /// - by the timer, scheduled on the channel's event loop, which needs no pipeline: it fails
    ///   the promise itself, records the timeout in the handler and closes the channel;
    /// - on task cancellation (the mailer's overall deadline), which also closes the channel.
    /// Completing a promise that is already completed does nothing, so whichever comes first wins.
    private func send(raw: String?, name: String) async throws -> SMTPReply {
        let channel = self.channel, handler = self.handler
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            handler.value.fail(with: .timeout(name))
            reply.fail(SMTPError.timeout(name))
            channel.close(promise: nil)
        }
        reply.futureResult.whenComplete { _ in timer.cancel() }
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            reply.fail(handler.value.failure ?? SMTPClientHandler.smtpError(error))
        }
        let bytes = raw.map { ByteBuffer(string: $0) }
        channel.writeAndFlush(SMTPRequest(bytes: bytes, reply: reply), promise: written)
        return try await withTaskCancellationHandler {
            try await reply.futureResult.get()
        } onCancel: {
            reply.fail(CancellationError())
            channel.close(promise: nil)
        }
    }

    /// Puts TLS under the SMTP handlers after a `220` to STARTTLS. The handshake runs before
    /// the next command is written, so that command's timeout also bounds the handshake; a
    /// failed handshake fails that command with `SMTPError.tlsFailed`.
    func startTLS() async throws {
        let tls = try Self.makeTLSContext(trustRoots: trustRoots)
        let channel = self.channel, host = self.host, handler = self.handler
        try await channel.eventLoop.submit {
            if let failure = handler.value.failure { throw failure }
            // Replies already read in plain text would be taken as answers over TLS (STARTTLS
            // command injection, CVE-2011-0411 style): refuse them.
            guard handler.value.bufferedReplies == 0 else {
                throw SMTPError.malformedReply("the server sent more after agreeing to STARTTLS")
            }
            do {
                try channel.pipeline.syncOperations.addHandler(Self.makeTLSHandler(tls, host: host), position: .first)
            } catch let error as SMTPError {
                throw error
            } catch {
                throw handler.value.failure ?? SMTPClientHandler.smtpError(error)
            }
        }.get()
    }

    /// Closes the connection; errors (e.g. already closed) are ignored.
    func close() async {
        try? await channel.close()
    }

    /// A client context with NIOSSL's defaults (full verification); the trust roots are the
    /// system's unless a test passes its own.
    static func makeTLSContext(trustRoots: NIOSSLTrustRoots) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = trustRoots
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError.tlsFailed("cannot create the TLS context: \(error)")
        }
    }

    /// The host is the server name for SNI and certificate checks. NIOSSL refuses IP addresses
    /// as SNI names, so for an IP the chain is still verified but not the name.
    static func makeTLSHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isIP = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isIP ? nil : host)
    }
}
