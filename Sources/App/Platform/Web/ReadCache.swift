import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values read from the database recently, so that a run of page views costs no query. On SQLite
/// every query is a round trip through the thread pool: the session query was half the cost of
/// the home page, and the home's cohort query most of the rest.
///
/// Why it stays correct:
/// - every request that may write (any method but GET, HEAD and OPTIONS, plus the GETs that write
///   cached data, which call `ReadCaches.invalidateAll()`) empties every cache before its response
///   leaves, so whoever changed something sees the change on their next page;
/// - an entry loaded while such a write was running is refused (`generation`), so a read that
///   raced a write cannot put stale data back;
/// - an entry lives at most `lifetime` (and never past its own `validUntil`): that bounds how long a
///   change made by *another* server process on a shared PostgreSQL goes unseen here.
final class ReadCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let loadedAt: Date
        let validUntil: Date
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// Zero turns the cache off.
    let lifetime: TimeInterval
    /// Beyond this many entries the cache starts afresh rather than tracking recency.
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Read before loading from the database, handed back to `store`.
    var generation: UInt64 { state.withLockedValue { $0.generation } }

    func lookup(_ key: String, now: Date) -> Value? {
        guard lifetime > 0 else { return nil }
        return state.withLockedValue { state in
            guard let entry = state.entries[key] else { return nil }
            guard now < entry.validUntil, now.timeIntervalSince(entry.loadedAt) < lifetime else {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    func store(_ value: Value, for key: String, loadedIn generation: UInt64, now: Date, validUntil: Date = .distantFuture) {
        guard lifetime > 0 else { return }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, loadedAt: now, validUntil: validUntil)
        }
    }

    /// The cached value, or `load()`'s, stored unless a write ran meanwhile.
    func value(for key: String, now: Date = Date(), load: () async throws -> (Value, validUntil: Date)?) async rethrows -> Value? {
        if let cached = lookup(key, now: now) { return cached }
        let generation = self.generation
        guard let (value, validUntil) = try await load() else { return nil }
        store(value, for: key, loadedIn: generation, now: now, validUntil: validUntil)
        return value
    }

    func invalidate() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}

/// The caches of what most pages read: who is signed in, the cohorts on their home page, and
/// what the learning pages read of a cohort, its course outline and its lessons. Learners'
/// progress is never cached: it is theirs, and changes as they go.
final class ReadCaches: Sendable {
    let sessions: ReadCache<SessionQueries.SignedIn>
    let homeCohorts: ReadCache<CohortQueries.PersonCohorts>
    let cohortAccess: ReadCache<LearningAccess.Snapshot>
    let courseOutlines: ReadCache<CourseQueries.Outline>
    let lessons: ReadCache<CourseQueries.LessonContent>

    init(lifetime: TimeInterval) {
        sessions = ReadCache(lifetime: lifetime)
        homeCohorts = ReadCache(lifetime: lifetime)
        cohortAccess = ReadCache(lifetime: lifetime)
        courseOutlines = ReadCache(lifetime: lifetime, capacity: 1_000)
        lessons = ReadCache(lifetime: lifetime, capacity: 2_000)
    }

    /// Called after anything that may have changed a session, a person, a membership, a cohort or
    /// a course.
    func invalidateAll() {
        sessions.invalidate()
        homeCohorts.invalidate()
        cohortAccess.invalidate()
        courseOutlines.invalidate()
        lessons.invalidate()
    }
}

extension Request {
    private struct WritesNothingCachedKey: StorageKey { typealias Value = Bool }

    /// Declares that this request writes only what no cache holds (a learner's own progress), so
    /// the caches stay warm for everyone else. Only for handlers that are sure of it.
    func writesNothingCached() {
        storage[WritesNothingCachedKey.self] = true
    }

    var keepsCaches: Bool { storage[WritesNothingCachedKey.self] ?? false }
}

extension Application {
    private struct ReadCachesKey: StorageKey { typealias Value = ReadCaches }

    var readCaches: ReadCaches {
        // Set up by configure(_:config:); without it nothing is cached.
        get { storage[ReadCachesKey.self] ?? ReadCaches(lifetime: 0) }
        set { storage[ReadCachesKey.self] = newValue }
    }
}
