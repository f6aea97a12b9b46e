import Domain
import Fluent
import Foundation
import SQLKit

/// A staff member's announcement to a cohort; `html` is its Markdown, rendered and sanitized once.
final class AnnouncementRecord: Model, @unchecked Sendable {
    static let schema = "announcements"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "html") var html: String
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(organizationID: UUID, cohortID: UUID, authorID: UUID, input: AnnouncementInput, html: String, at now: Date) {
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.authorID = authorID
        self.title = input.title
        self.body = input.body
        self.html = html
        self.pinned = input.pinned
        self.createdAt = now
    }
}

struct CreateAnnouncements: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("announcements")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("html", .string, .required)
            .field("pinned", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "announcements_by_cohort").on("announcements").column("cohort_id").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("announcements").delete()
    }
}
