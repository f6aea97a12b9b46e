import Fluent
import Foundation

/// A personal API token (`Authorization: Bearer …`), shown once when created, stored hashed.
final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: PersonRecord
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(personID: UUID, name: String, tokenHash: String) {
        self.$person.id = personID
        self.name = name
        self.tokenHash = tokenHash
    }
}
