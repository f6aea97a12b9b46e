import Testing
@testable import Domain

@Suite struct EssayGradeTests {
    @Test(arguments: [("75", 0.75), (" 100 ", 1.0), ("0", 0.0), ("62,5", 0.625), ("12.5", 0.125)])
    func percentBecomesAFraction(percent: String, fraction: Double) throws {
        #expect(try EssayGrade.check(percent: percent, comment: " Good structure. \n").fraction == fraction)
    }

    @Test func theCommentIsTrimmedAndOptional() throws {
        #expect(try EssayGrade.check(percent: "50", comment: "  Clear.\nAdd an example. ").comment == "Clear.\nAdd an example.")
        #expect(try EssayGrade.check(percent: "50", comment: nil).comment == "")
    }

    @Test(arguments: [
        (nil, FieldError("percent", .required)), ("", FieldError("percent", .required)), ("101", FieldError("percent", .outOfRange)),
        ("-1", FieldError("percent", .outOfRange)), ("abc", FieldError("percent", .invalid)), ("nan", FieldError("percent", .invalid)),
        ("inf", FieldError("percent", .invalid)),
    ] as [(String?, FieldError)])
    func badPercentsAreRefused(percent: String?, expected: FieldError) {
        do {
            _ = try EssayGrade.check(percent: percent, comment: nil)
            Issue.record("accepted \(percent ?? "nil")")
        } catch { #expect(error.errors == [expected]) }
    }

    @Test func aTooLongCommentIsRefused() {
        let long = String(repeating: "x", count: EssayGrade.maximumComment + 1)
        do {
            _ = try EssayGrade.check(percent: "50", comment: long)
            Issue.record("accepted")
        } catch { #expect(error.errors == [FieldError("comment", .tooLong)]) }
    }
}
