import Fluent
import Foundation

/// A signed-in browser. Kept in the database so any node can serve any request; the cookie holds
/// a random token and only its hash is stored, so a database leak does not leak sessions.
final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "person_id") var person: PersonRecord
    /// The organization the person last switched to.
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tokenHash: String, personID: UUID, organizationID: UUID?, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$person.id = personID
        self.organizationID = organizationID
        self.expiresAt = expiresAt
    }

    static let lifetime: TimeInterval = 30 * 24 * 3600
}
