import Testing
@testable import Domain

/// Malformed GIFT: each gives the line and column where reading stopped and says what was
/// expected there; nothing is imported.
@Suite struct GIFTErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var gift: String
        var error: GIFTError
        var testDescription: String { name }

        init(_ name: String, _ gift: String, _ line: Int, _ column: Int, _ message: String) {
            self.name = name
            self.gift = gift
            error = GIFTError(line: line, column: column, message: message)
        }
    }

    static let cases: [Case] = [
        Case("unclosed {", "Q1{T}\n\n::T::Who's\nburied?{=a\n~b", 5, 3,
             "expected `}` to close the answers opened at line 4, column 8"),
        Case("a blank line inside the answers", "Q{\n=a\n\n~b}", 2, 3,
             "expected `}` to close the answers opened at line 1, column 2"),
        Case("-> missing in a matching pair", "Match{\n=a -> 1\n=b 2\n}", 3, 1,
             "expected `->` between the prompt and the answer of this matching pair "
                + "(a matching question takes only `=prompt -> answer` pairs)"),
        Case("~ mixed with -> pairs", "M{=a -> b ~c -> d}", 1, 11,
             "expected `=` to start a matching pair: `~` cannot be mixed with `->` pairs"),
        Case("a matching pair without its answer", "M{=a -> 1\n  =b -> }", 2, 3,
             "expected the answer after `->` in this matching pair"),
        Case("a weighted matching pair", "M{=a -> 1 =%50%b -> 2}", 1, 12, "a matching pair takes no weight"),
        Case("feedback on a matching pair", "M{=a -> 1 #no}", 1, 11,
             "a matching pair takes no feedback (write `\\#` for a # in a text)"),
        Case("a numerical answer that is not a number", "N{#abc}", 1, 4,
             "expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), found `abc`"),
        Case("a number followed by letters", "N{#\n=%50%1.5x #fb}", 2, 6,
             "expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), found `1.5x`"),
        Case("a tolerance that is not a number", "N{#3:x}", 1, 4,
             "expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), found `3:x`"),
        Case("a number too long to be one", "N{#" + String(repeating: "9", count: 400) + "}", 1, 4,
             "expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), found `" + String(repeating: "9", count: 400) + "`"),
        Case("no number at all", "N{#}", 1, 4,
             "expected a number (like `3.14`, `3.14:0.01` or `3.1..3.2`), found `}`"),
        Case("a weight %abc%", "Q{=a ~%abc%b}", 1, 8, "expected a weight between -100 and 100 (like `%50%`), found `abc`"),
        Case("a weight beyond 100", "Q{=a ~%150%b}", 1, 8, "expected a weight between -100 and 100 (like `%50%`), found `150`"),
        Case("an unclosed weight", "Q{=a ~%50b}", 1, 11, "expected `%` to close the weight opened at line 1, column 7"),
        Case("text after } running into the next question", "Q1{T} is it?\nQ2{F}", 2, 3,
             "expected a blank line before the next question: a question has one `{…}` answer block"),
        Case("a comment after } then more text", "Q{T} // note\nmore", 2, 1, "expected a blank line after the question, found `m`"),
        Case("a stray } in the text", "a}b{T}", 1, 2, "unexpected `}`: no answers are open (write `\\}` for a brace in the text)"),
        Case("a { inside the answers", "Q{=a {b} ~c}", 1, 6,
             "unexpected `{` inside the answers opened at line 1, column 2 (write `\\{` for a brace in a text)"),
        Case("an unclosed title", "::abc{T}", 1, 9, "expected `::` to close the title opened at line 1, column 1"),
        Case("a title and nothing else", "// [id:1]\n::T::", 2, 6, "expected the question text after the title"),
        Case("no right answer", "Q{~a ~b}", 1, 2,
             "expected a right answer: mark it with `=`, or weight the options (like `~%50%`) for several right answers"),
        Case("an answer without text", "Q{=a ~ #why}", 1, 6, "expected the text of the answer after `~`"),
        Case("three true/false feedbacks", "Q{T#a#b#c}", 1, 8,
             "a true/false answer takes at most two feedbacks, for a wrong answer then a right one (write `\\#` for a # in a text)"),
        Case("two feedbacks on one answer", "Q{=a#x#y ~b}", 1, 7, "an answer takes one feedback (write `\\#` for a # in a text)"),
        Case("general feedback followed by an answer", "Q{=a ~b ####gf =c}", 1, 16,
             "expected `}` to close the answers opened at line 1, column 2, found `=`"),
        Case("a short answer written alone then another", "Q{One =Two}", 1, 7,
             "expected `}` to close the answers opened at line 1, column 2, found `=`"),
    ]

    @Test(arguments: cases)
    func pointsAtTheProblem(_ example: Case) {
        #expect(throws: example.error) { try GIFT.parse(example.gift) }
    }

    @Test func anErrorInTheFifthQuestionImportsNothing() {
        let bank = (1...4).map { "Q\($0)?{T}" } + ["Q5?{=a ~b"]
        #expect(throws: GIFTError(line: 9, column: 10, message: "expected `}` to close the answers opened at line 9, column 4")) {
            try GIFT.parse(bank.joined(separator: "\n\n"))
        }
    }

    @Test func describesItselfWithThePosition() {
        let error = GIFTError(line: 4, column: 17, message: "expected `}` to close the answers opened at line 2, column 30")
        #expect(error.description == "line 4, column 17: expected `}` to close the answers opened at line 2, column 30")
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(throws: GIFTError(line: 1, column: 9, message: "expected a weight between -100 and 100 (like `%50%`), found `x`")) {
            try GIFT.parse("\u{FEFF}é🎉{=a ~%x%b}")
        }
    }
}
