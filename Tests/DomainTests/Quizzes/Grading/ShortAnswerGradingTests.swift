import Testing
@testable import Domain

@Suite struct ShortAnswerGradingTests {
    typealias Bank = QuizGradingSamples

    /// One accepted answer worth full marks, case ignored.
    @Test(arguments: [
        // accepted, typed, right
        ("Paris", "Paris", true),
        ("Paris", "paris", true),
        ("Paris", "PARIS", true),
        ("Paris", "Pariss", false),
        ("Paris", "Pari", false),
        // whitespace: trimmed, runs collapsed (spaces, tabs, newlines, no-break spaces)
        ("New York", "  New   York \n", true),
        ("New York", "New\tYork", true),
        ("New York", "New\r\n York", true),
        ("New York", "New\u{00A0}York", true),
        ("New York", "NewYork", false),
        ("  New   York ", "new york", true),
        // wildcard at the start, in the middle, at the end, alone, repeated
        ("*burg", "Hamburg", true),
        ("*burg", "burg", true),
        ("*burg", "burger", false),
        ("New*York", "New York", true),
        ("New*York", "NewYork", true),
        ("New*York", "New Amsterdam", false),
        ("photo*", "photosynthesis", true),
        ("photo*", "phot", false),
        ("*", "anything at all", true),
        ("**", "x", true),
        ("a*b*c", "aXbYc", true),
        ("a*b*c", "abc", true),
        ("a*b*c", "abcbc", true),
        ("a*b*c", "acb", false),
        ("ab*ba", "aba", false),  // the two ends may not share a letter
        ("ab*ba", "abba", true),
        ("*ab*", "xxaxxbxx", false),
        // everything but * is literal: no regular expression hides in an answer
        ("3.5 (approx)", "3.5 (approx)", true),
        ("3.5 (approx)", "3x5 (approx)", false),
        ("a.c", "abc", false),
        ("[a-z]+", "b", false),
        ("[a-z]+", "[a-z]+", true),
        ("^$|?", "^$|?", true),
        ("a?", "a", false),
        ("C:\\temp", "c:\\temp", true),
        // \* is a literal asterisk
        ("5\\*3", "5*3", true),
        ("5\\*3", "5x3", false),
        ("5\\**", "5*3", true),
        // Unicode: composed and decomposed accents are the same answer, case folds beyond ASCII
        ("café", "cafe\u{301}", true),
        ("cafe\u{301}", "café", true),
        ("ÉCOLE", "école", true),
        ("Straße", "STRASSE", false),
    ])
    func oneAcceptedAnswer(accepted: String, typed: String, right: Bool) throws {
        let mark = try QuestionGrading.mark(Bank.shortAnswer([(accepted, 100)]), .text(typed))
        #expect(mark == (right ? QuestionMark(fraction: 1, feedback: [Bank.feedback(0)]) : QuestionMark(fraction: 0)))
    }

    @Test(arguments: [
        // accepted, typed, right
        ("Paris", "Paris", true),
        ("Paris", "paris", false),
        ("paris", "PARIS", false),
        ("Ca*", "Canada", true),
        ("Ca*", "canada", false),
        ("ÉCOLE", "école", false),
    ])
    func caseSensitive(accepted: String, typed: String, right: Bool) throws {
        let mark = try QuestionGrading.mark(Bank.shortAnswer([(accepted, 100)], caseSensitive: true), .text(typed))
        #expect(mark.fraction == (right ? 1 : 0))
    }

    @Test(arguments: [
        // accepted (text, weight), typed, fraction, feedback index
        ([("Paris", 100), ("Par*", 50)], "Paris", 1.0, 0),
        ([("Paris", 100), ("Par*", 50)], "Parma", 0.5, 1),
        ([("Par*", 50), ("Paris", 100)], "paris", 1.0, 1),  // the best match counts, not the first
        ([("Par*", 50), ("P*", 50)], "Paris", 0.5, 0),      // equals: the first
        ([("Paris", 100), ("*", 0)], "London", 0.0, 1),     // a catch-all gives its feedback
        ([("Paris", 100), ("Lyon", -50)], "Lyon", 0.0, 1),  // a negative weight clamps to 0
        ([("Paris", 150)], "Paris", 1.0, 0),
        ([("Paris", .nan), ("P*", 50)], "Paris", 0.5, 1),   // a weight that is not a number never wins
    ] as [([(String, Double)], String, Double, Int)])
    func bestMatchCounts(accepted: [(String, Double)], typed: String, fraction: Double, feedback: Int) throws {
        let mark = try QuestionGrading.mark(Bank.shortAnswer(accepted), .text(typed))
        #expect(mark == QuestionMark(fraction: fraction, feedback: [Bank.feedback(feedback)]))
    }

    @Test(arguments: ["", " ", "\n\t  "])
    func blankTextEarnsNothingEvenAgainstACatchAll(typed: String) throws {
        let mark = try QuestionGrading.mark(Bank.shortAnswer([("*", 100)]), .text(typed))
        #expect(mark == QuestionMark(fraction: 0))
    }

    @Test func noAcceptedAnswerEarnsNothing() throws {
        #expect(try QuestionGrading.mark(Bank.shortAnswer([]), .text("Paris")) == QuestionMark(fraction: 0))
    }
}
