import Testing
@testable import Domain

@Suite struct ProfileInputTests {
    @Test func trimsAndNormalizes() throws {
        let input = try ProfileInput.check(name: "  Ada Lovelace ", email: " ADA@Example.com ")
        #expect(input.name == "Ada Lovelace")
        #expect(input.email.value == "ada@example.com")
    }

    @Test func missingFieldsAreAllReported() {
        #expect(fieldErrors { try ProfileInput.check(name: nil, email: "  ") } ==
                [FieldError("name", .required), FieldError("email", .required)])
    }

    @Test func invalidEmailAndLongName() {
        let name = String(repeating: "n", count: Person.maximumNameLength + 1)
        #expect(fieldErrors { try ProfileInput.check(name: name, email: "ada@") } ==
                [FieldError("name", .tooLong), FieldError("email", .invalidEmail)])
    }

    @Test func nameOfExactlyTheMaximumLengthIsAccepted() throws {
        let name = String(repeating: "n", count: Person.maximumNameLength)
        #expect(try ProfileInput.check(name: name, email: "a@b.co").name == name)
    }
}
