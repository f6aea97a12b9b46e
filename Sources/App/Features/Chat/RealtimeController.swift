import Domain
import Foundation
import NIOHTTP1
import NIOWebSocket
import Vapor

/// `/ws`: the one WebSocket of each signed-in browser tab (see `RealtimeConnection`, `ChatSocket`).
struct RealtimeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("ws", use: Self.open)
    }

    /// Signed-in people only, and only from our own pages: a browser always sends `Origin` with a
    /// WebSocket, and a page of another site must not open one with our cookie. Checked before the
    /// upgrade, as a plain request, so a refusal is an ordinary 401 or 403 (an error thrown from
    /// `shouldUpgrade` left the request unanswered).
    @Sendable static func open(_ req: Request) async throws -> Response {
        guard req.auth.has(CurrentUser.self) else { throw AppError(status: .unauthorized, code: "unauthorized", message: "Sign in first.") }
        if let origin = req.headers.first(name: .origin), !Self.isOwnOrigin(origin, req) {
            throw AppError(status: .forbidden, code: "forbidden_origin", message: "WebSockets open only from this site's pages.")
        }
        let response = Response(status: .switchingProtocols)
        response.upgrader = LimitedWebSocketUpgrader { socket in Self.onUpgrade(req, socket) }
        return response
    }

    static func isOwnOrigin(_ origin: String, _ req: Request) -> Bool {
        let own = URL(string: req.atelierConfig.publicURL)
        let ownOrigin = own.map { "\($0.scheme ?? "http")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }
        if origin == ownOrigin { return true }
        // The address the browser used, when it is not the configured public one (a test server).
        guard let host = req.headers.first(name: .host) else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// Called on the socket's event loop as the upgrade completes: the callbacks are set right
    /// here, synchronously, so no frame can arrive before them (the async variants set them later
    /// and deliver each frame in a task of its own, out of order).
    @Sendable static func onUpgrade(_ req: Request, _ socket: WebSocket) {
        guard let user = req.auth.get(CurrentUser.self) else { _ = socket.close(code: .policyViolation); return }
        let connection = RealtimeConnection(personID: user.person.id.uuid, sessionID: user.sessionID, socket: socket)
        socket.onText { _, text in connection.enqueue(.frame(text)) }
        socket.onBinary { _, _ in connection.enqueue(.frame("")) }
        socket.onClose.whenComplete { _ in connection.finish() }
        socket.pingInterval = RealtimeConnection.pingInterval
        Task { await serve(connection, user: user, req) }
    }

    private static func serve(_ connection: RealtimeConnection, user: CurrentUser, _ req: Request) async {
        let realtime = req.application.realtime
        guard realtime.hub.register(connection) else {
            await connection.close(code: .goingAway, reason: "The server is restarting; reconnecting shortly.")
            return
        }
        let db = req.application.db
        await realtime.presence.arrived(user.person.id.uuid, on: db, broadcaster: realtime.broadcaster)
        defer {
            realtime.hub.unregister(connection)
            realtime.presence.left(user.person.id.uuid, on: db, broadcaster: realtime.broadcaster)
        }
        let unread = (try? await ChatStore.unreadTotal(personID: user.person.id.uuid, on: req.db)) ?? 0
        let notifications = (try? await NotificationStore.unreadCount(personID: user.person.id.uuid, on: req.db)) ?? 0
        await connection.send(.welcome(person: user.person.id, unread: unread, notifications: notifications))
        let session = ChatSocket(person: user.person, db: req.application.db, hub: realtime.hub, broadcaster: realtime.broadcaster,
                                 caches: req.application.readCaches, writes: realtime.writes, afterwork: realtime.afterwork)
        await connection.run(session)
    }
}

/// Vapor's WebSocket upgrader with limits on whole messages too: its own bounds each frame only,
/// so a message sent as an endless chain of continuation frames would all be buffered.
struct LimitedWebSocketUpgrader: Upgrader {
    let onUpgrade: @Sendable (WebSocket) -> Void

    func applyUpgrade(req: Request, res: Response) -> HTTPServerProtocolUpgrader {
        NIOWebSocketServerUpgrader(maxFrameSize: RealtimeProtocol.maximumFrameBytes, automaticErrorHandling: false,
                                   shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture([:]) },
                                   upgradePipelineHandler: { channel, _ in
                                       var config = WebSocket.Configuration()
                                       config.maxAccumulatedFrameSize = RealtimeProtocol.maximumFrameBytes
                                       config.maxAccumulatedFrameCount = 64
                                       return WebSocket.server(on: channel, config: config, onUpgrade: onUpgrade)
                                   })
    }
}
