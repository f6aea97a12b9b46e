import Domain
import Fluent
import Foundation
import SQLKit

/// A space of a cohort's forum: the general one, one per course module, or one staff added.
final class ForumSpaceRecord: Model, @unchecked Sendable {
    static let schema = "forum_spaces"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "kind") var kind: ForumSpaceKind
    /// The module of a module's space (unique with the cohort: made once, even by two visits at once).
    @OptionalField(key: "module_id") var moduleID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "position") var position: Int
    /// "general:<cohort>", "module:<cohort>:<module>" or "custom:<id>": one general space and one
    /// space per module per cohort, even when two first visits race.
    @Field(key: "unique_key") var uniqueKey: String

    init() {}

    init(organizationID: UUID, cohortID: UUID, kind: ForumSpaceKind, moduleID: UUID?, title: String, position: Int, uniqueKey: String) {
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.kind = kind
        self.moduleID = moduleID
        self.title = title
        self.position = position
        self.uniqueKey = uniqueKey
    }
}

/// A question or a discussion, with its counters kept next to it for the lists.
final class ForumThreadRecord: Model, @unchecked Sendable {
    static let schema = "forum_threads"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "space_id") var spaceID: UUID
    @Field(key: "kind") var kind: ThreadKind
    @Field(key: "title") var title: String
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "post_count") var postCount: Int
    @Field(key: "last_post_at") var lastPostAt: Date
    @OptionalField(key: "accepted_post_id") var acceptedPostID: UUID?
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "locked") var locked: Bool
    @Field(key: "created_at") var createdAt: Date
    /// Started anonymously to peers (the cohort allows it).
    @Field(key: "anonymous") var anonymous: Bool
    /// The course activity this thread discusses ("Discuss this"), one per cohort.
    @OptionalField(key: "activity_id") var activityID: UUID?

    init() {}

    func state(readUpTo: Int?) -> ThreadState {
        ThreadState(kind: kind, postCount: postCount, acceptedPost: acceptedPostID, locked: locked, readUpTo: readUpTo)
    }
}

/// One post of a thread; `number` is its place (1 is the thread's opening post).
final class ForumPostRecord: Model, @unchecked Sendable {
    static let schema = "forum_posts"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "thread_id") var threadID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "body") var body: String
    @Field(key: "html") var html: String
    /// The post this one answers ("reply to"), shown above it.
    @OptionalField(key: "reply_to_number") var replyToNumber: Int?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// Deleted by its author: kept, shown as deleted; its text stays for staff's history.
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    /// Hidden by a moderator, with the reason; staff still read it.
    @OptionalField(key: "hidden_at") var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") var hiddenReason: String?
    @OptionalField(key: "hidden_by") var hiddenBy: UUID?
    @Field(key: "upvotes") var upvotes: Int
    @Field(key: "anonymous") var anonymous: Bool

    init() {}

    func display(to role: ForumRole, reader: UUID) -> PostDisplay { row.display(to: role, isAuthor: authorID == reader) }

    /// What pages show of it, as a plain value (a `@Field` read costs a lookup through Fluent's
    /// property wrapper; a page of fifty posts reads hundreds).
    var row: ForumPostRow {
        ForumPostRow(id: id!, number: number, authorID: authorID, body: body, html: html, replyToNumber: replyToNumber, createdAt: createdAt,
                     editedAt: editedAt, deletedAt: deletedAt, hiddenAt: hiddenAt, hiddenReason: hiddenReason, upvotes: upvotes, anonymous: anonymous)
    }
}

/// A post as a thread's page shows it: read once into a cached page, then read by every request.
struct ForumPostRow: Sendable {
    let id: UUID
    let number: Int
    let authorID: UUID
    let body: String
    let html: String
    let replyToNumber: Int?
    let createdAt: Date
    let editedAt: Date?
    let deletedAt: Date?
    let hiddenAt: Date?
    let hiddenReason: String?
    let upvotes: Int
    let anonymous: Bool

    func display(to role: ForumRole, isAuthor: Bool) -> PostDisplay {
        PostDisplay(deleted: deletedAt != nil, hiddenReason: hiddenAt == nil ? nil : (hiddenReason ?? ""), role: role, isAuthor: isAuthor)
    }
}

/// A thread as a space's page lists it.
struct ForumThreadRow: Sendable {
    let id: UUID
    let title: String
    let authorID: UUID
    let anonymous: Bool
    let kind: ThreadKind
    let postCount: Int
    let acceptedPostID: UUID?
    let locked: Bool
    let pinned: Bool
    let lastPostAt: Date

    func state(readUpTo: Int?) -> ThreadState {
        ThreadState(kind: kind, postCount: postCount, acceptedPost: acceptedPostID, locked: locked, readUpTo: readUpTo)
    }
}

/// How far a person has read a thread (the number of the last post they saw).
final class ForumReadRecord: Model, @unchecked Sendable {
    static let schema = "forum_reads"

    @ID(key: .id) var id: UUID?
    @Field(key: "thread_id") var threadID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "read_up_to") var readUpTo: Int

    init() {}
}

struct CreateForums: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("forum_spaces")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("module_id", .uuid)
            .field("title", .string, .required)
            .field("position", .int, .required)
            .field("unique_key", .string, .required)
            .unique(on: "unique_key")
            .create()
        try await database.schema("forum_threads")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("space_id", .uuid, .required, .references("forum_spaces", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("author_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("post_count", .int, .required)
            .field("last_post_at", .datetime, .required)
            .field("accepted_post_id", .uuid)
            .field("pinned", .bool, .required)
            .field("locked", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("forum_posts")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("thread_id", .uuid, .required, .references("forum_threads", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("author_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("html", .string, .required)
            .field("reply_to_number", .int)
            .field("created_at", .datetime, .required)
            .unique(on: "thread_id", "number")
            .create()
        try await database.schema("forum_reads")
            .id()
            .field("thread_id", .uuid, .required, .references("forum_threads", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("read_up_to", .int, .required)
            .unique(on: "thread_id", "person_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "forum_spaces_cohort_idx").on("forum_spaces").column("cohort_id").run()
        try await sql.create(index: "forum_threads_space_idx").on("forum_threads").column("space_id").column("last_post_at").run()
        try await sql.create(index: "forum_reads_person_idx").on("forum_reads").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("forum_reads").delete()
        try await database.schema("forum_posts").delete()
        try await database.schema("forum_threads").delete()
        try await database.schema("forum_spaces").delete()
    }
}
