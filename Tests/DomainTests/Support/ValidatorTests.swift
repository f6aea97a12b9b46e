import Testing
@testable import Domain

@Suite struct ValidatorTests {
    @Test func textTrimsWhitespaceAndNewlines() {
        var v = Validator()
        #expect(v.text("  Ada Lovelace \n\t", field: "name", max: 20) == "Ada Lovelace")
        #expect(v.errors.isEmpty)
    }

    @Test(arguments: [nil, "", "   ", "\n\t "] as [String?])
    func missingRequiredTextIsReported(value: String?) {
        var v = Validator()
        #expect(v.text(value, field: "name", max: 5) == "")
        #expect(v.errors == [FieldError("name", .required)])
    }

    @Test func optionalTextMayBeEmpty() throws {
        var v = Validator()
        #expect(v.text(nil, field: "bio", max: 5, required: false) == "")
        #expect(v.text("  ", field: "bio", max: 5, required: false) == "")
        #expect(v.errors.isEmpty)
        try v.check()
    }

    @Test func lengthIsCountedInCharactersAfterTrimming() {
        var v = Validator()
        _ = v.text("  abcde  ", field: "a", max: 5)     // exactly max
        _ = v.text("éééé👩‍👩‍👧‍👧", field: "b", max: 5)    // five characters, many bytes
        #expect(v.errors.isEmpty)
        _ = v.text("abcdef", field: "c", max: 5)
        _ = v.text("", field: "d", max: 0, required: false)
        #expect(v.errors == [FieldError("c", .tooLong)])
    }

    @Test func checkThrowsEveryErrorInOrder() {
        var v = Validator()
        v.add("b", .invalid)
        _ = v.text(nil, field: "a", max: 1)
        v.add("b", .duplicate)
        #expect(v.errors.count == 3)
        let thrown = #expect(throws: ValidationErrors.self) { try v.check() }
        #expect(thrown?.errors == [FieldError("b", .invalid), FieldError("a", .required), FieldError("b", .duplicate)])
    }

    @Test func checkPassesWithoutErrors() throws {
        try Validator().check()
    }

    @Test func reasonsHaveStableMachineCodes() {
        let codes: [FieldError.Reason: String] = [
            .required: "required", .tooLong: "too_long", .tooShort: "too_short", .invalidEmail: "invalid_email",
            .invalidDate: "invalid_date", .endBeforeStart: "end_before_start", .outOfRange: "out_of_range",
            .unknownRole: "unknown_role", .unknownCohort: "unknown_cohort", .duplicate: "duplicate",
            .mismatch: "mismatch", .invalid: "invalid",
        ]
        for (reason, code) in codes { #expect(reason.rawValue == code) }
    }
}
