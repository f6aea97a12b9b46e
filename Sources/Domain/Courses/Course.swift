/// A course an organization runs in cohorts. Content (modules, activities) comes later.
public struct Course: Hashable, Sendable {
    public typealias ID = Identifier<Course>
    public let id: ID
    public let organizationID: Organization.ID
    public var name: String
    public var description: String

    public init(id: ID, organizationID: Organization.ID, name: String, description: String) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.description = description
    }
}

/// A new or edited course's details, checked.
public struct CourseInput: Sendable, Equatable {
    public let name: String
    public let description: String

    public static let maximumNameLength = 160
    public static let maximumDescriptionLength = 4_000

    public static func check(name: String?, description: String?) throws -> CourseInput {
        var v = Validator()
        let name = v.text(name, field: "name", max: maximumNameLength)
        let description = v.text(description, field: "description", max: maximumDescriptionLength, required: false, multiline: true)
        try v.check()
        return CourseInput(name: name, description: description)
    }
}
