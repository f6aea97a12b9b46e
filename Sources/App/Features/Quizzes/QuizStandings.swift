import Domain
import Fluent
import Foundation
import SQLKit

/// Each learner's standing at each quiz (`quiz_standings`, Domain `QuizStanding`), kept as
/// attempts are submitted and graded: the trainer's dashboard reads one row per learner and quiz
/// instead of a year of attempts (64,000 for a cohort of 100 in bench/dashboard.sh).
///
/// Written in the transaction that changes an attempt's score. A learner usually has one attempt
/// of a quiz open at a time; where several are open (seeded, as in bench/quiz.sh), their
/// submissions may share a batch, and `submitted` folds them into the one row in their order. A
/// trainer's grade refolds every attempt, and on PostgreSQL both lock the row first.
enum QuizStandings {
    struct Row: Decodable {
        let person_id: UUID
        let activity_id: UUID
        let trail: String
        let last_submitted_at: Date?
    }

    /// A learner at a quiz: one standing.
    struct Key: Hashable, Sendable {
        let cohort: UUID
        let person: UUID
        let activity: UUID
    }

    /// A submitted attempt's share: its score, folded in when graded (a written answer waiting
    /// for a trainer keeps it out until then).
    typealias Submitted = (key: Key, score: QuizScore, at: Date)

    /// After submissions, in their order: two statements for them all, or one if the caller
    /// `read` the rows in its transaction already (SQLite, where that transaction holds the write
    /// lock): a missing row as an empty standing (`QuizStanding(stored: "")`), an unreadable one nil.
    static func submitted(_ submissions: [Submitted], read: [Key: QuizStanding?]? = nil, on sql: any SQLDatabase) async throws {
        var standings = if let read { read } else { try await locked(submissions.map(\.key), on: sql) }
        var last: [Key: Date] = [:], unreadable: [Key] = []
        for (key, score, at) in submissions {
            // A trail it cannot read (written by hand, or by a later version): folded again from every attempt.
            guard var standing = standings[key] ?? nil else {
                if !unreadable.contains(key) { unreadable.append(key) }
                continue
            }
            if score.pending == 0 { standing.add(score.percent) }
            standings[key] = standing
            last[key] = max(last[key] ?? at, at)
        }
        try await write(last.keys.sorted(by: Key.order).compactMap { key in
            (standings[key] ?? nil).map { (key, $0, last[key]!) }
        }, on: sql)
        for key in unreadable { try await regraded(key, on: sql) }
    }

    /// After a trainer's grade: every submitted attempt folded again, in order.
    static func regraded(_ key: Key, on sql: any SQLDatabase) async throws {
        _ = try await locked([key], on: sql)
        let rows = try await sql.raw("""
            SELECT earned, possible, pending, submitted_at FROM quiz_attempts WHERE cohort_id = \(bind: key.cohort)
              AND activity_id = \(bind: key.activity) AND person_id = \(bind: key.person) AND submitted_at IS NOT NULL
            ORDER BY submitted_at, id
            """).all(decoding: Scored.self)
        guard let last = rows.last?.submitted_at else { return }
        try await write([(key, QuizStanding(percents: rows.compactMap(\.gradedPercent)), last)], on: sql)
    }

    /// Every learner's standing at every quiz, from their attempts: for data written without
    /// `QuizAttemptStore` (the migration that brought this table, `seed-bench`). One cohort, or all.
    static func rebuild(cohortID: UUID? = nil, on sql: any SQLDatabase) async throws {
        let only: SQLQueryString = cohortID.map { "AND cohort_id = \(bind: $0)" } ?? ""
        try await sql.raw("DELETE FROM quiz_standings WHERE 1 = 1 \(only)").run()
        let rows = try await sql.raw("""
            SELECT cohort_id, person_id, activity_id, earned, possible, pending, submitted_at FROM quiz_attempts
            WHERE submitted_at IS NOT NULL \(only) ORDER BY submitted_at, id
            """).all(decoding: Scored.self)
        var folded: [Key: (standing: QuizStanding, last: Date)] = [:]
        for row in rows {
            guard let cohort = row.cohort_id, let person = row.person_id, let activity = row.activity_id else { continue }
            let key = Key(cohort: cohort, person: person, activity: activity)
            var entry = folded[key] ?? (QuizStanding(), row.submitted_at)
            if let percent = row.gradedPercent { entry.standing.add(percent) }
            entry.last = max(entry.last, row.submitted_at)
            folded[key] = entry
        }
        let entries = Array(folded)
        for start in stride(from: 0, to: entries.count, by: 500) {
            let batch = entries[start..<min(start + 500, entries.count)]
            let insert = sql.insert(into: "quiz_standings").columns("id", "cohort_id", "person_id", "activity_id", "trail", "last_submitted_at")
            for (key, entry) in batch {
                insert.values([UUID.timeOrdered(), key.cohort, key.person, key.activity, entry.standing.stored, entry.last] as [any Encodable & Sendable])
            }
            try await insert.run()
        }
    }

    /// The cohort's rows, for the dashboard.
    static func of(cohort cohortID: UUID, on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw("""
            SELECT person_id, activity_id, trail, last_submitted_at FROM quiz_standings WHERE cohort_id = \(bind: cohortID)
            """).all(decoding: Row.self)
    }

    private struct Scored: Decodable {
        let cohort_id: UUID?
        let person_id: UUID?
        let activity_id: UUID?
        let earned: Double?
        let possible: Double?
        let pending: Int?
        let submitted_at: Date

        /// The percent, when nothing waits for a trainer.
        var gradedPercent: Double? {
            let score = QuizScore(stored: earned ?? 0, possible: possible ?? 0, pending: pending ?? 0)
            return score.pending == 0 ? score.percent : nil
        }
    }

    /// The rows, created empty if need be and locked for the rest of the transaction on
    /// PostgreSQL, in one statement; nil for a trail that cannot be read.
    private static func locked(_ keys: [Key], on sql: any SQLDatabase) async throws -> [Key: QuizStanding?] {
        let keys = Set(keys).sorted(by: Key.order)  // once each (PostgreSQL refuses a row twice), in one order
        guard !keys.isEmpty else { return [:] }
        let insert = sql.insert(into: "quiz_standings").columns("id", "cohort_id", "person_id", "activity_id", "trail")
        for key in keys { insert.values([UUID.timeOrdered(), key.cohort, key.person, key.activity, ""] as [any Encodable & Sendable]) }
        let rows = try await insert.onConflict(with: ["cohort_id", "person_id", "activity_id"]) {
            $0.set("trail", to: SQLRaw("quiz_standings.trail"))
        }.returning("cohort_id", "person_id", "activity_id", "trail").all(decoding: Locked.self)
        return Dictionary(rows.map { (Key(cohort: $0.cohort_id, person: $0.person_id, activity: $0.activity_id), QuizStanding(stored: $0.trail)) }) { $1 }
    }

    private struct Locked: Decodable {
        let cohort_id: UUID
        let person_id: UUID
        let activity_id: UUID
        let trail: String
    }

    /// The rows' new trails, in one upsert (creating any still missing: on SQLite a submission's
    /// batch reads the rows instead of `locked`).
    private static func write(_ standings: [(Key, QuizStanding, lastSubmittedAt: Date)], on sql: any SQLDatabase) async throws {
        guard !standings.isEmpty else { return }
        let insert = sql.insert(into: "quiz_standings").columns("id", "cohort_id", "person_id", "activity_id", "trail", "last_submitted_at")
        for (key, standing, last) in standings {
            insert.values([UUID.timeOrdered(), key.cohort, key.person, key.activity, standing.stored, last] as [any Encodable & Sendable])
        }
        try await insert.onConflict(with: ["cohort_id", "person_id", "activity_id"]) {
            $0.set(excludedValueOf: "trail").set(excludedValueOf: "last_submitted_at")
        }.run()
    }
}

extension QuizStandings.Key {
    init(_ attempt: QuizAttemptRecord) {
        self.init(cohort: attempt.cohortID, person: attempt.personID, activity: attempt.activityID)
    }

    /// Any fixed order: rows locked in one order cannot deadlock.
    static func order(_ a: Self, _ b: Self) -> Bool {
        if a.cohort != b.cohort { return UUID.textOrder(a.cohort, b.cohort) }
        if a.person != b.person { return UUID.textOrder(a.person, b.person) }
        return UUID.textOrder(a.activity, b.activity)
    }
}

/// Each learner's standing at each quiz; filled from the attempts already there.
struct CreateQuizStandings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quiz_standings")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("trail", .string, .required)
            .field("last_submitted_at", .datetime)
            .unique(on: "cohort_id", "person_id", "activity_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await QuizStandings.rebuild(on: sql)
        // The dashboard read every attempt of a cohort from this index; it reads the standings now.
        try await sql.drop(index: "quiz_attempts_submitted_by_cohort").ifExists().run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "quiz_attempts_submitted_by_cohort").on("quiz_attempts")
                .column("cohort_id").column("submitted_at").column("id").column("person_id").column("activity_id")
                .column("earned").column("possible").column("pending").run()
        }
        try await database.schema("quiz_standings").delete()
    }
}
