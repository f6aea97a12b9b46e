import Domain
import Fluent
import Foundation
import Routes
import Vapor
import Views

/// The built-in room: its page, and its signalling socket at `…/live/<id>/signal`, open to the
/// members of the session's cohort only (everyone else: 404 before any upgrade), and relaying
/// only while the session is open (10 minutes before its start to its end).
///
/// Frames from the browser (JSON): `join` {muted, camera}, `signal` {to, data} (an SDP
/// description or an ICE candidate, passed on as it is), `action` {action, target} (mute,
/// unmute, camera-on, camera-off, raise-hand, lower-hand, end), `chat` {text}. To the browser:
/// `welcome` {you, participants}, `state` {participants}, `signal` {from, data}, `chat` {name,
/// text}, `refused` {reason}, `ended`.
struct LiveRoomController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let session = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "live", ":sessionID")
        session.get("room", use: page)
        session.get("signal", use: open)
    }

    /// A chat line in the room: short, like a meeting's chat.
    static let maximumChatLength = 1_000

    func page(req: Request) async throws -> Response {
        let (access, record) = try await Self.room(req)
        let session = record.domain()
        let now = Date()
        let card = try await LiveSessionStore.cards([record], cohortNames: [access.cohortID: access.cohort.name],
                                                    organizationID: access.context.organizationID, now: now, on: req.db)[0]
        let me = Person.ID(access.personID)
        // When the room is full, the company's Jitsi holds the overflow (the same room for all).
        let fallback = try await req.atelierConfig.jitsi?.url(session, name: access.context.user.person.name, person: me,
                                                              moderator: session.isHost(me), now: now)
        let model = LiveRoomModel(card: card, isHost: session.isHost(me), iceServers: req.atelierConfig.iceServersJSON,
                                  fallback: fallback)
        return .page(LiveRoomPage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    /// Checked as a plain request first, so a refusal is an ordinary 404 (not a member, not a
    /// room) or 403 (another site's page).
    func open(req: Request) async throws -> Response {
        let (access, record) = try await Self.room(req)
        if let origin = req.headers.first(name: .origin), !RealtimeController.isOwnOrigin(origin, req) {
            throw AppError(status: .forbidden, code: "forbidden_origin", message: "WebSockets open only from this site's pages.")
        }
        let member = LiveRoomMember(person: .init(access.personID), name: access.context.user.person.name, role: access.role,
                                    sessionID: .init(record.id!), connection: .init(UUID()), browserSession: access.context.user.sessionID)
        let response = Response(status: .switchingProtocols)
        response.upgrader = LimitedWebSocketUpgrader { socket in Self.onUpgrade(req, socket, member) }
        return response
    }

    /// The session in the path, held in the built-in room, for a member of its cohort (an admin
    /// outside it has no place in it); 404 otherwise.
    static func room(_ req: Request) async throws -> (LearningAccess, LiveSessionRecord) {
        let access = try await LearningAccess.load(req)
        guard access.role != nil else { throw AppError.notFound() }
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        guard record.domain().provider == .builtInRoom else { throw AppError.notFound() }
        return (access, record)
    }

    /// Callbacks set synchronously, before any frame can arrive.
    @Sendable static func onUpgrade(_ req: Request, _ socket: WebSocket, _ member: LiveRoomMember) {
        // With its browser session: signing out closes it, as it does the other sockets.
        let connection = RealtimeConnection(personID: member.person.uuid, sessionID: member.browserSession, socket: socket)
        socket.onText { _, text in connection.enqueue(.frame(text)) }
        socket.onBinary { _, _ in connection.enqueue(.frame("")) }
        socket.onClose.whenComplete { _ in connection.finish() }
        socket.pingInterval = RealtimeConnection.pingInterval
        let app = req.application
        Task {
            guard app.realtime.hub.register(connection) else {
                await connection.close(code: .goingAway, reason: "The server is restarting; reconnecting shortly.")
                return
            }
            await connection.run(LiveRoomSocket(member: member, app: app))
            app.realtime.hub.unregister(connection)
            await LiveRoomSocket.left(member, app: app)
        }
    }
}

/// Who is behind one room socket.
struct LiveRoomMember: Sendable {
    let person: Person.ID
    let name: String
    let role: CohortRole?
    let sessionID: LiveSession.ID
    let connection: LiveConnection.ID
    let browserSession: UUID?
}

extension RepeatingJob {
    /// Closes the rooms whose session is over, every 15 seconds: everyone is told and out.
    static var liveRoomsClosing: RepeatingJob {
        RepeatingJob(name: "Live rooms closing", interval: .seconds(15)) { app in
            let now = Date()
            for closed in app.liveRooms.closeOver(now: now) {
                await LiveRoomSocket.record(closed.removed.map { ($0.person, $0.connection) }, kind: .leave, in: closed.session, at: now, app: app)
                for socket in closed.sockets {
                    await socket.send(text: LiveRoomFrames.ended)
                    try? await socket.socket.close(code: .normalClosure)
                }
            }
        }
    }
}
