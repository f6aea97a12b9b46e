import Fluent

struct CreateMemberships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("memberships")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("roles", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "person_id", "organization_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("memberships").delete()
    }
}
