import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor
import Views

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
///   change made by *another* server process on a shared PostgreSQL goes unseen here. Once it is
///   that old, the next request loads it again, and requests for it meanwhile get the old value
///   rather than queue behind that load (never past twice the lifetime, nor after a write here).
final class ReadCache<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let loadedAt: Date
        let validUntil: Date
    }

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
        /// Keys being loaded, with the requests waiting for that load rather than running their own.
        var loading: [String: [CheckedContinuation<Value?, Never>]] = [:]
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
            guard now < entry.validUntil, now.timeIntervalSince(entry.loadedAt) < 2 * lifetime else {
                state.entries[key] = nil
                return nil
            }
            // Past its lifetime, kept for the requests that come while it is loaded again.
            return now.timeIntervalSince(entry.loadedAt) < lifetime ? entry.value : nil
        }
    }

    /// An entry past its lifetime but not its second one, nor its `validUntil`: what requests get
    /// while another loads it again.
    private static func stale(_ entry: Entry?, lifetime: TimeInterval, now: Date) -> Value? {
        guard let entry, now < entry.validUntil, now.timeIntervalSince(entry.loadedAt) < 2 * lifetime else { return nil }
        return entry.value
    }

    func store(_ value: Value, for key: String, loadedIn generation: UInt64, now: Date, validUntil: Date = .distantFuture) {
        guard lifetime > 0 else { return }
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, loadedAt: now, validUntil: validUntil)
        }
    }

    /// As `value(for:now:load:)`, but an entry past its lifetime (not its second one, nor a write)
    /// is loaded again in the background: every request gets the old value meanwhile, the one that
    /// found it old included. For values that take long to load, whose age a reader would not
    /// notice (the trainer's dashboard), so that no request waits for the load but the first.
    /// `load` runs after the request may have answered: it must not use a transaction of it.
    func refreshingValue(for key: String, now: Date = Date(),
                         load: @escaping @Sendable () async throws -> (Value, validUntil: Date)?) async throws -> Value? {
        if let cached = lookup(key, now: now) { return cached }
        let refresh = state.withLockedValue { state -> (stale: Value, generation: UInt64)? in
            guard lifetime > 0, state.loading[key] == nil, let stale = Self.stale(state.entries[key], lifetime: lifetime, now: now)
            else { return nil }
            state.loading[key] = []
            return (stale, state.generation)
        }
        guard let refresh else { return try await value(for: key, now: now, load: load) }
        Task {
            let loaded = try? await load()
            self.finishLoading(key, loaded: loaded ?? nil, loadedIn: refresh.generation, now: now)
        }
        return refresh.stale
    }

    /// The cached value, or `load()`'s, stored unless a write ran meanwhile.
    ///
    /// Requests that miss the same key together share one load: when an entry expires under load,
    /// sixty-four requests would otherwise each run the same queries at once, and wait for them
    /// all (that was most of the learning pages' p99). A shared result reaches the waiters only if
    /// no write ran during the load; otherwise each loads for itself.
    func value(for key: String, now: Date = Date(), load: () async throws -> (Value, validUntil: Date)?) async rethrows -> Value? {
        if let cached = lookup(key, now: now) { return cached }
        guard lifetime > 0 else { return try await load()?.0 }
        let (isLoader, generation, stale) = state.withLockedValue { state -> (Bool, UInt64, Value?) in
            if state.loading[key] != nil {
                return (false, state.generation, Self.stale(state.entries[key], lifetime: lifetime, now: now))
            }
            state.loading[key] = []
            return (true, state.generation, nil)
        }
        if let stale { return stale }
        guard isLoader else {
            let shared = await withCheckedContinuation { waiter in
                let joined = state.withLockedValue { state in
                    guard state.loading[key] != nil else { return false }
                    state.loading[key]!.append(waiter)
                    return true
                }
                if !joined { waiter.resume(returning: nil) }
            }
            if let shared { return shared }
            let generation = self.generation
            guard let (value, validUntil) = try await load() else { return nil }
            store(value, for: key, loadedIn: generation, now: now, validUntil: validUntil)
            return value
        }
        let loaded: (Value, validUntil: Date)?
        do {
            loaded = try await load()
        } catch {
            finishLoading(key, loaded: nil, loadedIn: generation, now: now)
            throw error
        }
        finishLoading(key, loaded: loaded, loadedIn: generation, now: now)
        return loaded?.0
    }

    /// As `value(for:now:load:)`, for a load that always reads a value, kept at most until
    /// `validUntil`.
    func value(for key: String, now: Date = Date(), validUntil: Date = .distantFuture, load: () async throws -> Value) async rethrows -> Value {
        // `value(for:now:load:)` answers with a value whenever its load gives one, so this is
        // never nil; were it, reading again beats a trap.
        if let value = try await value(for: key, now: now, load: { (try await load(), validUntil: validUntil) }) { return value }
        return try await load()
    }

    /// Stores what the loader read (unless a write ran meanwhile) and wakes the requests waiting
    /// for it: with the value, or with nil to load for themselves.
    private func finishLoading(_ key: String, loaded: (Value, validUntil: Date)?, loadedIn generation: UInt64, now: Date) {
        let (waiters, shared) = state.withLockedValue { state -> ([CheckedContinuation<Value?, Never>], Value?) in
            let waiters = state.loading.removeValue(forKey: key) ?? []
            guard let (value, validUntil) = loaded, state.generation == generation else { return (waiters, nil) }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(value: value, loadedAt: now, validUntil: validUntil)
            return (waiters, value)
        }
        for waiter in waiters { waiter.resume(returning: shared) }
    }

    func invalidate() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    /// Forgets one entry after its data was written. Loads running meanwhile are refused too (the
    /// generation moves), as they may have read the data before the write.
    func invalidate(_ key: String) {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries[key] = nil
        }
    }
}

/// The caches of what most pages read: who is signed in, the cohorts on their home page, and
/// what the learning pages read of a cohort, its course outline, its lessons and each learner's
/// progress. A learner's progress changes as they go: `ProgressStore` forgets their entry on each
/// of its writes, which therefore need not empty the other caches.
final class ReadCaches: Sendable {
    let sessions: ReadCache<SessionQueries.SignedIn>
    let homeCohorts: ReadCache<CohortQueries.PersonCohorts>
    let cohortAccess: ReadCache<LearningAccess.Snapshot>
    let courseOutlines: ReadCache<CourseQueries.Outline>
    let lessons: ReadCache<CourseQueries.LessonContent>
    let progress: ReadCache<[UUID: ProgressStore.Row]>
    /// The module cards of a person's course outline, rendered: they change with the course, the
    /// cohort's schedule, the day, and the person's progress, which all forget it.
    let outlineModules: ReadCache<TrustedHTML>
    /// Who receives a conversation's messages live (its people, or its cohort and the admins).
    let chatAudiences: ReadCache<Set<UUID>>
    /// Pages of forum threads (their posts) and of forum spaces (their threads), with names; the
    /// post counts of a cohort's lesson discussions.
    let forumPages: ForumPageCaches
    /// What the trainer's dashboard reads of a cohort (all but the viewer's unread messages).
    let dashboards: ReadCache<CohortDashboard.Board>
    /// What live classes held a while ago add up to from their events (`LiveFacts`): never stale,
    /// so it lives as long as the process and no write empties it.
    let heldAttendance: ReadCache<[Person.ID: Attendance]>
    /// Quizzes' settings, what their result pages read of them, and submitted attempts as graded.
    let quizzes: QuizCaches

    struct ForumPageCaches: Sendable {
        let threads: ReadCache<ForumRows.ThreadPage>
        let spaces: ReadCache<ForumRows.SpacePage>
        let discussions: ReadCache<[UUID: Int]>
        /// A cohort's spaces' titles and forum settings.
        let cohorts: ReadCache<ForumRows.CohortFacts>
        /// Pages of search hits, by cohort, query, filters, page, staff or not, and (for "mine") reader.
        let searches: ReadCache<ForumSearch.Page>
    }

    init(lifetime: TimeInterval) {
        sessions = ReadCache(lifetime: lifetime)
        homeCohorts = ReadCache(lifetime: lifetime)
        cohortAccess = ReadCache(lifetime: lifetime)
        courseOutlines = ReadCache(lifetime: lifetime, capacity: 1_000)
        lessons = ReadCache(lifetime: lifetime, capacity: 2_000)
        progress = ReadCache(lifetime: lifetime)
        outlineModules = ReadCache(lifetime: lifetime, capacity: 2_000)
        chatAudiences = ReadCache(lifetime: lifetime, capacity: 5_000)
        forumPages = ForumPageCaches(threads: ReadCache(lifetime: lifetime, capacity: 1_000), spaces: ReadCache(lifetime: lifetime, capacity: 1_000),
                                     discussions: ReadCache(lifetime: lifetime, capacity: 2_000),
                                     cohorts: ReadCache(lifetime: lifetime, capacity: 2_000),
                                     searches: ReadCache(lifetime: lifetime, capacity: 2_000))
        // A board per cohort, and one per learner whose page staff open.
        dashboards = ReadCache(lifetime: lifetime, capacity: 2_000)
        heldAttendance = ReadCache(lifetime: lifetime > 0 ? .infinity : 0, capacity: 5_000)
        quizzes = QuizCaches(lifetime: lifetime)
    }

    /// After a write of one person's progress in one cohort: what was derived from it.
    func forgetProgress(_ key: String) {
        progress.invalidate(key)
        outlineModules.invalidate(key)
    }

    /// Called after anything that may have changed a session, a person, a membership, a cohort or
    /// a course.
    func invalidateAll() {
        sessions.invalidate()
        homeCohorts.invalidate()
        cohortAccess.invalidate()
        courseOutlines.invalidate()
        lessons.invalidate()
        progress.invalidate()
        outlineModules.invalidate()
        chatAudiences.invalidate()
        forumPages.threads.invalidate()
        forumPages.spaces.invalidate()
        forumPages.discussions.invalidate()
        forumPages.cohorts.invalidate()
        forumPages.searches.invalidate()
        dashboards.invalidate()
        quizzes.invalidate()
    }
}

extension Request {
    private struct WritesNothingCachedKey: StorageKey { typealias Value = Bool }

    /// Declares that this request writes only what no cache holds, or what it forgets itself (a
    /// learner's own progress), so the caches stay warm for everyone else. Only for handlers that
    /// are sure of it. The trainer's dashboard is the exception it accepts: it shows a learner's
    /// progress and quiz submissions written this way up to twice the caches' lifetime late.
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
