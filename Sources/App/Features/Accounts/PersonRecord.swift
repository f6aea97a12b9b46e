import Domain
import Fluent
import SQLKit
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

extension PersonRecord {
    /// The names of these people by id, in one query reading only the two columns.
    static func names(_ people: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !people.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT id, name FROM people WHERE id IN (\(binds: Array(people)))").all()
        return Dictionary(try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }
}
