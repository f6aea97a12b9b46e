import Domain
import Fluent
import Foundation
import SQLKit

/// Mastery per topic, kept as running sums per learner and topic (`quiz_topic_scores`): a
/// learner who takes a self-assessment quiz fifty times still gets a result page in a few
/// queries. Sums follow `TopicMastery`: an answer waiting for a trainer counts nowhere until
/// graded; a tag repeated on one question counts once.
enum QuizMastery {
    /// One answer's share of the sums: its points and what it earned, per topic.
    typealias Delta = (topic: String, earned: Double, possible: Double)

    /// What a graded attempt adds.
    static func deltas(_ items: [AttemptItem], marks: [QuestionMark]) -> [Delta] {
        zip(items, marks).flatMap { item, mark -> [Delta] in
            guard let fraction = mark.fraction, item.points > 0 else { return [] }
            return Set(item.question.tags).map { ($0, item.points * min(max(fraction, 0), 1), item.points) }
        }
    }

    /// Adds deltas to the learner's sums, in the caller's transaction.
    static func add(_ deltas: [Delta], cohortID: UUID, personID: UUID, on sql: any SQLDatabase) async throws {
        try await add([(cohortID, personID, deltas)], on: sql)
    }

    /// Adds each learner's deltas to their sums, in one statement (a learner may come twice).
    static func add(_ learners: [(cohortID: UUID, personID: UUID, deltas: [Delta])], on sql: any SQLDatabase) async throws {
        struct Sum: Hashable { let cohort: UUID; let person: UUID; let topic: String }
        var sums: [Sum: (earned: Double, possible: Double)] = [:]
        for (cohort, person, deltas) in learners {
            for delta in deltas {
                let sum = sums[Sum(cohort: cohort, person: person, topic: delta.topic)] ?? (0, 0)
                sums[Sum(cohort: cohort, person: person, topic: delta.topic)] = (sum.earned + delta.earned, sum.possible + delta.possible)
            }
        }
        guard !sums.isEmpty else { return }
        // Once each (PostgreSQL refuses a row twice in one statement), in one order.
        let rows = sums.sorted { a, b in
            if a.key.cohort != b.key.cohort { return UUID.textOrder(a.key.cohort, b.key.cohort) }
            if a.key.person != b.key.person { return UUID.textOrder(a.key.person, b.key.person) }
            return a.key.topic < b.key.topic
        }
        let insert = sql.insert(into: "quiz_topic_scores").columns("id", "cohort_id", "person_id", "topic", "earned", "possible")
        for (sum, value) in rows {
            insert.values([UUID.timeOrdered(), sum.cohort, sum.person, sum.topic, value.earned, value.possible] as [any Encodable & Sendable])
        }
        try await insert.onConflict(with: ["cohort_id", "person_id", "topic"]) {
            $0.set("earned", to: SQLRaw("quiz_topic_scores.earned + excluded.earned"))
                .set("possible", to: SQLRaw("quiz_topic_scores.possible + excluded.possible"))
        }.run()
    }

    /// The learner's mastery per topic, weakest first (then by name).
    static func of(_ personID: UUID, in cohortID: UUID, on db: any Database) async throws -> [(topic: String, value: Double)] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT topic, earned AS topic_earned, possible AS topic_possible FROM quiz_topic_scores \
            WHERE cohort_id = \(bind: cohortID) AND person_id = \(bind: personID)
            """).all()
        return try of(rows)
    }

    /// The mastery in rows of `topic`, `topic_earned` and `topic_possible` (a row without a topic,
    /// as a left join gives, is none), weakest first (then by name).
    static func of(_ rows: [any SQLRow]) throws -> [(topic: String, value: Double)] {
        try rows.compactMap { row -> (topic: String, value: Double)? in
            guard let topic = try row.decode(column: "topic", as: String?.self) else { return nil }
            let earned = try row.decode(column: "topic_earned", as: Double.self), possible = try row.decode(column: "topic_possible", as: Double.self)
            guard possible > 0 else { return nil }
            return (topic, min(max(earned / possible, 0), 1))
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
}

struct CreateQuizTopicScores: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quiz_topic_scores")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .field("earned", .double, .required)
            .field("possible", .double, .required)
            .unique(on: "cohort_id", "person_id", "topic")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quiz_topic_scores").delete()
    }
}
