import Fluent
import SQLKit

struct CreateCohorts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cohorts")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("capacity", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "cohorts_organization_idx")
            .on("cohorts").column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cohorts").delete()
    }
}
