import Domain
import Fluent
import Foundation
import SQLKit

/// The text a post had before an edit; staff read a post's history.
final class ForumPostVersionRecord: Model, @unchecked Sendable {
    static let schema = "forum_post_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "post_id") var postID: UUID
    @Field(key: "body") var body: String
    /// When this text was replaced.
    @Field(key: "replaced_at") var replacedAt: Date

    init() {}

    init(postID: UUID, body: String, replacedAt: Date) {
        self.postID = postID
        self.body = body
        self.replacedAt = replacedAt
    }
}

public enum ReportStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for a moderator.
    case open
    /// The post was hidden.
    case hidden
    /// A moderator saw it and left the post as it was.
    case dismissed
}

/// A learner's report of a post, for the moderators' queue.
final class ForumReportRecord: Model, @unchecked Sendable {
    static let schema = "forum_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "post_id") var postID: UUID
    @Field(key: "reporter_id") var reporterID: UUID
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "status") var status: ReportStatus
    @OptionalField(key: "handled_by") var handledBy: UUID?
    @OptionalField(key: "handled_at") var handledAt: Date?

    init() {}
}

/// A person's choice to follow (or not) a thread or a whole space; without one, staff follow
/// everything and learners the threads they started or replied to.
final class ForumFollowRecord: Model, @unchecked Sendable {
    static let schema = "forum_follows"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    /// A thread's or a space's id.
    @Field(key: "target_id") var targetID: UUID
    @Field(key: "following") var following: Bool

    init() {}
}

/// A cohort's forum settings.
final class ForumSettingsRecord: Model, @unchecked Sendable {
    static let schema = "forum_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "cohort_id") var cohortID: UUID
    /// Learners may post anonymously to their peers (staff still see who).
    @Field(key: "anonymous_allowed") var anonymousAllowed: Bool

    init() {}
}

/// Edits, deletions, hiding, upvotes, reports, follows, anonymity, "Discuss this" and search.
struct AddForumModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for (field, type) in [("edited_at", DatabaseSchema.DataType.datetime), ("deleted_at", .datetime), ("hidden_at", .datetime),
                              ("hidden_reason", .string), ("hidden_by", .uuid)] {
            try await database.schema("forum_posts").field(FieldKey(stringLiteral: field), type).update()
        }
        try await database.schema("forum_posts").field("upvotes", .int, .required, .sql(.default(0))).update()
        try await database.schema("forum_posts").field("anonymous", .bool, .required, .sql(.default(false))).update()
        try await database.schema("forum_threads").field("anonymous", .bool, .required, .sql(.default(false))).update()
        try await database.schema("forum_threads").field("activity_id", .uuid).update()
        try await database.schema("forum_post_versions")
            .id()
            .field("post_id", .uuid, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("replaced_at", .datetime, .required)
            .create()
        try await database.schema("forum_votes")
            .id()
            .field("post_id", .uuid, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "post_id", "person_id")
            .create()
        try await database.schema("forum_reports")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("post_id", .uuid, .required, .references("forum_posts", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("handled_by", .uuid)
            .field("handled_at", .datetime)
            .unique(on: "post_id", "reporter_id")
            .create()
        try await database.schema("forum_follows")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("target_id", .uuid, .required)
            .field("following", .bool, .required)
            .unique(on: "person_id", "target_id")
            .create()
        try await database.schema("forum_settings")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("anonymous_allowed", .bool, .required)
            .unique(on: "cohort_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "forum_threads_activity_idx").unique().on("forum_threads").column("cohort_id").column("activity_id").run()
        try await sql.create(index: "forum_reports_cohort_idx").on("forum_reports").column("cohort_id").column("status").run()
        try await ForumSearch.createIndex(on: sql)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase { try await sql.raw("DROP TABLE IF EXISTS forum_search").run() }
        for table in ["forum_settings", "forum_follows", "forum_reports", "forum_votes", "forum_post_versions"] {
            try await database.schema(table).delete()
        }
        for field in ["activity_id", "anonymous"] { try await database.schema("forum_threads").deleteField(FieldKey(stringLiteral: field)).update() }
        for field in ["anonymous", "upvotes", "hidden_by", "hidden_reason", "hidden_at", "deleted_at", "edited_at"] {
            try await database.schema("forum_posts").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
