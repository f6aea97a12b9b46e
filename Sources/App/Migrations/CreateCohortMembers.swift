import Fluent
import SQLKit

struct CreateCohortMembers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cohort_members")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "cohort_id", "person_id", "role")
            .create()
        try await (database as! any SQLDatabase).create(index: "cohort_members_person_idx")
            .on("cohort_members").column("person_id").column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cohort_members").delete()
    }
}
