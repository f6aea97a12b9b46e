import Fluent
import SQLKit

struct CreateSignInFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .id()
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("failed_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "sign_in_failures_email_idx").on("sign_in_failures").column("email").column("failed_at").run()
        try await sql.create(index: "sign_in_failures_ip_idx").on("sign_in_failures").column("ip").column("failed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
