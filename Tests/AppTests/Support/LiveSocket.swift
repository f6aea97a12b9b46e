@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// A WebSocket client of the running test server that keeps every frame it receives.
final class SocketClient: Sendable {
    let socket: WebSocket
    private let received: NIOLockedValueBox<[String]>

    private init(socket: WebSocket, received: NIOLockedValueBox<[String]>) {
        self.socket = socket
        self.received = received
    }

    static func connect(_ app: Application, port: Int, browser: Browser?, origin: String? = nil,
                        path: String = "/ws") async throws -> SocketClient {
        var headers = HTTPHeaders()
        if let browser { headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let origin { headers.add(name: .origin, value: origin) }
        let received = NIOLockedValueBox<[String]>([])
        let opened = app.eventLoopGroup.any().makePromise(of: WebSocket.self)
        WebSocket.connect(to: "ws://127.0.0.1:\(port)\(path)", headers: headers, on: app.eventLoopGroup) { socket in
            socket.onText { _, text in received.withLockedValue { $0.append(text) } }
            opened.succeed(socket)
        }.whenFailure { opened.fail($0) }
        return SocketClient(socket: try await opened.futureResult.get(), received: received)
    }

    func send(_ frame: ClientFrame) async throws {
        try await socket.send(frame.json)
    }

    /// The frames received so far, parsed.
    var frames: [[String: Any]] {
        received.withLockedValue { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func frames(_ type: String) -> [[String: Any]] { frames.filter { $0["type"] as? String == type } }

    /// Waits until `count` frames of `type` arrived (at most `within`, by the clock: a loop of
    /// sleeps counted 500 × 10 ms stretched past five seconds under load); returns them.
    /// Passing tests return at the frame; the generous default only matters on a loaded machine.
    @discardableResult
    func wait(for type: String, count: Int = 1, within: Duration = .seconds(15)) async throws -> [[String: Any]] {
        let clock = ContinuousClock(), deadline = clock.now + within
        repeat {
            let found = frames(type)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(10))
        } while clock.now < deadline
        let found = frames(type)
        if found.count < count {
            Issue.record("waited \(within) for \(count) \(type) frame(s); got \(frames.map { $0["type"] as? String ?? "?" })")
        }
        return found
    }

    /// Sends a frame already written as JSON text.
    func send(text: String) async throws {
        try await socket.send(text)
    }

    func close() async { try? await socket.close() }
}

/// Runs `body` with the app listening on a free port of 127.0.0.1.
/// `prepare` adds what the app must have before it starts (routes a test answers itself).
func withRunningApp(prepare: (Application) throws -> Void = { _ in }, _ body: (Application, Int) async throws -> Void) async throws {
    try await withApp { app in
        try prepare(app)
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)
        do {
            try await body(app, port)
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}

/// The conversation a conversation page's path names.
func conversationID(_ path: String) -> Conversation.ID {
    Conversation.ID(String(path.split(separator: "/").last ?? ""))!
}
