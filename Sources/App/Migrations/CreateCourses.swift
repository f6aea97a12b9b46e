import Fluent
import SQLKit

struct CreateCourses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("courses")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "courses_organization_idx")
            .on("courses").column("organization_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("courses").delete()
    }
}
