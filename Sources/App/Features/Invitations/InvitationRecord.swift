import Domain
import Fluent
import Foundation

final class InvitationRecord: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organization_id") var organization: OrganizationRecord
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "role") var role: String
    @OptionalField(key: "cohort_id") var cohortID: UUID?
    /// SHA-256 of the link's token: the token itself is only ever in the e-mail.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "invited_by") var invitedBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(organizationID: UUID, input: InvitationInput, tokenHash: String, expiresAt: Date, invitedBy: UUID) {
        self.$organization.id = organizationID
        self.name = input.name
        self.email = input.email.value
        self.role = input.role.rawValue
        self.cohortID = input.cohortID?.uuid
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.invitedBy = invitedBy
    }

    func domain() -> Invitation {
        Invitation(id: .init(id!), organizationID: .init($organization.id), name: name,
                   email: EmailAddress(email) ?? EmailAddress("invalid@invalid.invalid")!,
                   role: Role(rawValue: role) ?? .learner, cohortID: cohortID.map { .init($0) },
                   expiresAt: expiresAt, acceptedAt: acceptedAt, revokedAt: revokedAt)
    }
}
