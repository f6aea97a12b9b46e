import Fluent

struct CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}
