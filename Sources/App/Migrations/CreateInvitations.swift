import Fluent
import SQLKit

struct CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invitations")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("cohort_id", .uuid, .references("cohorts", "id", onDelete: .setNull))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .field("invited_by", .uuid, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await (database as! any SQLDatabase).create(index: "invitations_organization_idx")
            .on("invitations").column("organization_id").column("email").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invitations").delete()
    }
}
