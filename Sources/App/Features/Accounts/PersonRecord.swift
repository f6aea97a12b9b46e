import Domain
import Fluent
import Foundation

final class PersonRecord: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Normalized (lower-cased), unique.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String, email: EmailAddress, passwordHash: String) {
        self.id = id
        self.name = name
        self.email = email.value
        self.passwordHash = passwordHash
    }

    func domain() -> Person {
        Person(id: .init(id!), name: name, email: EmailAddress(email) ?? EmailAddress("invalid@invalid.invalid")!)
    }
}
