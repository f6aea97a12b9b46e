import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Who is online: a person with at least one open tab on any node. Each node keeps a row per
/// person it has sockets for (`presence`) and a heartbeat of its own (`presence_nodes`, every
/// 30 s), so every node can tell, and the people of a node that dies stop counting within
/// `freshness`. Going offline waits a few seconds: moving
/// to another page closes a socket and opens the next one, which must not flicker.
final class PresenceTracker: Sendable {
    let node: String
    let hub: RealtimeHub
    /// A row older than this belongs to a node that stopped without saying so.
    static let freshness: TimeInterval = 90
    static let refresh: Duration = .seconds(30)
    let offlineGrace: Duration
    /// The pending "offline" announcements; none once the server stops.
    private let leaving = NIOLockedValueBox<(pending: [UUID: Task<Void, Never>], stopped: Bool)>(([:], false))
    private let heartbeatWritten = NIOLockedValueBox(false)

    init(hub: RealtimeHub, node: String = UUID().lowercasedText, offlineGrace: Duration = .seconds(8)) {
        self.hub = hub
        self.node = node
        self.offlineGrace = offlineGrace
    }

    /// A tab of the person opened on this node.
    func arrived(_ person: UUID, on db: any Database, broadcaster: any Broadcaster) async {
        // Back before the grace ran out: still online, nothing to say.
        if let pending = leaving.withLockedValue({ $0.pending.removeValue(forKey: person) }) {
            pending.cancel()
            return
        }
        // Marked for every tab (two opening at once both see a count of two), announced only
        // by the one that finds the person offline everywhere.
        do {
            let wasOnline = try await !online(among: [person], on: db).isEmpty
            try await mark(person, on: db)
            if !wasOnline { await announce(person, online: true, on: db, broadcaster: broadcaster) }
        } catch {
            db.logger.warning("Presence of \(person) not recorded: \(String(reflecting: error))")
        }
    }

    /// A tab of the person closed on this node: offline after the grace, unless a tab (here or
    /// on another node) is open by then.
    func left(_ person: UUID, on db: any Database, broadcaster: any Broadcaster) {
        guard hub.connectionCount(of: person) == 0 else { return }
        let task = Task { [self] in
            try? await Task.sleep(for: offlineGrace)
            guard !Task.isCancelled, leaving.withLockedValue({ $0.pending.removeValue(forKey: person) }) != nil,
                  hub.connectionCount(of: person) == 0 else { return }
            do {
                try await PresenceRecord.query(on: db).filter(\.$personID == person).filter(\.$node == node).delete()
                // A tab that opened while the row was going: mark them again, say nothing.
                if hub.connectionCount(of: person) > 0 { return try await mark(person, on: db) }
                if try await online(among: [person], on: db).isEmpty {
                    await announce(person, online: false, on: db, broadcaster: broadcaster)
                }
            } catch {
                db.logger.warning("Presence of \(person) not cleared: \(String(reflecting: error))")
            }
        }
        let stopped = leaving.withLockedValue { state in
            state.pending[person]?.cancel()
            if !state.stopped { state.pending[person] = task }
            return state.stopped
        }
        if stopped { task.cancel() }
    }

    /// Of these people, those online now: marked by a node whose heartbeat is fresh.
    func online(among people: Set<UUID>, now: Date = Date(), on db: any Database) async throws -> Set<UUID> {
        guard !people.isEmpty else { return [] }
        let rows = try await PresenceRecord.query(on: db).filter(\.$personID ~~ people).all()
        guard !rows.isEmpty else { return [] }
        let live = Set(try await PresenceNodeRecord.query(on: db).filter(\.$node ~~ Set(rows.map(\.node)))
            .filter(\.$lastSeenAt > now.addingTimeInterval(-Self.freshness)).all().map(\.node))
        return Set(rows.filter { live.contains($0.node) }.map(\.personID))
    }

    private func mark(_ person: UUID, now: Date = Date(), on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        if !heartbeatWritten.withLockedValue({ $0 }) { try await beat(now: now, on: sql) }
        try await sql.raw("""
            INSERT INTO presence (id, person_id, node, last_seen_at) VALUES (\(bind: UUID()), \(bind: person), \(bind: node), \(bind: now)) \
            ON CONFLICT (person_id, node) DO NOTHING
            """).run()
    }

    /// This node's heartbeat: one row, so keeping thousands of people online costs one write.
    private func beat(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO presence_nodes (id, node, last_seen_at) VALUES (\(bind: UUID()), \(bind: node), \(bind: now)) \
            ON CONFLICT (node) DO UPDATE SET last_seen_at = excluded.last_seen_at
            """).run()
        heartbeatWritten.withLockedValue { $0 = true }
    }

    /// Beats; makes the marks missing for people connected here (a mark that failed, or was
    /// removed by a race; marks of people still in their grace make counts useless, so the
    /// node's marks are read: one column, every 30 s); forgets the marks of nodes long gone.
    func refresh(now: Date = Date(), on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await beat(now: now, on: sql)
        let connected = hub.connectedPeople
        if !connected.isEmpty {
            let marked = try await sql.raw("SELECT person_id FROM presence WHERE node = \(bind: node)").all()
                .map { try $0.decode(column: "person_id", as: UUID.self) }
            for person in connected.subtracting(marked) { try await mark(person, now: now, on: db) }
        }
        let gone = try await PresenceNodeRecord.query(on: db).filter(\.$lastSeenAt < now.addingTimeInterval(-10 * Self.freshness)).all()
        if !gone.isEmpty {
            try await PresenceRecord.query(on: db).filter(\.$node ~~ gone.map(\.node)).delete()
            try await PresenceNodeRecord.query(on: db).filter(\.$id ~~ gone.compactMap(\.id)).delete()
        }
    }

    /// Tells the people who share a cohort with the person (they see them on their pages).
    func announce(_ person: UUID, online: Bool, on db: any Database, broadcaster: any Broadcaster) async {
        guard let audience = try? await Self.audience(of: person, on: db), !audience.isEmpty else { return }
        await broadcaster.publish(.presence(.init(person: person, online: online, audience: audience)))
    }

    /// The people of the person's cohorts, but the person.
    static func audience(of person: UUID, on db: any Database) async throws -> Set<UUID> {
        let cohorts = try await CohortMemberRecord.query(on: db).filter(\.$person.$id == person).all().map(\.$cohort.id)
        guard !cohorts.isEmpty else { return [] }
        var people = Set(try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id ~~ cohorts).all().map(\.$person.id))
        people.remove(person)
        return people
    }

    /// The server is stopping: no more pending announcements, and this node's people are gone
    /// at once for the other nodes rather than when the rows go stale.
    func shutdown(on db: any Database) async {
        let pending = leaving.withLockedValue { state in
            defer { state = ([:], true) }
            return state.pending
        }
        for task in pending.values { task.cancel() }
        try? await PresenceRecord.query(on: db).filter(\.$node == node).delete()
        try? await PresenceNodeRecord.query(on: db).filter(\.$node == node).delete()
    }
}

/// A node's heartbeat: its marks count while it is fresh.
final class PresenceNodeRecord: Model, @unchecked Sendable {
    static let schema = "presence_nodes"

    @ID(key: .id) var id: UUID?
    @Field(key: "node") var node: String
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}
}

/// One node's mark that a person has a tab open there.
final class PresenceRecord: Model, @unchecked Sendable {
    static let schema = "presence"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "node") var node: String
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}
}

struct CreatePresence: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("presence")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("node", .string, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "person_id", "node")
            .create()
        try await database.schema("presence_nodes")
            .id()
            .field("node", .string, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "node")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("presence_nodes").delete()
        try await database.schema("presence").delete()
    }
}

extension RepeatingJob {
    /// Keeps this node's presence rows fresh.
    static var presence: RepeatingJob {
        RepeatingJob(name: "Presence", interval: PresenceTracker.refresh) { app in try await app.realtime.presence.refresh(on: app.db) }
    }
}
