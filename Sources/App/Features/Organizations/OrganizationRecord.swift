import Domain
import Fluent
import Foundation

final class OrganizationRecord: Model, @unchecked Sendable {
    static let schema = "organizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, name: String) {
        self.id = id
        self.name = name
    }

    func domain() -> Organization { Organization(id: .init(id!), name: name) }
}
