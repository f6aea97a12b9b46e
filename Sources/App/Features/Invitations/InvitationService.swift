import Domain
import Fluent
import Routes
import Vapor
import Views

/// Creating and accepting invitations, shared by the pages and the API.
enum InvitationService {
    struct Created {
        let record: InvitationRecord
        let link: String
    }

    /// Creates the invitations and queues their mail in one transaction: all or nothing. A pending
    /// invitation for the same address is replaced, so inviting twice just sends a fresh link.
    static func create(_ inputs: [InvitationInput], organization: Organization, inviter: Person,
                       req: Request) async throws -> [Created] {
        try await checkSeats(for: inputs, organizationID: organization.id.uuid, on: req.db)
        let config = req.atelierConfig
        let sendsMail = req.mailConfigured
        return try await req.db.writeTransaction { db in
            let emails = inputs.map(\.email.value)
            try await InvitationRecord.query(on: db)
                .filter(\.$organization.$id == organization.id.uuid)
                .filter(\.$email ~~ emails)
                .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil)
                .set(\.$revokedAt, to: Date())
                .update()
            var created: [Created] = []
            for input in inputs {
                let token = SecretToken.generate()
                let record = InvitationRecord(organizationID: organization.id.uuid, input: input, tokenHash: token.hash,
                                              expiresAt: Date().addingTimeInterval(Invitation.lifetime),
                                              invitedBy: inviter.id.uuid)
                try await record.save(on: db)
                let link = config.publicURL + SiteRoute.invitation(token: token.value).path
                if sendsMail {
                    let content = MailTemplates.invitation(organization: organization.name, inviter: inviter.name,
                                                           name: input.name, link: link)
                    try await Outbox.enqueue(MailMessage(from: config.mailFrom, to: [MailAddress(input.email.value, name: input.name)],
                                                         subject: content.subject, text: content.text, html: content.html), on: db)
                }
                created.append(Created(record: record, link: link))
            }
            return created
        }
    }

    /// Refuses invitations that would overfill a cohort, counting learners already in it and
    /// learners already invited to it.
    static func checkSeats(for inputs: [InvitationInput], organizationID: UUID, on db: any Database) async throws {
        let wanted = Dictionary(grouping: inputs.filter { $0.role == .learner && $0.cohortID != nil }, by: { $0.cohortID!.uuid })
        guard !wanted.isEmpty else { return }
        let cohorts = try await CohortRecord.query(on: db).filter(\.$id ~~ Array(wanted.keys))
            .filter(\.$organization.$id == organizationID).all()
        let enrolled = try await CohortQueries.learnerCounts(Array(wanted.keys), on: db)
        let newEmails = inputs.map(\.email.value)
        for cohort in cohorts {
            let pending = try await InvitationRecord.query(on: db)
                .filter(\.$cohortID == cohort.id!).filter(\.$role == Role.learner.rawValue)
                .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
                .filter(\.$email !~ newEmails)
                .count()
            try EnrollmentRules.checkEnroll(cohort: cohort.domain(), seatsTaken: (enrolled[cohort.id!] ?? 0) + pending,
                                            adding: wanted[cohort.id!]?.count ?? 0)
        }
    }

    /// Withdraws an invitation of the organization (its link stops working); 404 for anything else.
    static func revoke(_ idText: String?, organizationID: UUID, on db: any Database) async throws {
        guard let id = idText.flatMap(UUID.init(uuidString:)),
              let invitation = try await InvitationRecord.query(on: db).filter(\.$id == id)
                .filter(\.$organization.$id == organizationID).first() else { throw AppError.notFound() }
        if invitation.acceptedAt == nil, invitation.revokedAt == nil {
            invitation.revokedAt = Date()
            try await invitation.save(on: db)
        }
    }

    /// The pending invitation a link carries, or nil when it is used, revoked, expired or unknown.
    static func pending(token: String, on db: any Database) async throws -> InvitationRecord? {
        let record = try await InvitationRecord.query(on: db).filter(\.$tokenHash == SecretToken.hash(token)).first()
        guard let record, record.domain().state(now: Date()) == .pending else { return nil }
        return record
    }

    /// Gives the invitee their role and their cohort place. Returns a failure to show when the
    /// cohort filled up in the meantime (they still join the organization).
    static func grant(_ invitation: InvitationRecord, to personID: UUID, on db: any Database) async throws -> Flash.FailureText? {
        let orgID = invitation.$organization.id
        let role = Role(rawValue: invitation.role) ?? .learner
        if let membership = try await MembershipRecord.query(on: db).filter(\.$organization.$id == orgID)
            .filter(\.$person.$id == personID).first() {
            membership.roles = membership.roles.union([role])
            try await membership.save(on: db)
        } else {
            try await MembershipRecord(organizationID: orgID, personID: personID, roles: [role]).save(on: db)
        }
        invitation.acceptedAt = Date()
        try await invitation.save(on: db)
        guard let cohortID = invitation.cohortID,
              let cohort = try await CohortRecord.query(on: db).filter(\.$id == cohortID).filter(\.$organization.$id == orgID).first()
        else { return nil }
        let cohortRole: CohortRole = switch role {
        case .trainer: .trainer
        case .facilitator: .facilitator
        default: .learner
        }
        return try await CohortMembership.add(personID: personID, to: cohort, as: cohortRole, on: db)
    }
}
