import Testing
@testable import Domain

@Suite struct PasswordPolicyTests {
    private func errors(_ password: String, confirmation: String? = nil, field: String = "password") -> [FieldError] {
        var v = Validator()
        PasswordPolicy.check(password, confirmation: confirmation, field: field, into: &v)
        return v.errors
    }

    @Test func emptyIsRequired() {
        #expect(errors("") == [FieldError("password", .required)])
    }

    @Test(arguments: ["a", "123456789", "ééééééééé", "🔒🔒🔒🔒🔒🔒🔒🔒🔒", "👩‍👩‍👧‍👧👩‍👩‍👧‍👧👩‍👩‍👧‍👧"])
    func fewerThanTenCharactersIsTooShort(password: String) {
        #expect(errors(password) == [FieldError("password", .tooShort)])
    }

    @Test(arguments: ["0123456789", "éééééééééé", "          ", String(repeating: "x", count: 72),
                      String(repeating: "é", count: 36), String(repeating: "🔒", count: 18)])
    func tenCharactersUpTo72BytesIsAccepted(password: String) {
        #expect(errors(password).isEmpty)
    }

    @Test(arguments: [String(repeating: "x", count: 73), String(repeating: "é", count: 37),
                      String(repeating: "🔒", count: 19), "abcdefghij" + String(repeating: "€", count: 21)])
    func moreThan72BytesIsTooLong(password: String) {
        #expect(password.utf8.count > PasswordPolicy.maximumBytes)
        #expect(errors(password) == [FieldError("password", .tooLong)])
    }

    @Test func matchingConfirmationPasses() {
        #expect(errors("correct horse", confirmation: "correct horse").isEmpty)
    }

    @Test(arguments: ["correct horsE", "", "correct horse ", "correct"])
    func mismatchedConfirmationIsReportedOnTheConfirmationField(confirmation: String) {
        #expect(errors("correct horse", confirmation: confirmation) == [FieldError("password_confirmation", .mismatch)])
    }

    @Test func everyProblemIsReportedTogether() {
        #expect(errors("short", confirmation: "other") ==
                [FieldError("password", .tooShort), FieldError("password_confirmation", .mismatch)])
        #expect(errors("", confirmation: "x") ==
                [FieldError("password", .required), FieldError("password_confirmation", .mismatch)])
    }

    @Test func customFieldName() {
        #expect(errors("short", field: "new_password") == [FieldError("new_password", .tooShort)])
    }
}
