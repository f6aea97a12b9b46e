import Fluent
import Foundation

/// A "forgot password" link: single-use, expiring, stored hashed.
final class PasswordResetRecord: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: PersonRecord
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(personID: UUID, tokenHash: String, expiresAt: Date) {
        self.$person.id = personID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }

    /// One hour: long enough to find the mail, short enough to limit a leaked link.
    static let lifetime: TimeInterval = 3600
}
