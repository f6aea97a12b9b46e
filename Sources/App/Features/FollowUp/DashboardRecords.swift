import Domain
import Fluent
import Foundation
import SQLKit

/// Time a learner spent on a cohort's activities, per UTC day: what "this week" and the
/// timeline read without going through every heartbeat.
final class LearningDayRecord: Model, @unchecked Sendable {
    static let schema = "learning_days"

    @ID(key: .id) var id: UUID?
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "person_id") var personID: UUID
    /// `YYYY-MM-DD`, so it sorts and compares as text on every database.
    @Field(key: "day") var day: String
    @Field(key: "seconds") var seconds: Int

    init() {}

    /// Adds `seconds` to the learner's day, creating it on first use (one statement, so two
    /// heartbeats at once both count).
    static func add(_ seconds: Int, cohortID: UUID, personID: UUID, at now: Date, on db: any Database) async throws {
        guard seconds > 0, let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: schema).columns("id", "cohort_id", "person_id", "day", "seconds")
            .values([UUID(), cohortID, personID, Day(utc: now).description, seconds] as [any Encodable & Sendable])
            .onConflict(with: ["cohort_id", "person_id", "day"]) { $0.set("seconds", to: SQLRaw("learning_days.seconds + excluded.seconds")) }
            .run()
    }
}

/// A private note by a cohort's staff about one learner. Never shown to learners.
final class TrainerNoteRecord: Model, @unchecked Sendable {
    static let schema = "trainer_notes"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "learner_id") var learnerID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(organizationID: UUID, cohortID: UUID, learnerID: UUID, authorID: UUID, body: String, at now: Date) {
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.learnerID = learnerID
        self.authorID = authorID
        self.body = body
        self.createdAt = now
    }
}

struct CreateFollowUpDashboard: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cohorts").field("risk_thresholds", .string).update()
        try await database.schema("learning_days")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("day", .string, .required)
            .field("seconds", .int, .required)
            .unique(on: "cohort_id", "person_id", "day")
            .create()
        try await database.schema("trainer_notes")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("learner_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "trainer_notes_by_learner").on("trainer_notes").column("cohort_id").column("learner_id").run()
        // The dashboard reads a whole cohort at once from these.
        try await sql.create(index: "learning_days_by_day").on("learning_days").column("cohort_id").column("day").run()
        try await sql.create(index: "quiz_attempts_by_cohort").on("quiz_attempts").column("cohort_id").column("person_id").run()
        try await sql.create(index: "peer_reviews_by_cohort").on("peer_reviews").column("cohort_id").column("reviewer_id").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            for index in ["quiz_attempts_by_cohort", "peer_reviews_by_cohort"] {
                try await sql.drop(index: index).run()
            }
        }
        try await database.schema("trainer_notes").delete()
        try await database.schema("learning_days").delete()
        try await database.schema("cohorts").deleteField("risk_thresholds").update()
    }
}
