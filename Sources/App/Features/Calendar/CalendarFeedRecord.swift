import Fluent
import Foundation

/// A person's secret calendar address. Unlike passwords and session tokens, the token is stored as
/// it is: people copy the address again whenever they set up a new device, and it only reads due
/// dates. "Make a new address" replaces it.
final class CalendarFeedRecord: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "token") var token: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(personID: UUID, token: String) {
        self.personID = personID
        self.token = token
    }
}

struct CreateCalendarFeeds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("calendar_feeds")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("token", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "person_id")
            .unique(on: "token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
    }
}
