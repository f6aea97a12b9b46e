/// Someone who can sign in. One person may belong to several organizations.
public struct Person: Hashable, Sendable {
    public typealias ID = Identifier<Person>
    public let id: ID
    public var name: String
    public var email: EmailAddress

    public init(id: ID, name: String, email: EmailAddress) {
        self.id = id
        self.name = name
        self.email = email
    }

    public static let maximumNameLength = 120
}

/// A new account's or an edited profile's details, checked.
public struct ProfileInput: Sendable {
    public let name: String
    public let email: EmailAddress

    public static func check(name: String?, email: String?) throws -> ProfileInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: Person.maximumNameLength)
        let parsed = v.email(email)
        try v.check()
        return ProfileInput(name: name, email: parsed!)
    }
}
