import Domain

/// What every page shell needs: who is signed in, where they are, and the form token.
public struct LayoutContext: Sendable {
    public struct OrganizationLink: Sendable, Equatable {
        public let id: Organization.ID
        public let name: String
        public init(id: Organization.ID, name: String) { self.id = id; self.name = name }
    }

    public enum Section: Sendable { case home, courses, cohorts, people, messages, notifications, profile, none }

    public var csrfToken: String
    public var flash: Flash?
    public var personName: String?
    public var organizations: [OrganizationLink]
    public var current: OrganizationLink?
    public var roles: Set<Role>
    public var section: Section

    public init(csrfToken: String, flash: Flash? = nil, personName: String? = nil,
                organizations: [OrganizationLink] = [], current: OrganizationLink? = nil,
                roles: Set<Role> = [], section: Section = .none) {
        self.csrfToken = csrfToken
        self.flash = flash
        self.personName = personName
        self.organizations = organizations
        self.current = current
        self.roles = roles
        self.section = section
    }

    public var isSignedIn: Bool { personName != nil }
}
