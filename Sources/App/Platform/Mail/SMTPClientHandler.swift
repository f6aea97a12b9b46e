import NIOCore
import NIOSSL

/// What the driver writes into the pipeline: optional bytes to send, and the promise for the
/// next reply. A request without bytes just waits for a reply (the greeting, the end of DATA).
struct SMTPRequest: Sendable {
    var bytes: ByteBuffer?
    var reply: EventLoopPromise<SMTPReply>
}

/// Pairs replies with requests in order. Replies that arrive before anyone waits (the greeting)
/// are kept for the next request. Any error, the connection closing or the handler being removed
/// fails every waiting request with an `SMTPError` (the first failure wins and is kept in
/// `failure`), and later requests fail at once. Used only on its event loop.
///
/// This handler only sees requests while it is in the pipeline: once a closed channel has torn
/// its pipeline down, a written request bypasses it. `SMTPConnection` therefore also fails a
/// reply whose write fails, and owns the timeout.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var early = CircularBuffer<SMTPReply>()

    /// Why the connection is unusable (the first error, timeout or close), `nil` while it is fine.
    private(set) var failure: SMTPError?

    /// Replies received that no request has taken yet.
    var bufferedReplies: Int { early.count }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if failure == nil, !context.channel.isActive {
            fail(with: .connectionFailed("the connection is closed"))
        }
        if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        if let reply = early.popFirst() {
            request.reply.succeed(reply)
        } else {
            waiting.append(request.reply)
        }
        if let bytes = request.bytes {
            context.writeAndFlush(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let promise = waiting.popFirst() {
            promise.succeed(reply)
        } else {
            early.append(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(with: .connectionFailed("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(with: Self.smtpError(error))
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(with: .connectionFailed("the connection is closed"))
    }

    /// Records `error` unless a failure is already known, fails every waiting request with the
    /// recorded failure and makes later requests fail at once. Does not close the channel.
    func fail(with error: SMTPError) {
        if failure == nil { failure = error }
        let failure = self.failure ?? error
        while let promise = waiting.popFirst() {
            promise.fail(failure)
        }
    }

    /// Maps NIO and NIOSSL errors to the mailer's error type.
    static func smtpError(_ error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError: return error
        case let error as NIOSSLError: return .tlsFailed(String(describing: error))
        case let error as BoringSSLError: return .tlsFailed(String(describing: error))
        case let error as NIOSSLExtraError: return .tlsFailed(String(describing: error))
        default: return .connectionFailed(String(describing: error))
        }
    }
}
