import Fluent
import SQLKit

struct CreateOutboxMails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_mails")
            .id()
            .field("payload", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "outbox_mails_due_idx")
            .on("outbox_mails").column("sent_at").column("next_attempt_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_mails").delete()
    }
}
