import Domain
import Fluent
import Foundation

final class CourseRecord: Model, @unchecked Sendable {
    static let schema = "courses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationRecord
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "status") var status: PublicationStatus
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, name: String, description: String, status: PublicationStatus = .draft) {
        self.id = id
        self.$organization.id = organizationID
        self.name = name
        self.description = description
        self.status = status
    }

    func domain() -> Course {
        Course(id: .init(id!), organizationID: .init($organization.id), name: name, description: description)
    }
}
