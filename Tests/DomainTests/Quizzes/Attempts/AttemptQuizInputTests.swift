import Testing
@testable import Domain

/// One settings form, and the errors it must give.
struct AttemptInputCase: Sendable, CustomTestStringConvertible {
    var name: String
    var mode: String? = "fixed"
    var ids: [String] = ["q1"]
    var draws: [String: String] = [:]
    var maxAttempts: String? = ""
    var timeLimit: String? = ""
    var pass: String? = ""
    var show: String? = ""
    var expected: [FieldError]

    var testDescription: String { name }

    func check() throws(ValidationErrors) -> QuizSettings {
        try QuizInput.check(mode: mode, questionIDs: ids, draws: draws, shuffleQuestions: false, shuffleOptions: true,
                            maxAttempts: maxAttempts, timeLimit: timeLimit, passPercent: pass, showAnswers: show)
    }
}

@Suite struct AttemptQuizInputTests {
    static let refused: [AttemptInputCase] = [
        .init(name: "no mode", mode: nil, expected: [FieldError("mode", .required)]),
        .init(name: "blank mode", mode: "  ", expected: [FieldError("mode", .required)]),
        .init(name: "unknown mode", mode: "exam", expected: [FieldError("mode", .invalid)]),
        .init(name: "fixed, nothing ticked", ids: [], expected: [FieldError("questions", .required)]),
        .init(name: "fixed, blank ids", ids: ["", " "], expected: [FieldError("questions", .required)]),
        .init(name: "random, no draw", mode: "random", expected: [FieldError("draws", .required)]),
        .init(name: "random, zeros and blanks", mode: "random", draws: ["a": "0", "b": "", "c": " "],
              expected: [FieldError("draws", .required)]),
        .init(name: "random, not a number", mode: "random", draws: ["a": "two"], expected: [FieldError("draws", .invalid)]),
        .init(name: "random, a fraction", mode: "random", draws: ["a": "1.5"], expected: [FieldError("draws", .invalid)]),
        .init(name: "random, negative", mode: "random", draws: ["a": "-1"], expected: [FieldError("draws", .outOfRange)]),
        .init(name: "random, too many of one", mode: "random", draws: ["a": "201"], expected: [FieldError("draws", .outOfRange)]),
        .init(name: "random, too many in all", mode: "random", draws: ["a": "150", "b": "51"],
              expected: [FieldError("draws", .outOfRange)]),
        .init(name: "random, blank topic", mode: "random", draws: [" ": "3"], expected: [FieldError("draws", .invalid)]),
        .init(name: "random, one bad among good", mode: "random", draws: ["a": "2", "b": "x", "c": "y"],
              expected: [FieldError("draws", .invalid)]),
        .init(name: "0 attempts", maxAttempts: "0", expected: [FieldError("max_attempts", .outOfRange)]),
        .init(name: "101 attempts", maxAttempts: "101", expected: [FieldError("max_attempts", .outOfRange)]),
        .init(name: "negative attempts", maxAttempts: "-3", expected: [FieldError("max_attempts", .outOfRange)]),
        .init(name: "attempts not a number", maxAttempts: "many", expected: [FieldError("max_attempts", .invalid)]),
        .init(name: "0 minutes", timeLimit: "0", expected: [FieldError("time_limit", .outOfRange)]),
        .init(name: "601 minutes", timeLimit: "601", expected: [FieldError("time_limit", .outOfRange)]),
        .init(name: "minutes as text", timeLimit: "1h", expected: [FieldError("time_limit", .invalid)]),
        .init(name: "pass below 0", pass: "-1", expected: [FieldError("pass_percent", .outOfRange)]),
        .init(name: "pass above 100", pass: "101", expected: [FieldError("pass_percent", .outOfRange)]),
        .init(name: "pass with a sign", pass: "60%", expected: [FieldError("pass_percent", .invalid)]),
        .init(name: "unknown policy", show: "sometimes", expected: [FieldError("show_answers", .invalid)]),
        .init(name: "policy is case sensitive", show: "Never", expected: [FieldError("show_answers", .invalid)]),
        .init(name: "every problem at once, in form order", mode: nil, maxAttempts: "x", timeLimit: "0", pass: "200", show: "?",
              expected: [FieldError("mode", .required), FieldError("max_attempts", .invalid), FieldError("time_limit", .outOfRange),
                         FieldError("pass_percent", .outOfRange), FieldError("show_answers", .invalid)]),
    ]

    @Test(arguments: refused)
    func refuses(_ form: AttemptInputCase) {
        #expect(AttemptSamples.error { () throws(ValidationErrors) in try form.check() }?.errors == form.expected)
    }

    @Test func blankFieldsTakeTheDefaults() throws {
        for blank in [nil, "", "  "] as [String?] {
            let settings = try AttemptInputCase(name: "", maxAttempts: blank, timeLimit: blank, pass: blank, show: blank, expected: []).check()
            #expect(settings == QuizSettings(selection: .fixed(["q1"]), shuffleQuestions: false, shuffleOptions: true,
                                             maxAttempts: nil, timeLimitMinutes: nil, passPercent: 60, showAnswers: .immediately))
        }
    }

    @Test func limitsAreInclusiveAndTrimmed() throws {
        let low = try AttemptInputCase(name: "", maxAttempts: "1", timeLimit: " 1 ", pass: "0", show: "never", expected: []).check()
        #expect((low.maxAttempts, low.timeLimitMinutes, low.passPercent, low.showAnswers) == (1, 1, 0, .never))
        let high = try AttemptInputCase(name: "", maxAttempts: "100", timeLimit: "600", pass: "100", show: "afterLastAttempt",
                                        expected: []).check()
        #expect((high.maxAttempts, high.timeLimitMinutes, high.passPercent, high.showAnswers) == (100, 600, 100, .afterLastAttempt))
    }

    @Test func shuffleFlagsAreKept() throws {
        let settings = try QuizInput.check(mode: "fixed", questionIDs: ["a"], draws: [:], shuffleQuestions: true, shuffleOptions: false,
                                           maxAttempts: nil, timeLimit: nil, passPercent: nil, showAnswers: nil)
        #expect(settings.shuffleQuestions && !settings.shuffleOptions)
    }

    @Test func fixedKeepsTheTickedOrderWithoutBlanksOrRepeats() throws {
        let settings = try AttemptInputCase(name: "", ids: ["q3", " q1 ", "", "q3", "q2"], expected: []).check()
        #expect(settings.selection == .fixed(["q3", "q1", "q2"]))
    }

    @Test func randomKeepsCountsAboveZeroByTopicName() throws {
        let draws = ["b": "2", "a": " 1 ", "C": "200", "c": "0", "d": ""]
        let settings = try AttemptInputCase(name: "", mode: "random", ids: [], draws: ["b": "2", "a": " 1 ", "d": ""], expected: []).check()
        #expect(settings.selection == .random([.init(topic: "a", count: 1), .init(topic: "b", count: 2)]))
        #expect(AttemptSamples.error { () throws(ValidationErrors) in
            try AttemptInputCase(name: "", mode: "random", draws: draws, expected: []).check()
        }?.errors == [FieldError("draws", .outOfRange)])
    }

    @Test func randomAcceptsExactlyTheMaximumInAll() throws {
        let settings = try AttemptInputCase(name: "", mode: "random", draws: ["b": "100", "A": "100"], expected: []).check()
        #expect(settings.selection == .random([.init(topic: "A", count: 100), .init(topic: "b", count: 100)]))
    }

    @Test func eachModeIgnoresTheOtherModesFields() throws {
        let fixed = try AttemptInputCase(name: "", draws: ["a": "x"], expected: []).check()
        #expect(fixed.selection == .fixed(["q1"]))
        let random = try AttemptInputCase(name: "", mode: "random", ids: [], draws: ["a": "3"], expected: []).check()
        #expect(random.selection == .random([.init(topic: "a", count: 3)]))
    }
}
