import Testing
@testable import Domain

@Suite struct NumericalGradingTests {
    typealias Bank = QuizGradingSamples

    @Test(arguments: [
        ("3.14", 3.14), ("3,14", 3.14), (" 3.14 ", 3.14), ("+2", 2), (" -2 ", -2), ("−2", -2), ("-0", 0),
        ("1e3", 1000), ("1E3", 1000), ("2.5E-4", 0.00025), ("1e+2", 100), (".5", 0.5), ("5.", 5), ("-,5", -0.5),
        ("007", 7), ("1,000", 1),  // one comma is always a decimal comma
    ] as [(String, Double)])
    func readsWhatPeopleType(typed: String, value: Double) {
        #expect(NumericAnswerReading.number(from: typed) == value)
    }

    @Test(arguments: [
        "", "  ", "abc", "3.1.4", "3,14,15", "3.14abc", "1 000", "0x10", "e3", "1e", "1e+", ".", "-", "+-2", "--2",
        "nan", "NaN", "inf", "-infinity", "1e400", "٣", "½", "3 . 14",
    ])
    func refusesTheRest(typed: String) throws {
        #expect(NumericAnswerReading.number(from: typed) == nil)
        // Unreadable is a wrong answer, not a broken request.
        let mark = try QuestionGrading.mark(Bank.numerical([(.range(-.infinity, .infinity), 100)]), .number(typed))
        #expect(mark == QuestionMark(fraction: 0))
    }

    @Test(arguments: [
        // value, tolerance, typed, accepted
        (3.14, 0.01, "3.14", true),
        (3.14, 0.01, "3.13", true),  // 3.14 − 3.13 is 0.010000000000000231 in binary: still in
        (3.14, 0.01, "3.15", true),
        (3.14, 0.01, "3,15", true),
        (3.14, 0.01, "3.1500001", false),
        (3.14, 0.01, "3.1299999", false),
        (3.14, 0.01, "3.16", false),
        (0.1 + 0.2, 0, "0.3", true),  // 0.30000000000000004 is 0.3 as the author meant it
        (0.3, 0, "0.30000000000000004", true),
        (0.3, 0, "0.3000001", false),
        (0, 0, "0", true),
        (0, 0, "-0", true),
        (0, 0, "0.000001", false),
        (100, 0.5, "99.5", true),
        (100, 0.5, "100.5", true),
        (100, 0.5, "100.50001", false),
        (1e6, 1, "1000001", true),
        (1e6, 1, "1000001.01", false),
        (-2.5, 0.1, "-2.6", true),
        (-2.5, 0.1, "-2.61", false),
        (10, -1, "9", true),  // a tolerance written negative counts as its size
        (1e-7, 1e-9, "1.01e-7", true),
        (1e-7, 1e-9, "1.02e-7", false),
    ] as [(Double, Double, String, Bool)])
    func toleranceBoundsAreInclusive(value: Double, tolerance: Double, typed: String, accepted: Bool) throws {
        let mark = try QuestionGrading.mark(Bank.numerical([(.value(value, tolerance: tolerance), 100)]), .number(typed))
        #expect(mark.fraction == (accepted ? 1 : 0))
    }

    @Test(arguments: [
        // low, high as written, typed, accepted
        (1.0, 5.0, "1", true),
        (1, 5, "5", true),
        (1, 5, "3", true),
        (1, 5, "0.999", false),
        (1, 5, "5.001", false),
        (5, 1, "5", true),  // written backwards: the same range
        (5, 1, "1", true),
        (5, 1, "3", true),
        (5, 1, "6", false),
        (0.1 + 0.2, 0.4, "0.3", true),
        (0.2, 0.1 + 0.2, "0.3", true),
        (-3, -1, "-2", true),
        (-3, -1, "2", false),
        (2, 2, "2", true),
    ] as [(Double, Double, String, Bool)])
    func rangeBoundsAreInclusive(low: Double, high: Double, typed: String, accepted: Bool) throws {
        let mark = try QuestionGrading.mark(Bank.numerical([(.range(low, high), 100)]), .number(typed))
        #expect(mark.fraction == (accepted ? 1 : 0))
    }

    static let graded: Question = Bank.numerical([
        (.value(3.14, tolerance: 0.01), 100), (.value(3.14, tolerance: 0.1), 50), (.range(0, 10), 0), (.value(-1, tolerance: 0), -50),
    ])

    @Test(arguments: [
        // typed, fraction, feedback index (nil: none)
        ("3.14", 1.0, 0), ("3.2", 0.5, 1), ("3.05", 0.5, 1), ("7", 0.0, 2), ("-1", 0.0, 3), ("11", 0.0, nil), ("pi", 0.0, nil),
    ] as [(String, Double, Int?)])
    func bestMatchCounts(typed: String, fraction: Double, feedback: Int?) throws {
        let mark = try QuestionGrading.mark(Self.graded, .number(typed))
        #expect(mark == QuestionMark(fraction: fraction, feedback: feedback.map { [Bank.feedback($0)] } ?? []))
    }

    @Test func theBestNotTheFirstCounts() throws {
        let question = Bank.numerical([(.range(0, 10), 50), (.value(3, tolerance: 0), 100)])
        #expect(try QuestionGrading.mark(question, .number("3")) == QuestionMark(fraction: 1, feedback: [Bank.feedback(1)]))
    }

    @Test func aValueThatIsNotANumberAcceptsNothing() throws {
        let question = Bank.numerical([(.value(.nan, tolerance: 1), 100), (.range(.nan, 5), 100), (.value(1, tolerance: .nan), 100)])
        #expect(try QuestionGrading.mark(question, .number("1")) == QuestionMark(fraction: 0))
    }
}
