import Foundation

/// An invitation to join an organization, carried by a single-use, expiring link.
public struct Invitation: Hashable, Sendable {
    public typealias ID = Identifier<Invitation>
    public let id: ID
    public let organizationID: Organization.ID
    public let name: String
    public let email: EmailAddress
    public let role: Role
    public let cohortID: Cohort.ID?
    public let expiresAt: Date
    public let acceptedAt: Date?
    public let revokedAt: Date?

    public init(id: ID, organizationID: Organization.ID, name: String, email: EmailAddress, role: Role,
                cohortID: Cohort.ID?, expiresAt: Date, acceptedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.email = email
        self.role = role
        self.cohortID = cohortID
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
        self.revokedAt = revokedAt
    }

    /// Two weeks: long enough for people on holiday, short enough that a leaked link dies.
    public static let lifetime: TimeInterval = 14 * 24 * 3600

    public enum State: String, Sendable { case pending, accepted, expired, revoked }

    public func state(now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        if expiresAt <= now { return .expired }
        return .pending
    }
}

/// One person to invite, checked (a form or one CSV row).
public struct InvitationInput: Sendable, Equatable {
    public let name: String
    public let email: EmailAddress
    public let role: Role
    public let cohortID: Cohort.ID?

    public init(name: String, email: EmailAddress, role: Role, cohortID: Cohort.ID?) {
        self.name = name
        self.email = email
        self.role = role
        self.cohortID = cohortID
    }

    /// Checks one invitation from a form, where the cohort is chosen by id among `cohorts`.
    public static func check(name: String?, email: String?, role: String?, cohortID: String?,
                             cohorts: Set<Cohort.ID>) throws -> InvitationInput {
        var v = Validator()
        let result = check(name: name, email: email, role: role, into: &v)
        var cohort: Cohort.ID?
        let cohortText = (cohortID ?? "").trimmingCharacters(in: .whitespaces)
        if !cohortText.isEmpty {
            cohort = Cohort.ID(cohortText)
            if cohort == nil || !cohorts.contains(cohort!) { v.add("cohort_id", .unknownCohort) }
            else if let role = result.role, !role.joinsCohorts { v.add("cohort_id", .notACohortRole) }
        }
        try v.check()
        return InvitationInput(name: result.name, email: result.email!, role: result.role!, cohortID: cohort)
    }

    static func check(name: String?, email: String?, role: String?,
                      into v: inout Validator) -> (name: String, email: EmailAddress?, role: Role?) {
        let name = v.text(name, field: "name", max: Person.maximumNameLength)
        let parsed = v.email(email)
        let roleText = v.text(role, field: "role", max: 40)
        let parsedRole = Role(text: roleText)
        if !roleText.isEmpty, parsedRole == nil { v.add("role", .unknownRole) }
        return (name, parsed, parsedRole)
    }
}
