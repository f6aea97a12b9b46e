import Domain
import Fluent
import Foundation

/// A person's place in one organization: the roles they hold there.
final class MembershipRecord: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationRecord
    @Parent(key: "person_id") var person: PersonRecord
    @Field(key: "roles") var rolesText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organizationID: UUID, personID: UUID, roles: Set<Role>) {
        self.$organization.id = organizationID
        self.$person.id = personID
        self.rolesText = Role.encode(roles)
    }

    var roles: Set<Role> {
        get { Role.decode(rolesText) }
        set { rolesText = Role.encode(newValue) }
    }
}
