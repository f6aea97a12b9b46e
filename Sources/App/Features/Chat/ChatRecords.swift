import Domain
import Fluent
import SQLKit
import Foundation

/// A cohort's channel or a private conversation between two people.
final class ConversationRecord: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "kind") var kind: Conversation.Kind
    /// "channel:<cohort>" or "direct:<organization>:<person>:<person>" (the two people in order):
    /// one conversation per cohort channel and per pair of people in an organization, even when
    /// two first messages race.
    @Field(key: "unique_key") var uniqueKey: String
    @Field(key: "last_sequence") var lastSequence: Int
    @OptionalField(key: "last_message_at") var lastMessageAt: Date?
    @OptionalField(key: "last_author_id") var lastAuthorID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organizationID: UUID, cohortID: UUID, kind: Conversation.Kind, uniqueKey: String) {
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.kind = kind
        self.uniqueKey = uniqueKey
        self.lastSequence = 0
    }

    static func channelKey(cohortID: UUID) -> String { "channel:\(cohortID.lowercasedText)" }

    static func directKey(_ a: UUID, _ b: UUID, organizationID: UUID) -> String {
        let (first, second) = a.lowercasedText < b.lowercasedText ? (a, b) : (b, a)
        return "direct:\(organizationID.lowercasedText):\(first.lowercasedText):\(second.lowercasedText)"
    }

    func domain() -> Conversation {
        Conversation(id: .init(id!), organizationID: .init(organizationID), kind: kind, cohortID: .init(cohortID),
                     lastSequence: lastSequence)
    }
}

/// A person's place in a conversation: the two people of a direct one (rows made with it), and
/// anyone who opened a channel (made on first visit). Holds how far they have read.
final class ConversationMemberRecord: Model, @unchecked Sendable {
    static let schema = "conversation_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "last_read_sequence") var lastReadSequence: Int

    init() {}

    init(conversationID: UUID, personID: UUID, lastReadSequence: Int = 0) {
        self.conversationID = conversationID
        self.personID = personID
        self.lastReadSequence = lastReadSequence
    }
}

/// One message; `sequence` is its number in its conversation (unique with it).
final class MessageRecord: Model, @unchecked Sendable {
    static let schema = "chat_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "body") var body: String
    @Field(key: "html") var html: String
    @Field(key: "sent_at") var sentAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// Deleted by its author: its body and html are emptied, the row (its number) stays.
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    /// The sender's own reference for it: the same message sent again (after a lost
    /// acknowledgement) is recognised instead of saved twice.
    @OptionalField(key: "client_ref") var clientRef: String?

    init() {}

    init(organizationID: UUID, conversationID: UUID, sequence: Int, authorID: UUID, body: String, html: String, sentAt: Date) {
        self.organizationID = organizationID
        self.conversationID = conversationID
        self.sequence = sequence
        self.authorID = authorID
        self.body = body
        self.html = html
        self.sentAt = sentAt
    }

    func domain(authorName: String) -> ChatMessage {
        ChatMessage(id: .init(id!), conversationID: .init(conversationID), sequence: sequence, authorID: .init(authorID),
                    authorName: authorName, body: body, sentAt: sentAt)
    }

    /// The message as a frame: rendered, edited or deleted as it is now.
    func frame(authorName: String) -> ServerFrame.Message {
        .init(domain(authorName: authorName), html: html, editedAt: editedAt, deleted: deletedAt != nil)
    }
}

/// Messages may be edited and deleted by their authors for a while after sending.
struct AddMessageChanges: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chat_messages").field("edited_at", .datetime).update()
        try await database.schema("chat_messages").field("deleted_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chat_messages").deleteField("deleted_at").update()
        try await database.schema("chat_messages").deleteField("edited_at").update()
    }
}

/// Each sender's reference for their message, unique per conversation and author.
struct AddMessageClientRef: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chat_messages").field("client_ref", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "chat_messages_client_ref_idx").unique().on("chat_messages")
            .column("conversation_id").column("author_id").column("client_ref").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.drop(index: "chat_messages_client_ref_idx").run() }
        try await database.schema("chat_messages").deleteField("client_ref").update()
    }
}
