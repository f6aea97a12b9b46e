import Domain
import Fluent
import Foundation
import SQLKit

/// A nudge sent to a learner: by a staff member from the dashboard (`manual`) or automatically
/// (`inactive`, `due_soon`, `missed_live`). Unique per learner and event key, so an automatic
/// nudge is sent once per occasion even when two nodes scan at once.
final class NudgeRecord: Model, @unchecked Sendable {
    static let schema = "nudges"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "learner_id") var learnerID: UUID
    /// Whose name it goes out under: the sender, or the cohort's first trainer for automatic ones.
    @Field(key: "sender_id") var senderID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "event_key") var eventKey: String
    @Field(key: "body") var body: String
    @OptionalField(key: "conversation_id") var conversationID: UUID?
    @Field(key: "sent_at") var sentAt: Date

    init() {}

    init(organizationID: UUID, cohortID: UUID, learnerID: UUID, senderID: UUID, kind: String, eventKey: String, body: String, at now: Date) {
        self.id = UUID()
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.learnerID = learnerID
        self.senderID = senderID
        self.kind = kind
        self.eventKey = eventKey
        self.body = body
        self.sentAt = now
    }
}

/// A learner who asked for no automatic nudges in a cohort.
final class NudgeMuteRecord: Model, @unchecked Sendable {
    static let schema = "nudge_mutes"

    @ID(key: .id) var id: UUID?
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "muted_at") var mutedAt: Date

    init() {}

    init(cohortID: UUID, personID: UUID, at now: Date) {
        self.cohortID = cohortID
        self.personID = personID
        self.mutedAt = now
    }
}

struct CreateNudges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cohorts").field("nudge_settings", .string).update()
        try await database.schema("nudges")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("learner_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("sender_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("event_key", .string, .required)
            .field("body", .string, .required)
            .field("conversation_id", .uuid)
            .field("sent_at", .datetime, .required)
            .unique(on: "cohort_id", "learner_id", "event_key")
            .create()
        try await database.schema("nudge_mutes")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("muted_at", .datetime, .required)
            .unique(on: "cohort_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("nudge_mutes").delete()
        try await database.schema("nudges").delete()
        try await database.schema("cohorts").deleteField("nudge_settings").update()
    }
}
