import Testing
@testable import Domain

/// Awkward but valid GIFT: what each input must import as.
@Suite struct GIFTParseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var gift: String
        var questions: [Question]
        var testDescription: String { name }
    }

    static func choice(_ text: String, _ weight: Double, _ feedback: String? = nil) -> Choice {
        Choice(QuizText(text), weight: weight, feedback: feedback.map { QuizText($0) })
    }

    static let cases: [Case] = [
        Case(name: "unicode everywhere",
             gift: "::Ünïcødé 日本::Qu'est-ce que «ça»? 🎉 e\u{301}{=Oui ✅ ~Non ❌ #Ñon}",
             questions: [Question(title: "Ünïcødé 日本", stem: QuizText("Qu'est-ce que «ça»? 🎉 e\u{301}"),
                                  answers: .singleChoice([choice("Oui ✅", 100), choice("Non ❌", 0, "Ñon")]))]),
        Case(name: "Windows line endings and a byte-order mark",
             gift: "\u{FEFF}First?{T}\r\n\r\nSecond\r\nline?{\r\n=a\r\n~b\r\n}\r\n",
             questions: [Question(stem: QuizText("First?"), answers: .trueFalse(TrueFalseAnswer(isTrue: true))),
                         Question(stem: QuizText("Second line?"), answers: .singleChoice([choice("a", 100), choice("b", 0)]))]),
        Case(name: "old Mac line endings", gift: "A?{T}\r\rB?{F}",
             questions: [Question(stem: QuizText("A?"), answers: .trueFalse(TrueFalseAnswer(isTrue: true))),
                         Question(stem: QuizText("B?"), answers: .trueFalse(TrueFalseAnswer(isTrue: false)))]),
        Case(name: "whitespace-only lines separate questions, trailing whitespace is ignored",
             gift: "A?{T}   \n \t \nB?{F}\t\n\n   \n",
             questions: [Question(stem: QuizText("A?"), answers: .trueFalse(TrueFalseAnswer(isTrue: true))),
                         Question(stem: QuizText("B?"), answers: .trueFalse(TrueFalseAnswer(isTrue: false)))]),
        Case(name: "comments before, between, inside and after questions",
             gift: "// file header\n\n// about A\nA?{\n  // a comment line inside the answers\n  =yes\n  ~no\n} // after the block\n"
                + "// trailing\n\n// between\n\nB?{F}\n// the end",
             questions: [Question(stem: QuizText("A?"), answers: .singleChoice([choice("yes", 100), choice("no", 0)])),
                         Question(stem: QuizText("B?"), answers: .trueFalse(TrueFalseAnswer(isTrue: false)))]),
        Case(name: "every escape", gift: ##"Escapes \~ \= \# \{ \} \: \\ and\nbreak{=\~a\=b\#c\\ ~d\{e\}f\:g}"##,
             questions: [Question(stem: QuizText("Escapes ~ = # { } : \\ and\nbreak"),
                                  answers: .singleChoice([choice("~a=b#c\\", 100), choice("d{e}f:g", 0)]))]),
        Case(name: "an escaped } inside an answer", gift: #"Set \{1, 2\}{=\}}"#,
             questions: [Question(stem: QuizText("Set {1, 2}"), answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("}")])))]),
        Case(name: "titles with an escaped colon and a plain one", gift: "::a\\:b::Q{T}\n\n::Time: now::R{F}",
             questions: [Question(title: "a:b", stem: QuizText("Q"), answers: .trueFalse(TrueFalseAnswer(isTrue: true))),
                         Question(title: "Time: now", stem: QuizText("R"), answers: .trueFalse(TrueFalseAnswer(isTrue: false)))]),
        Case(name: "a lone colon and a backslash that escapes nothing are text", gift: #"Time: 3\pm?{T}"#,
             questions: [Question(stem: QuizText("Time: 3\\pm?"), answers: .trueFalse(TrueFalseAnswer(isTrue: true)))]),
        Case(name: "true/false in any case, feedback for a wrong then a right answer, general feedback",
             gift: "Q{true #wrong #right ####general}\n\nR{f#wrong}",
             questions: [Question(stem: QuizText("Q"), answers: .trueFalse(TrueFalseAnswer(
                                    isTrue: true, trueFeedback: QuizText("right"), falseFeedback: QuizText("wrong"))),
                                  generalFeedback: QuizText("general")),
                         Question(stem: QuizText("R"), answers: .trueFalse(TrueFalseAnswer(isTrue: false, trueFeedback: QuizText("wrong"))))]),
        Case(name: "embedded answers across lines", gift: "The sun\nrises in the {\n=east\n~west\n}\nevery\nmorning.",
             questions: [Question(stem: QuizText("The sun rises in the _____ every morning."), hasEmbeddedAnswers: true,
                                  answers: .singleChoice([choice("east", 100), choice("west", 0)]))]),
        Case(name: "metadata, categories and a return to none",
             gift: "$CATEGORY: top/Unit 1\n\n// [id: q-1 ] [tag:verbs] [tag:a\\]b]\n// [tag:second line]\nQ{}\n\n$CATEGORY:\n\nR{}",
             questions: [Question(stem: QuizText("Q"), answers: .essay, tags: ["verbs", "a]b", "second line"],
                                  reference: "q-1", category: "top/Unit 1"),
                         Question(stem: QuizText("R"), answers: .essay)]),
        Case(name: "tags of a block of comments only stay with it", gift: "// [tag:lost] [id:7]\n\nQ{}",
             questions: [Question(stem: QuizText("Q"), answers: .essay)]),
        Case(name: "formats: markers, inheritance, whitespace kept in markdown and html",
             gift: "[markdown]Keep  **two**  spaces{=a  b ~[plain]c  d #[html]<b>f</b> ####[moodle]g  h}",
             questions: [Question(stem: QuizText("Keep  **two**  spaces", format: .markdown),
                                  answers: .singleChoice([Choice(QuizText("a  b", format: .markdown), weight: 100),
                                                          Choice(QuizText("c d", format: .plain), weight: 0,
                                                                 feedback: QuizText("<b>f</b>", format: .html))]),
                                  generalFeedback: QuizText("g h"))]),
        Case(name: "weights: single choice with partial credit, multiple response, short answer",
             gift: "A{=a ~%50%b ~c}\n\nB{~%50%a ~%50%b ~%-100%c}\n\nC{=%100%x* =%25%y}\n\nD{One #fb}",
             questions: [Question(stem: QuizText("A"), answers: .singleChoice([choice("a", 100), choice("b", 50), choice("c", 0)])),
                         Question(stem: QuizText("B"), answers: .multipleResponse([choice("a", 50), choice("b", 50), choice("c", -100)])),
                         Question(stem: QuizText("C"), answers: .shortAnswer(ShortAnswer(accepted: [
                            AcceptedText("x*"), AcceptedText("y", weight: 25)]))),
                         Question(stem: QuizText("D"), answers: .shortAnswer(ShortAnswer(accepted: [
                            AcceptedText("One", feedback: QuizText("fb"))])))]),
        Case(name: "numerical: value, tolerance, range, weights, any other number",
             gift: "A{#-3.5}\n\nB{#.5:0.25 #close}\n\nC{#1..5}\n\nD{#\n=%100%1822:0 #yes\n=%50%1822:2\n~#no}",
             questions: [Question(stem: QuizText("A"), answers: .numerical([NumericAnswer(.value(-3.5, tolerance: 0))])),
                         Question(stem: QuizText("B"), answers: .numerical([NumericAnswer(.value(0.5, tolerance: 0.25),
                                                                                          feedback: QuizText("close"))])),
                         Question(stem: QuizText("C"), answers: .numerical([NumericAnswer(.range(1, 5))])),
                         Question(stem: QuizText("D"), answers: .numerical([
                            NumericAnswer(.value(1822, tolerance: 0), feedback: QuizText("yes")),
                            NumericAnswer(.value(1822, tolerance: 2), weight: 50),
                            NumericAnswer(.range(-.infinity, .infinity), weight: 0, feedback: QuizText("no"))]))]),
        Case(name: "matching with a distractor and general feedback; `->` is text elsewhere",
             gift: "M{=a -> 1 =b->2 -> 3 = -> 4 ####well}\n\nC{~x -> y =z}",
             questions: [Question(stem: QuizText("M"), answers: .matching([
                            MatchPair(prompt: QuizText("a"), answer: "1"), MatchPair(prompt: QuizText("b"), answer: "2 -> 3"),
                            MatchPair(prompt: nil, answer: "4")]), generalFeedback: QuizText("well")),
                         Question(stem: QuizText("C"), answers: .singleChoice([choice("x -> y", 0), choice("z", 100)]))]),
        Case(name: "a weighted first `=` is not a matching pair", gift: "S{=%100%a -> b}",
             questions: [Question(stem: QuizText("S"), answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("a -> b")])))]),
        Case(name: "description, essay with general feedback, empty stem",
             gift: "::Intro::Read this.\n\nWrite.{####Model answer}\n\n{T}",
             questions: [Question(title: "Intro", stem: QuizText("Read this."), answers: .description),
                         Question(stem: QuizText("Write."), answers: .essay, generalFeedback: QuizText("Model answer")),
                         Question(stem: QuizText(""), answers: .trueFalse(TrueFalseAnswer(isTrue: true)))]),
        Case(name: "nothing but comments and blank lines", gift: "\u{FEFF}// only\n\n   \n// comments\n", questions: []),
        Case(name: "empty text", gift: "", questions: []),
    ]

    @Test(arguments: cases)
    func imports(_ example: Case) throws {
        #expect(try GIFT.parse(example.gift) == example.questions)
    }
}
