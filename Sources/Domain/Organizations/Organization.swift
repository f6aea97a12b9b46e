/// A company using Atelier. Nothing of one organization is visible to another.
public struct Organization: Hashable, Sendable {
    public typealias ID = Identifier<Organization>
    public let id: ID
    public var name: String

    public init(id: ID, name: String) {
        self.id = id
        self.name = name
    }

    public static let maximumNameLength = 120
}

/// First-run setup: the first organization and its admin.
public struct SetupInput: Sendable {
    public let organizationName: String
    public let admin: ProfileInput
    public let password: String

    public static func check(organizationName: String?, name: String?, email: String?,
                             password: String?) throws -> SetupInput {
        var v = Validator()
        let orgName = v.text(organizationName, field: "organization_name", max: Organization.maximumNameLength)
        let personName = v.text(name, field: "name", max: Person.maximumNameLength)
        let parsed = v.email(email)
        PasswordPolicy.check(password ?? "", into: &v)
        try v.check()
        return SetupInput(organizationName: orgName, admin: ProfileInput(name: personName, email: parsed!),
                          password: password!)
    }
}
