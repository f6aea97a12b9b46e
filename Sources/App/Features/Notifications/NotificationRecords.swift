import Domain
import Fluent
import Foundation
import SQLKit

/// One notification of one person. While unread, a second event about the same subject (a new
/// message in the same private conversation) updates it instead of adding another
/// (`subject_key`, unique among a person's unread ones).
final class NotificationRecord: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: NotificationKind
    /// "conversation:<id>" for private messages, "mention:<message id>" for a mention.
    @Field(key: "subject_key") var subjectKey: String
    /// The conversation it is about and the message number: reading the conversation that far
    /// reads the notification too.
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "source_position") var sourcePosition: Int
    @Field(key: "title") var title: String
    @Field(key: "excerpt") var excerpt: String
    /// A path on this site.
    @Field(key: "url") var url: String
    /// How many events it stands for ("3 new messages").
    @Field(key: "item_count") var itemCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    /// When to e-mail it if still unread; nil: not by e-mail (the person's choice).
    @OptionalField(key: "email_due_at") var emailDueAt: Date?
    @OptionalField(key: "emailed_at") var emailedAt: Date?
    /// How many e-mails told of it: after the first, more of the same wait the follow-up delay.
    @Field(key: "email_count") var emailCount: Int

    init() {}
}

/// A person's choices about e-mail; no row means the defaults.
final class NotificationPreferencesRecord: Model, @unchecked Sendable {
    static let schema = "notification_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "email_delay_minutes") var emailDelayMinutes: Int?
    @Field(key: "muted_kinds") var mutedKinds: String

    init() {}

    init(personID: UUID, preferences: NotificationPreferences) {
        self.personID = personID
        self.emailDelayMinutes = preferences.emailDelayMinutes
        self.mutedKinds = preferences.mutedText
    }

    var preferences: NotificationPreferences {
        NotificationPreferences(emailDelayMinutes: emailDelayMinutes, mutedKinds: NotificationPreferences.muted(from: mutedKinds))
    }
}

/// Secrets this installation makes for itself on first use and shares among its nodes (through
/// the database), such as the key that signs unsubscribe links.
final class InstallationSecretRecord: Model, @unchecked Sendable {
    static let schema = "installation_secrets"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

    init() {}

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

struct CreateNotifications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("notifications")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("subject_key", .string, .required)
            .field("source_id", .uuid, .required)
            .field("source_position", .int, .required)
            .field("title", .string, .required)
            .field("excerpt", .string, .required)
            .field("url", .string, .required)
            .field("item_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("email_due_at", .datetime)
            .field("emailed_at", .datetime)
            .field("email_count", .int, .required, .sql(.default(0)))
            // When to e-mail again should more of the same come after an e-mail (read by the upsert).
            .field("email_follow_up_at", .datetime)
            .create()
        try await database.schema("notification_preferences")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("email_delay_minutes", .int)
            .field("muted_kinds", .string, .required)
            .unique(on: "person_id")
            .create()
        try await database.schema("installation_secrets")
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // Partial indexes, which SQLite and PostgreSQL both have: one unread notification per
        // person and subject (the upsert's conflict target), and the mailer's queue.
        try await sql.raw("CREATE UNIQUE INDEX notifications_unread_subject ON notifications (person_id, subject_key) WHERE read_at IS NULL").run()
        try await sql.raw("CREATE INDEX notifications_person_idx ON notifications (person_id, updated_at)").run()
        try await sql.raw("CREATE INDEX notifications_email_idx ON notifications (email_due_at) WHERE emailed_at IS NULL AND read_at IS NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("installation_secrets").delete()
        try await database.schema("notification_preferences").delete()
        try await database.schema("notifications").delete()
    }
}
