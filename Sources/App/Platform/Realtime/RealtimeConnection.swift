import Domain
import NIOCore
import Foundation
import Vapor
import NIOWebSocket

/// What a connection's session does with what arrives: the client's frames and live events, one
/// at a time, in the order they arrived.
protocol RealtimeSession: Sendable {
    mutating func handle(_ input: RealtimeConnection.Input, on connection: RealtimeConnection) async
}

/// One open WebSocket. Everything for it, frames from the browser and events for it, goes through
/// one bounded queue that one task works through, so what it sends keeps its order and a slow
/// browser costs at most `queueLimit` waiting items: past that it is disconnected (it catches up
/// when it reconnects), never allowed to grow memory.
final class RealtimeConnection: Sendable {
    enum Input: Sendable {
        /// What the browser sent.
        case frame(String)
        /// A message for this person, delivered through the session's cursor.
        case live(RealtimeEvent.Message)
        /// A frame to pass on as it is (read receipts).
        case text(String)
    }

    static let queueLimit = 256
    /// A ping this often; WebSocketKit closes the socket when the previous one got no pong, so a
    /// vanished browser is noticed within two intervals.
    static let pingInterval: TimeAmount = .seconds(25)

    let personID: UUID
    /// The browser session it was opened with: signing out closes it.
    let sessionID: UUID?
    let socket: WebSocket
    private let inputs: AsyncStream<Input>
    private let continuation: AsyncStream<Input>.Continuation

    init(personID: UUID, sessionID: UUID?, socket: WebSocket) {
        self.personID = personID
        self.sessionID = sessionID
        self.socket = socket
        (inputs, continuation) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .bufferingOldest(Self.queueLimit))
    }

    /// Queues an input without waiting; a full queue closes the connection.
    func enqueue(_ input: Input) {
        if case .dropped = continuation.yield(input) {
            continuation.finish()
            Task { await close(code: .policyViolation, reason: "Too many messages were waiting for this connection.") }
        }
    }

    func send(_ frame: ServerFrame) async {
        await send(text: frame.json)
    }

    /// A frame already encoded (one encoding for all the recipients of a message).
    func send(text: String) async {
        guard !socket.isClosed else { return }
        try? await socket.send(text)
    }

    /// Says why in an error frame (WebSocketKit's close carries no text), without waiting for a
    /// peer that may not be reading, then closes.
    func close(code: WebSocketErrorCode, reason: String) async {
        if !socket.isClosed { socket.send(ServerFrame.error(code: "closing", message: reason, ref: nil).json, promise: nil) }
        try? await socket.close(code: code)
    }

    /// Works through the queue until the socket closes.
    func run(_ session: some RealtimeSession) async {
        var session = session
        for await input in inputs {
            await session.handle(input, on: self)
            if socket.isClosed { break }
        }
    }

    /// Called when the socket closed: the queue ends and `run` returns.
    func finish() {
        continuation.finish()
    }
}
