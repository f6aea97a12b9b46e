import Fluent
import SQLKit

/// Conversations, who is in them and how far they have read, and their messages.
struct CreateChat: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("unique_key", .string, .required)
            .field("last_sequence", .int, .required)
            .field("last_message_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "unique_key")
            .create()
        try await database.schema("conversation_members")
            .id()
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("last_read_sequence", .int, .required)
            .unique(on: "conversation_id", "person_id")
            .create()
        try await database.schema("chat_messages")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("sequence", .int, .required)
            .field("author_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("html", .string, .required)
            .field("sent_at", .datetime, .required)
            .unique(on: "conversation_id", "sequence")
            .create()
        // Whether this cohort's learners may write privately to each other (off: only to staff).
        try await database.schema("cohorts")
            .field("learners_may_message", .bool, .required, .sql(.default(false)))
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "conversation_members_person_idx").on("conversation_members").column("person_id").run()
        try await sql.create(index: "conversations_cohort_idx").on("conversations").column("cohort_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("cohorts").deleteField("learners_may_message").update()
        try await database.schema("chat_messages").delete()
        try await database.schema("conversation_members").delete()
        try await database.schema("conversations").delete()
    }
}

/// Who wrote a conversation's latest message: a trainer's inbox puts first the conversations
/// waiting for their answer.
struct AddConversationLastAuthor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations").field("last_author_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("conversations").deleteField("last_author_id").update()
    }
}
