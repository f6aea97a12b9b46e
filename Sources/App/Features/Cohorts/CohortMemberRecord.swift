import Domain
import Fluent
import Foundation

/// A person in a cohort: a learner (an enrollment) or one of its staff.
final class CohortMemberRecord: Model, @unchecked Sendable {
    static let schema = "cohort_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cohort_id") var cohort: CohortRecord
    /// Repeated from the cohort so every query can be scoped to one organization cheaply.
    @Field(key: "organization_id") var organizationID: UUID
    @Parent(key: "person_id") var person: PersonRecord
    @Field(key: "role") var role: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(cohortID: UUID, organizationID: UUID, personID: UUID, role: CohortRole) {
        self.$cohort.id = cohortID
        self.organizationID = organizationID
        self.$person.id = personID
        self.role = role.rawValue
    }

    var cohortRole: CohortRole { CohortRole(rawValue: role) ?? .learner }
}
