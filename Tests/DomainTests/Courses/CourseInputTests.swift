import Testing
@testable import Domain

@Suite struct CourseInputTests {
    @Test func trimsNameAndDescription() throws {
        let input = try CourseInput.check(name: "  Negotiation ", description: "\n Two weeks. \n")
        #expect(input == CourseInput(name: "Negotiation", description: "Two weeks."))
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func descriptionIsOptional(description: String?) throws {
        #expect(try CourseInput.check(name: "Negotiation", description: description).description == "")
    }

    @Test func nameIsRequired() {
        #expect(fieldErrors { try CourseInput.check(name: " ", description: nil) } == [FieldError("name", .required)])
    }

    @Test func lengthsAreLimited() throws {
        let name = String(repeating: "n", count: CourseInput.maximumNameLength)
        let description = String(repeating: "d", count: CourseInput.maximumDescriptionLength)
        #expect(try CourseInput.check(name: name, description: description).name == name)
        #expect(fieldErrors { try CourseInput.check(name: name + "n", description: description + "d") } ==
                [FieldError("name", .tooLong), FieldError("description", .tooLong)])
    }
}
