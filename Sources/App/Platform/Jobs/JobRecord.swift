import Fluent
import Foundation
import SQLKit

/// A job for `JobRunner`: what to do (`kind`, `payload`), when, who holds it, how it went.
final class JobRecord: Model, @unchecked Sendable {
    static let schema = "jobs"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// Unique: enqueuing the same key twice makes one job (a period, an event).
    @Field(key: "key") var key: String
    @Field(key: "payload") var payload: String
    @Field(key: "run_at") var runAt: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "done_at") var doneAt: Date?
    @OptionalField(key: "failed_at") var failedAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

struct CreateJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .id()
            .field("kind", .string, .required)
            .field("key", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("locked_by", .string)
            .field("locked_until", .datetime)
            .field("done_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "jobs_due_idx").on("jobs").column("done_at").column("run_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
