import Domain
import Fluent
import Foundation
import SQLKit

/// A learner's help request (`HelpRequest`). The private conversation it continues in, once a
/// trainer answered, is the learner's and that trainer's direct one.
final class HelpRequestRecord: Model, @unchecked Sendable {
    static let schema = "help_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "person_id") var personID: UUID
    @OptionalField(key: "activity_id") var activityID: UUID?
    @Field(key: "text") var text: String
    @Field(key: "quote") var quote: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "waiting_since") var waitingSince: Date
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "conversation_id") var conversationID: UUID?
    /// A trainer's suggestion to ask it in the forum (`HelpForumProposal`), and the learner's choice.
    @OptionalField(key: "forum_proposed_at") var forumProposedAt: Date?
    @OptionalField(key: "forum_proposed_by") var forumProposedBy: UUID?
    @OptionalField(key: "forum_note") var forumNote: String?
    @OptionalField(key: "forum_decided_at") var forumDecidedAt: Date?
    @OptionalField(key: "forum_thread_id") var forumThreadID: UUID?

    init() {}

    init(_ request: HelpRequest, organizationID: UUID) {
        self.id = request.id.uuid
        self.organizationID = organizationID
        self.cohortID = request.cohortID.uuid
        self.personID = request.learner.uuid
        self.activityID = request.activityID?.uuid
        self.text = request.text
        self.quote = request.quote
        self.createdAt = request.createdAt
        apply(request)
    }

    func apply(_ request: HelpRequest) {
        status = request.status.rawValue
        waitingSince = request.waitingSince
        answeredAt = request.answeredAt
        resolvedAt = request.resolvedAt
        forumProposedAt = request.forum?.proposedAt
        forumProposedBy = request.forum?.proposedBy.uuid
        forumNote = request.forum?.note
        forumDecidedAt = request.forum?.decidedAt
        forumThreadID = request.forum?.thread
    }

    func domain() -> HelpRequest {
        HelpRequest(id: .init(id!), cohortID: .init(cohortID), learner: .init(personID), activityID: activityID.map { .init($0) },
                    text: text, quote: quote, createdAt: createdAt, status: HelpRequest.Status(rawValue: status) ?? .open,
                    waitingSince: waitingSince, answeredAt: answeredAt, resolvedAt: resolvedAt, forum: forumProposal())
    }

    private func forumProposal() -> HelpForumProposal? {
        guard let forumProposedAt, let forumProposedBy else { return nil }
        return HelpForumProposal(proposedAt: forumProposedAt, proposedBy: .init(forumProposedBy), note: forumNote ?? "",
                                 state: HelpForumProposal.state(decidedAt: forumDecidedAt, thread: forumThreadID))
    }
}

struct CreateHelpRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("help_requests")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("text", .string, .required)
            .field("quote", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("waiting_since", .datetime, .required)
            .field("answered_at", .datetime)
            .field("answered_by", .uuid)
            .field("resolved_at", .datetime)
            .field("conversation_id", .uuid)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "help_requests_by_cohort").on("help_requests").column("cohort_id").column("status").run()
            try await sql.create(index: "help_requests_by_person").on("help_requests").column("person_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("help_requests").delete()
    }
}

/// A trainer's suggestion to ask a help request in the forum, and the learner's choice. No
/// foreign key to the thread: the request keeps its history if a thread goes.
struct UpdateHelpRequestsForumProposal: AsyncMigration {
    static let fields: [(FieldKey, DatabaseSchema.DataType)] = [
        ("forum_proposed_at", .datetime), ("forum_proposed_by", .uuid), ("forum_note", .string), ("forum_decided_at", .datetime),
        ("forum_thread_id", .uuid),
    ]

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds a single column per ALTER TABLE.
        for (field, type) in Self.fields { try await database.schema("help_requests").field(field, type).update() }
    }

    func revert(on database: any Database) async throws {
        for (field, _) in Self.fields.reversed() { try await database.schema("help_requests").deleteField(field).update() }
    }
}
