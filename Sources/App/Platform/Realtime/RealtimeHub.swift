import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// This node's open WebSockets, by person, and the per-person send limit shared by their tabs.
final class RealtimeHub: Sendable {
    private struct State {
        var connections: [UUID: [ObjectIdentifier: RealtimeConnection]] = [:]
        var buckets: [UUID: TokenBucket] = [:]
        var isShuttingDown = false
    }

    private let state = NIOLockedValueBox(State())
    /// Messages a person may send: a burst of `sendBurst`, then `sendsPerSecond`.
    let sendBurst: Double
    let sendsPerSecond: Double

    init(sendBurst: Double = 10, sendsPerSecond: Double = 1) {
        self.sendBurst = sendBurst
        self.sendsPerSecond = sendsPerSecond
    }

    /// False when the node is shutting down: the connection is closed at once.
    func register(_ connection: RealtimeConnection) -> Bool {
        state.withLockedValue { state in
            guard !state.isShuttingDown else { return false }
            state.connections[connection.personID, default: [:]][ObjectIdentifier(connection)] = connection
            return true
        }
    }

    func unregister(_ connection: RealtimeConnection) {
        state.withLockedValue { state in
            state.connections[connection.personID]?[ObjectIdentifier(connection)] = nil
            if state.connections[connection.personID]?.isEmpty == true { state.connections[connection.personID] = nil }
        }
    }

    var connectionCount: Int {
        state.withLockedValue { $0.connections.values.reduce(0) { $0 + $1.count } }
    }

    /// Everyone with at least one socket here.
    var connectedPeople: Set<UUID> {
        state.withLockedValue { Set($0.connections.keys) }
    }

    func connectionCount(of personID: UUID) -> Int {
        state.withLockedValue { $0.connections[personID]?.count ?? 0 }
    }

    /// Hands the event to the connections of the people it is for; never waits for a socket.
    func deliver(_ event: RealtimeEvent) {
        switch event {
        case .message(let message):
            for connection in connections(of: message.audience) { connection.enqueue(.live(message)) }
        case .receipt(let receipt):
            let json = receipt.json
            for connection in connections(of: receipt.audience) { connection.enqueue(.text(json)) }
        case .typing(let typing):
            let json = typing.json
            for connection in connections(of: typing.audience) { connection.enqueue(.text(json)) }
        case .presence(let presence):
            let json = presence.json
            for connection in connections(of: presence.audience) { connection.enqueue(.text(json)) }
        case .forumPost(let post):
            for connection in connections(of: post.audience) { connection.enqueue(.text(post.json)) }
        case .changed(let changed):
            for connection in connections(of: changed.audience) { connection.enqueue(.text(changed.json)) }
        case .notice(let notice):
            for connection in connections(of: [notice.person]) { connection.enqueue(.text(notice.json)) }
        }
    }

    private func connections(of people: Set<UUID>) -> [RealtimeConnection] {
        state.withLockedValue { state in people.flatMap { state.connections[$0].map { Array($0.values) } ?? [] } }
    }

    /// One token of the person's send allowance; false when they send too fast.
    func allowSend(by personID: UUID, now: Date = Date()) -> Bool {
        state.withLockedValue { state in
            var bucket = state.buckets[personID] ?? TokenBucket(capacity: sendBurst, perSecond: sendsPerSecond, now: now)
            let allowed = bucket.take(now: now)
            state.buckets[personID] = bucket
            if state.buckets.count > 50_000 { state.buckets = [personID: bucket] }
            return allowed
        }
    }

    /// Closes every socket with a reason, and refuses new ones: called when the server stops.
    func shutdown() async {
        let all = state.withLockedValue { state in
            state.isShuttingDown = true
            return state.connections.values.flatMap(\.values)
        }
        await close(all, reason: "The server is restarting; reconnecting shortly.")
    }

    /// Closes the sockets opened with these browser sessions (signed out, or ended elsewhere).
    func closeSessions(_ sessionIDs: Set<UUID>, reason: String) async {
        let matching = state.withLockedValue { state in
            state.connections.values.flatMap(\.values).filter { $0.sessionID.map(sessionIDs.contains) ?? false }
        }
        await close(matching, reason: reason)
    }

    /// Closes the person's sockets but those of `keeping`: their other sessions were ended.
    func closePerson(_ personID: UUID, keeping: UUID? = nil, reason: String) async {
        let matching = state.withLockedValue { state in
            (state.connections[personID].map { Array($0.values) } ?? []).filter { keeping == nil || $0.sessionID != keeping }
        }
        await close(matching, reason: reason)
    }

    /// All at once: one socket that is slow to close must not hold up the others.
    private func close(_ connections: [RealtimeConnection], reason: String) async {
        await withTaskGroup(of: Void.self) { group in
            for connection in connections { group.addTask { await connection.close(code: .goingAway, reason: reason) } }
        }
    }
}

/// Closes the sockets with a reason when the server stops, so browsers reconnect elsewhere or later.
struct RealtimeShutdown: LifecycleHandler {
    func shutdownAsync(_ app: Application) async {
        await app.realtime.hub.shutdown()
        await app.realtime.presence.shutdown(on: app.db)
    }
}

extension Application {
    private struct RealtimeKey: StorageKey { typealias Value = Realtime }

    struct Realtime: Sendable {
        let hub: RealtimeHub
        let broadcaster: any Broadcaster
        let presence: PresenceTracker
        /// On SQLite, the chat's writes one at a time (see `WriteSerializer`); nil on PostgreSQL.
        var writes: WriteSerializer? = nil
        /// On SQLite, quiz answers and submissions committed in batches (see `GroupCommit`); nil on PostgreSQL.
        var commits: GroupCommit? = nil
        /// What follows each message, written in batches (see `ChatAfterwork`).
        var afterwork: ChatAfterwork? = nil
    }

    /// Set up by configure(_:config:).
    var realtime: Realtime {
        get {
            guard let realtime = storage[RealtimeKey.self] else { fatalError("configure(_:config:) sets up app.realtime") }
            return realtime
        }
        set { storage[RealtimeKey.self] = newValue }
    }
}

/// Runs one block at a time, in arrival order, without blocking a thread. On SQLite the chat's
/// writes go through it: two writers meeting in SQLite make one of them sleep in its busy handler
/// (1, 2, 5, 10… ms), which under a steady stream of messages became most of their latency.
final class WriteSerializer: Sendable {
    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func run<T>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let granted = state.withLockedValue { state in
                if state.busy { state.waiters.append(waiter); return false }
                state.busy = true
                return true
            }
            if granted { waiter.resume() }
        }
    }

    private func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty { state.busy = false; return nil }
            return state.waiters.removeFirst()
        }
        next?.resume()  // still busy: handed straight to the next in line
    }
}
