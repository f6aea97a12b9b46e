import Domain
import Fluent
import Foundation
import SQLKit

/// The trainer's table of a cohort: one row per learner, read from every feature in a fixed
/// number of queries (each reads the whole cohort at once), whatever the cohort's size.
enum CohortDashboard {
    struct Row: Sendable {
        let personID: UUID
        let name: String
        let progress: CourseProgress.Part
        let lastActiveAt: Date?
        let secondsLastWeek: Int
        /// The mean of each quiz's best graded attempt, in percent; nil before any.
        let quizAverage: Int?
        let weakestTopic: (topic: String, percent: Int)?
        let reviewsDone: Int
        let reviewsDue: Int
        let liveAttended: Int
        let liveHeld: Int
        let openHelpRequests: Int
        /// Their private messages the viewer has not read.
        let unreadFromThem: Int
        let facts: LearnerFacts
        let risk: RiskAssessment
        /// Their first activity not done in an open module, and its due day.
        let next: (activity: Activity, due: Day?)?
        /// Their work not done that falls due soonest, today or later.
        let dueSoon: (activity: Activity, due: Day)?
        /// The last live class held since they joined, when they missed it.
        let missedLive: LiveSession?
    }

    /// Which cohort, and how its course's dates fall: from a request's access or from the record
    /// (background jobs).
    struct Scope: Sendable {
        let cohortID: UUID
        let courseID: UUID
        let start: Day
        let shiftDays: Int

        init(_ access: LearningAccess) {
            cohortID = access.cohortID; courseID = access.courseID; start = access.cohort.startDate; shiftDays = access.snapshot.shiftDays
        }

        init(_ record: CohortRecord) {
            cohortID = record.id!; courseID = record.$course.id; start = record.domain().startDate; shiftDays = record.scheduleShiftDays
        }

        func dueDay(of activity: Activity) -> Day? { activity.due?.resolve(start: start, shiftDays: shiftDays) }
        func isOpen(_ module: CourseModule, today: Day) -> Bool {
            module.unlock.map { $0.resolve(start: start, shiftDays: shiftDays) <= today } ?? true
        }
    }

    struct Board: Sendable {
        let rows: [Row]
        let thresholds: RiskThresholds
    }

    /// How far back "time spent lately" looks.
    static let recentDays = 7

    /// `only`: one learner (their page); nil: everyone.
    static func load(_ access: LearningAccess, viewer: UUID, now: Date, only: UUID? = nil, caches: ReadCaches,
                     on db: any Database) async throws -> Board {
        try await load(Scope(access), viewer: viewer, now: now, only: only, caches: caches, on: db)
    }

    static func load(_ access: Scope, viewer: UUID, now: Date, only: UUID? = nil, caches: ReadCaches,
                     on db: any Database) async throws -> Board {
        guard let sql = db as? any SQLDatabase else { return Board(rows: [], thresholds: .standard) }
        let cohortID = access.cohortID
        let outline = try await CourseQueries.cachedOutline(of: access.courseID, caches: caches, on: db)
        let key = "\(cohortID.uuidString)|\(only?.uuidString ?? "all")|\(Day(utc: now).description)"
        guard let cohort = try await caches.dashboards.value(for: key, now: now, load: {
            let facts = try await Facts.load(cohortID, only: only, activities: outline.flatMap(\.activities), now: now, caches: caches,
                                             on: db, sql)
            return (facts, validUntil: facts.live.nextEnd ?? .distantFuture)
        }) else { return Board(rows: [], thresholds: .standard) }
        let unread = try await sql.raw("""
            SELECT m.author_id AS person_id, COUNT(*) AS count FROM chat_messages m
            JOIN conversations c ON c.id = m.conversation_id
            JOIN conversation_members v ON v.conversation_id = c.id AND v.person_id = \(bind: viewer)
            WHERE c.cohort_id = \(bind: cohortID) AND c.kind = 'direct' AND m.sequence > v.last_read_sequence
              AND m.author_id <> \(bind: viewer) AND m.deleted_at IS NULL
            GROUP BY m.author_id
            """).all(decoding: PersonCount.self)
        let unreadByPerson = Dictionary(unread.map { ($0.person_id, $0.count) }, uniquingKeysWith: +)
        let (quizzes, live) = (cohort.quizzes, cohort.live)
        let start = access.start.startInUTC
        let today = Day(utc: now)
        let rows = cohort.learners.map { learner -> Row in
            let person = learner.person_id
            let mine = cohort.progress[person]
            let stateByActivity = mine?.states ?? [:]
            let course = CourseProgress(outline: outline, states: stateByActivity).course
            let quiz = quizzes.byPerson[person]
            let lastActive = [mine?.lastVisitedAt, cohort.posts[person]?.last, quiz?.lastSubmittedAt].compactMap { $0 }.max()
            let since = max(start, learner.created_at ?? start)
            let attended = live.attended(by: person, since: since)
            let open = outline.filter { access.isOpen($0.module, today: today) }.flatMap(\.activities).filter { stateByActivity[$0.id] != .done }
            let facts = LearnerFacts(
                since: since, lastActiveAt: lastActive,
                modulesBehind: RiskRules.modulesBehind(outline, states: stateByActivity, dueDay: access.dueDay(of:), today: today),
                failedQuizzes: quiz?.failed ?? [], missedLiveInARow: RiskRules.missedInARow(attended),
                posts: cohort.posts[person]?.count ?? 0)
            return Row(personID: person, name: learner.name, progress: course, lastActiveAt: lastActive,
                       secondsLastWeek: cohort.recent[person] ?? 0, quizAverage: quiz?.average, weakestTopic: quizzes.weakest[person],
                       reviewsDone: cohort.peer.done[person] ?? 0, reviewsDue: cohort.peer.due[person] ?? 0,
                       liveAttended: attended.filter { $0 }.count, liveHeld: attended.count,
                       openHelpRequests: cohort.help[person] ?? 0, unreadFromThem: unreadByPerson[person] ?? 0,
                       facts: facts, risk: RiskRules.assess(facts, thresholds: cohort.thresholds, now: now),
                       next: open.first.map { ($0, access.dueDay(of: $0)) },
                       dueSoon: open.compactMap { activity in access.dueDay(of: activity).flatMap { $0 >= today ? (activity, $0) : nil } }
                           .min { $0.1 < $1.1 },
                       missedLive: live.lastMissed(by: person, since: since))
        }
        return Board(rows: rows, thresholds: cohort.thresholds)
    }

    /// What the board reads of the cohort, the same whoever looks: kept a few seconds in
    /// `ReadCaches.dashboards` (per cohort and day, and until the next class ends), since a write
    /// on this server empties it like every read cache. Everything but the viewer's unread messages.
    struct Facts: Sendable {
        let thresholds: RiskThresholds
        let learners: [Learner]
        let progress: [UUID: ProgressSummary.Learner]
        let recent: [UUID: Int]
        let quizzes: QuizFacts
        let peer: PeerFacts
        let live: LiveFacts
        let help: [UUID: Int]
        let posts: [UUID: PostCount]

        static func load(_ cohortID: UUID, only: UUID?, activities: [Activity], now: Date, caches: ReadCaches,
                         on db: any Database, _ sql: any SQLDatabase) async throws -> Facts {
            let thresholds = try await CohortRecord.find(cohortID, on: db)?.riskThresholds ?? .standard
            let learners = try await CohortDashboard.learners(cohortID, only: only, on: sql)
            let progress = try await ProgressSummary.load(cohortID, activities: activities, on: sql)
            let recent = try await sql.raw("""
                SELECT person_id, CAST(SUM(seconds) AS BIGINT) AS seconds FROM learning_days
                WHERE cohort_id = \(bind: cohortID) AND day >= \(bind: Day(utc: now).adding(days: 1 - recentDays).description)
                GROUP BY person_id
                """).all(decoding: PersonSum.self)
            let quizzes = try await QuizFacts.load(cohortID, activities: activities, on: sql, db)
            let peer = try await PeerFacts.load(cohortID, activities: activities, on: sql, db)
            let live = try await LiveFacts.load(cohortID, now: now, memo: caches.heldAttendance, on: db)
            let help = try await sql.raw("""
                SELECT person_id, COUNT(*) AS count FROM help_requests WHERE cohort_id = \(bind: cohortID) AND status = 'open' GROUP BY person_id
                """).all(decoding: PersonCount.self)
            let posts = try await sql.raw("""
                SELECT p.author_id AS person_id, COUNT(*) AS count, MAX(p.created_at) AS last FROM forum_posts p
                JOIN forum_threads t ON t.id = p.thread_id WHERE t.cohort_id = \(bind: cohortID) AND p.deleted_at IS NULL GROUP BY p.author_id
                """).all(decoding: PostCount.self)
            return Facts(thresholds: thresholds, learners: learners, progress: progress,
                         recent: Dictionary(recent.map { ($0.person_id, $0.seconds ?? 0) }, uniquingKeysWith: +), quizzes: quizzes,
                         peer: peer, live: live, help: Dictionary(help.map { ($0.person_id, $0.count) }, uniquingKeysWith: +),
                         posts: Dictionary(posts.map { ($0.person_id, $0) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    struct Learner: Decodable { let person_id: UUID; let name: String; let created_at: Date? }
    struct PersonSum: Decodable { let person_id: UUID; let seconds: Int? }
    struct PersonCount: Decodable { let person_id: UUID; let count: Int }
    struct PostCount: Decodable { let person_id: UUID; let count: Int; let last: Date? }

    /// The cohort's learners, by name (someone also on its staff is not one).
    static func learners(_ cohortID: UUID, only: UUID?, on sql: any SQLDatabase) async throws -> [Learner] {
        let one: SQLQueryString = only.map { "AND m.person_id = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT m.person_id, p.name, m.created_at FROM cohort_members m JOIN people p ON p.id = m.person_id
            WHERE m.cohort_id = \(bind: cohortID) AND m.role = 'learner' \(one)
              AND NOT EXISTS (SELECT 1 FROM cohort_members s WHERE s.cohort_id = m.cohort_id AND s.person_id = m.person_id
                              AND s.role <> 'learner')
            ORDER BY p.name, m.person_id
            """).all(decoding: Learner.self)
    }
}
