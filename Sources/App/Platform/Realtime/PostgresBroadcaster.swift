import Domain
import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Events across several nodes sharing one PostgreSQL: the node that saved a message delivers it
/// to its own sockets at once and sends `NOTIFY` with "<node>:<message id>"; every node listens on
/// a connection of its own, loads the message it names and delivers it (ignoring its own echo).
///
/// The payload names the message rather than carrying it: a notification is at most 8,000 bytes,
/// and what a browser receives always comes from the database. A notification lost while a node's
/// listener reconnects costs its browsers nothing: they get the message with their next catch-up
/// (`hello` after reconnecting, or the next message of the conversation, which fetches the gap).
final class PostgresBroadcaster: Broadcaster, Sendable {
    let hub: RealtimeHub
    let node = UUID().lowercasedText
    /// Per schema, so test apps sharing a database (one schema each) never hear each other.
    let channel: String
    private let configuration: PostgresConnection.Configuration
    private let application: Application
    private let state = NIOLockedValueBox<(task: Task<Void, Never>?, connection: PostgresConnection?)>((nil, nil))

    init(hub: RealtimeHub, url: String, schema: String?, application: Application) throws {
        self.hub = hub
        self.channel = "atelier_events" + (schema.map { "_" + $0 } ?? "")
        self.configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        self.application = application
    }

    func publish(_ event: RealtimeEvent) async {
        hub.deliver(event)
        let payload: String
        switch event {
        case .message(let message): payload = "\(node):m:\(message.frame.id)"
        case .changed(let changed): payload = "\(node):e:\(changed.messageID.lowercasedText)"
        case .forumPost(let post): payload = "\(node):f:\(post.postID.lowercasedText)"
        case .receipt(let receipt): payload = "\(node):r:\(receipt.conversationID):\(receipt.reader):\(receipt.sequence)"
        case .typing(let typing): payload = "\(node):t:\(typing.conversationID):\(typing.person)"
        case .presence(let presence): payload = "\(node):p:\(presence.person.lowercasedText):\(presence.online ? 1 : 0)"
        case .notice(let notice): payload = "\(node):n:\(notice.person.lowercasedText):\(notice.id?.lowercasedText ?? "-")"
        }
        guard let sql = application.db as? any SQLDatabase else { return }
        do {
            try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: payload))").run()
        } catch {
            application.logger.warning("Could not NOTIFY the other nodes: \(error)")
        }
    }

    /// Listens until `stop()`, reconnecting with backoff (1 s, 2 s, … 30 s) when the connection drops.
    func start() {
        let task = Task { [self] in
            var delay = 1
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(
                        on: application.eventLoopGroup.any(), configuration: configuration, id: 1, logger: application.logger).get()
                    state.withLockedValue { $0.connection = connection }
                    try await connection.listen(on: channel) { notifications in
                        delay = 1
                        for try await notification in notifications { await receive(notification.payload) }
                    }
                } catch {
                    if Task.isCancelled { break }
                    application.logger.warning("Realtime listener lost PostgreSQL (\(error)); retrying in \(delay) s")
                }
                if let connection = state.withLockedValue({ state in defer { state.connection = nil }; return state.connection }) {
                    try? await connection.close()
                }
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 30)
            }
        }
        state.withLockedValue { $0.task = task }
    }

    func stop() async {
        let (task, connection) = state.withLockedValue { state in
            defer { state = (nil, nil) }
            return state
        }
        task?.cancel()
        try? await connection?.close()
        await task?.value
    }

    /// "<node>:m:<message>", "<node>:e:<message>" (edited or deleted), "<node>:f:<forum post>", "<node>:r:<conversation>:<reader>:<sequence>",
    /// "<node>:t:<conversation>:<person>", "<node>:p:<person>:<1 online, 0 offline>" or
    /// "<node>:n:<person>:<notification or ->"; a node's
    /// own echo is ignored.
    private func receive(_ payload: String) async {
        let parts = payload.split(separator: ":").map(String.init)
        guard parts.count >= 3, parts[0] != node else { return }
        do {
            switch (parts[1], parts.count) {
            case ("m", 3):
                guard let id = UUID(uuidString: parts[2]) else { return }
                if let event = try await ChatStore.event(forMessage: id, on: application.db) { hub.deliver(event) }
            case ("e", 3):
                guard let id = UUID(uuidString: parts[2]) else { return }
                if let event = try await ChatStore.event(forChanged: id, on: application.db) { hub.deliver(event) }
            case ("f", 3):
                guard let id = UUID(uuidString: parts[2]) else { return }
                if let event = try await ForumStore.event(forPost: id, on: application.db) { hub.deliver(event) }
            case ("r", 5):
                guard let conversationID = UUID(uuidString: parts[2]), let reader = UUID(uuidString: parts[3]), let sequence = Int(parts[4]),
                      let conversation = try await ConversationRecord.find(conversationID, on: application.db) else { return }
                var audience = try await ChatStore.audience(of: conversation, on: application.db)
                audience.remove(reader)
                hub.deliver(.receipt(.init(conversationID: .init(conversationID), reader: .init(reader), sequence: sequence, audience: audience)))
            case ("t", 4):
                guard let conversationID = UUID(uuidString: parts[2]), let person = UUID(uuidString: parts[3]),
                      let conversation = try await ConversationRecord.find(conversationID, on: application.db),
                      let name = try await PersonRecord.find(person, on: application.db)?.name else { return }
                var audience = try await ChatStore.audience(of: conversation, on: application.db)
                audience.remove(person)
                hub.deliver(.typing(.init(conversationID: .init(conversationID), person: .init(person), name: name, audience: audience)))
            case ("p", 4):
                guard let person = UUID(uuidString: parts[2]) else { return }
                let audience = try await PresenceTracker.audience(of: person, on: application.db)
                hub.deliver(.presence(.init(person: person, online: parts[3] == "1", audience: audience)))
            case ("n", 4):
                guard let person = UUID(uuidString: parts[2]) else { return }
                hub.deliver(try await NotificationStore.notice(for: person, latest: UUID(uuidString: parts[3]), on: application.db))
            default:
                return
            }
        } catch {
            application.logger.warning("Could not load what another node announced (\(payload)): \(error)")
        }
    }
}

/// Starts and stops the PostgreSQL listener with the server.
struct RealtimeListener: LifecycleHandler {
    let broadcaster: PostgresBroadcaster

    func didBootAsync(_ app: Application) async throws {
        broadcaster.start()
    }

    func shutdownAsync(_ app: Application) async {
        await broadcaster.stop()
    }
}
