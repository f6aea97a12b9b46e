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
        var unreadFromThem: Int
        let facts: LearnerFacts
        var risk: RiskAssessment
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
        var rows: [Row]
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
        // Everything but the viewer's unread messages and the risk (which moves with the clock)
        // is the same for whoever looks, all day, until the next class ends or something is written.
        guard var board = try await caches.dashboards.refreshingValue(for: key, now: now, load: {
            let facts = try await Facts.load(cohortID, only: only, activities: outline.flatMap(\.activities), now: now, caches: caches,
                                             on: db, sql)
            return (facts.board(access, outline: outline, now: now), validUntil: facts.live.nextEnd ?? .distantFuture)
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
        for index in board.rows.indices {
            board.rows[index].unreadFromThem = unreadByPerson[board.rows[index].personID] ?? 0
            board.rows[index].risk = RiskRules.assess(board.rows[index].facts, thresholds: board.thresholds, now: now)
        }
        return board
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
