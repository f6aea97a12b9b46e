import Testing
@testable import Domain

@Suite struct SetupInputTests {
    @Test func acceptsAValidSetup() throws {
        let setup = try SetupInput.check(organizationName: " Acme ", name: "Ada", email: "ADA@acme.io",
                                         password: "correct horse")
        #expect(setup.organizationName == "Acme")
        #expect(setup.admin.name == "Ada")
        #expect(setup.admin.email.value == "ada@acme.io")
        #expect(setup.password == "correct horse")
    }

    @Test func everyMissingFieldIsReported() {
        #expect(fieldErrors { try SetupInput.check(organizationName: nil, name: nil, email: nil, password: nil) } == [
            FieldError("organization_name", .required), FieldError("name", .required),
            FieldError("email", .required), FieldError("password", .required),
        ])
    }

    @Test func invalidValuesAreReported() {
        let longName = String(repeating: "o", count: Organization.maximumNameLength + 1)
        #expect(fieldErrors { try SetupInput.check(organizationName: longName, name: "Ada", email: "ada",
                                                   password: "short") } == [
            FieldError("organization_name", .tooLong), FieldError("email", .invalidEmail),
            FieldError("password", .tooShort),
        ])
    }

    @Test func passwordIsKeptAsTyped() throws {
        // Spaces are part of a password: trimming would silently change it.
        let setup = try SetupInput.check(organizationName: "Acme", name: "Ada", email: "a@acme.io",
                                         password: "  spaced out  ")
        #expect(setup.password == "  spaced out  ")
    }
}
