import Domain
import Fluent
import Foundation
import SQLKit

/// Each learner's standing at each quiz (`quiz_standings`, Domain `QuizStanding`), kept as
/// attempts are submitted and graded: the trainer's dashboard reads one row per learner and quiz
/// instead of a year of attempts (64,000 for a cohort of 100 in bench/dashboard.sh).
///
/// Written in the transaction that changes an attempt's score. Only one attempt per learner and
/// quiz is open at a time, so two submissions never fold into one row at once; a trainer's grade
/// refolds every attempt, and on PostgreSQL both lock the row first.
enum QuizStandings {
    struct Row: Decodable {
        let person_id: UUID
        let activity_id: UUID
        let trail: String
        let last_submitted_at: Date?
    }

    /// After a submission: the attempt's score folded in, when graded (a written answer waiting for
    /// a trainer keeps it out until then).
    static func submitted(_ attempt: QuizAttemptRecord, score: QuizScore, at now: Date, on sql: any SQLDatabase) async throws {
        // A trail it cannot read (written by hand, or by a later version): folded again from every attempt.
        guard var standing = try await locked(attempt, on: sql) else { return try await regraded(attempt, on: sql) }
        if score.pending == 0 { standing.add(score.percent) }
        try await write(standing, of: attempt, lastSubmittedAt: now, on: sql)
    }

    /// After a trainer's grade: every submitted attempt folded again, in order.
    static func regraded(_ attempt: QuizAttemptRecord, on sql: any SQLDatabase) async throws {
        _ = try await locked(attempt, on: sql)
        let rows = try await sql.raw("""
            SELECT earned, possible, pending, submitted_at FROM quiz_attempts WHERE cohort_id = \(bind: attempt.cohortID)
              AND activity_id = \(bind: attempt.activityID) AND person_id = \(bind: attempt.personID) AND submitted_at IS NOT NULL
            ORDER BY submitted_at, id
            """).all(decoding: Scored.self)
        guard let last = rows.last?.submitted_at else { return }
        try await write(QuizStanding(percents: rows.compactMap(\.gradedPercent)), of: attempt, lastSubmittedAt: last, on: sql)
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
                insert.values([UUID(), key.cohort, key.person, key.activity, entry.standing.stored, entry.last] as [any Encodable & Sendable])
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

    private struct Key: Hashable { let cohort: UUID; let person: UUID; let activity: UUID }

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

    /// The row, created empty if need be and locked for the rest of the transaction on PostgreSQL;
    /// nil when its trail cannot be read.
    private static func locked(_ attempt: QuizAttemptRecord, on sql: any SQLDatabase) async throws -> QuizStanding? {
        let trail = try await sql.raw("""
            INSERT INTO quiz_standings (id, cohort_id, person_id, activity_id, trail) \
            VALUES (\(bind: UUID()), \(bind: attempt.cohortID), \(bind: attempt.personID), \(bind: attempt.activityID), '') \
            ON CONFLICT (cohort_id, person_id, activity_id) DO UPDATE SET trail = quiz_standings.trail RETURNING trail
            """).first(decoding: Trail.self)?.trail ?? ""
        return QuizStanding(stored: trail)
    }

    private struct Trail: Decodable { let trail: String }

    private static func write(_ standing: QuizStanding, of attempt: QuizAttemptRecord, lastSubmittedAt: Date,
                              on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE quiz_standings SET trail = \(bind: standing.stored), last_submitted_at = \(bind: lastSubmittedAt)
            WHERE cohort_id = \(bind: attempt.cohortID) AND person_id = \(bind: attempt.personID) AND activity_id = \(bind: attempt.activityID)
            """).run()
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
