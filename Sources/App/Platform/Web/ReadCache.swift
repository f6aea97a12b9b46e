import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Signed-in contexts loaded recently, so that a run of page views costs no session query. On
/// SQLite every query is a round trip through the thread pool, and the session query was half the
/// cost of the home page.
///
/// Why it stays correct:
/// - every request that may write (any method but GET, HEAD and OPTIONS, plus the GETs that write,
///   which call `invalidate()`) empties the cache before its response leaves, so whoever changed
///   something sees the change on their next page;
/// - an entry loaded while such a write was running is refused (`generation`), so a read that
///   raced a write cannot put stale data back;
/// - a session's expiry is checked on every hit, and an entry lives at most `lifetime`: that bounds
///   how long a change made by *another* server process on a shared PostgreSQL goes unseen here.
final class SessionCache: Sendable {
    private struct Entry {
        let signedIn: SessionQueries.SignedIn
        let loadedAt: Date
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// Zero turns the cache off.
    let lifetime: TimeInterval
    /// Beyond this many sessions the cache starts afresh rather than tracking recency.
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Read before loading from the database, handed back to `store`.
    var generation: UInt64 { state.withLockedValue { $0.generation } }

    func lookup(_ tokenHash: String, now: Date) -> SessionQueries.SignedIn? {
        guard lifetime > 0 else { return nil }
        return state.withLockedValue { state in
            guard let entry = state.entries[tokenHash] else { return nil }
            guard now < entry.signedIn.expiresAt, now.timeIntervalSince(entry.loadedAt) < lifetime else {
                state.entries[tokenHash] = nil
                return nil
            }
            return entry.signedIn
        }
    }

    func store(_ signedIn: SessionQueries.SignedIn, for tokenHash: String, loadedIn generation: UInt64, now: Date) {
        guard lifetime > 0 else { return }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[tokenHash] = Entry(signedIn: signedIn, loadedAt: now)
        }
    }

    /// Forgets everything; called after anything that may have changed a session, a person or a
    /// membership.
    func invalidate() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}

extension Application {
    private struct SessionCacheKey: StorageKey { typealias Value = SessionCache }

    var sessionCache: SessionCache {
        // Set up by configure(_:config:); without it nothing is cached.
        get { storage[SessionCacheKey.self] ?? SessionCache(lifetime: 0) }
        set { storage[SessionCacheKey.self] = newValue }
    }
}
