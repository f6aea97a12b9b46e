import Testing
@testable import Domain

/// `GIFT.parse(GIFT.export(bank)) == bank`, question by question over every kind and feature,
/// plus what export writes where GIFT cannot say something.
@Suite struct GIFTRoundTripTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var question: Question
        var testDescription: String { name }
    }

    static let nasty = #"a ~ b = c # d { e } f : g \ h \\ i \n j :: k -> l %5% [html] // m ####"#
    static let cases: [Case] = [
        Case(name: "single choice with feedback, partial credit and general feedback", question: Question(
            title: "Grant's tomb", stem: QuizText("Who's buried in Grant's tomb?"),
            answers: .singleChoice([Choice(QuizText("Grant"), weight: 0, feedback: QuizText("No")),
                                    Choice(QuizText("no one"), weight: 100, feedback: QuizText("Yes!")),
                                    Choice(QuizText("his wife"), weight: 33.5)]),
            generalFeedback: QuizText("Nobody is *buried*: they are entombed."))),
        Case(name: "single choice without a 100 and with only 100s", question: Question(
            stem: QuizText("Q"), answers: .singleChoice([Choice(QuizText("a"), weight: 50), Choice(QuizText("b"), weight: -25)]))),
        Case(name: "single choice where every option is right", question: Question(
            stem: QuizText("Q"), answers: .singleChoice([Choice(QuizText("a"), weight: 100), Choice(QuizText("b"), weight: 100)]))),
        Case(name: "multiple response with penalties and zero weights", question: Question(
            stem: QuizText("Continents?"), answers: .multipleResponse([
                Choice(QuizText("Africa"), weight: 33.33333), Choice(QuizText("China"), weight: -100, feedback: QuizText("a country")),
                Choice(QuizText("Asia"), weight: 0)]))),
        Case(name: "true with both feedbacks", question: Question(stem: QuizText("The sun rises in the east."),
            answers: .trueFalse(TrueFalseAnswer(isTrue: true, trueFeedback: QuizText("Right"), falseFeedback: QuizText("Look up"))))),
        Case(name: "true with only the right feedback", question: Question(stem: QuizText("S"),
            answers: .trueFalse(TrueFalseAnswer(isTrue: true, trueFeedback: QuizText("Right"))), generalFeedback: QuizText("G"))),
        Case(name: "false with only the wrong feedback", question: Question(stem: QuizText("S"),
            answers: .trueFalse(TrueFalseAnswer(isTrue: false, trueFeedback: QuizText("Wrong"))))),
        Case(name: "short answer with weights, wildcards and `->`", question: Question(stem: QuizText("Who?"),
            answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("a -> b"), AcceptedText("no*one", weight: 50, feedback: QuizText("ok")),
                                                         AcceptedText("%odd"), AcceptedText("*", weight: 0)])))),
        Case(name: "numerical of every shape", question: Question(stem: QuizText("Pi?"), answers: .numerical([
            NumericAnswer(.value(3.1415, tolerance: 0.0005), feedback: QuizText("yes")), NumericAnswer(.range(-3.5, 1e-7), weight: 50),
            NumericAnswer(.value(1e20, tolerance: 0), weight: 10), NumericAnswer(.range(-.infinity, .infinity), weight: 0, feedback: QuizText("no"))]))),
        Case(name: "numerical, one plain answer", question: Question(stem: QuizText("Year?"),
            answers: .numerical([NumericAnswer(.value(1822, tolerance: 2))]))),
        Case(name: "matching with a distractor and formats", question: Question(stem: QuizText("<b>Match</b>", format: .html),
            answers: .matching([MatchPair(prompt: QuizText("<i>Canada</i>", format: .html), answer: "Ottawa"),
                                MatchPair(prompt: QuizText("Italy", format: .plain), answer: "Rome -> Roma"),
                                MatchPair(prompt: nil, answer: "Paris")]))),
        Case(name: "essay with general feedback", question: Question(stem: QuizText("Write."), answers: .essay,
                                                                    generalFeedback: QuizText("Model", format: .markdown))),
        Case(name: "description with a title", question: Question(title: "Intro", stem: QuizText("Read  this\n- item", format: .markdown),
                                                                 answers: .description)),
        Case(name: "embedded in the middle", question: Question(stem: QuizText("Grant is _____ in Grant's tomb."),
            hasEmbeddedAnswers: true, answers: .singleChoice([Choice(QuizText("buried"), weight: 0), Choice(QuizText("entombed"), weight: 100)]))),
        Case(name: "embedded first, in html", question: Question(stem: QuizText("_____ is the <b>largest</b>.", format: .html),
            hasEmbeddedAnswers: true, answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("Asia")])))),
        Case(name: "every character to escape, everywhere", question: Question(
            title: nasty, stem: QuizText(nasty), answers: .singleChoice([Choice(QuizText(nasty), weight: 100, feedback: QuizText(nasty)),
                                                                       Choice(QuizText("[markdown]" + nasty), weight: 0)]),
            generalFeedback: QuizText(nasty), tags: ["a]b", "c d"], reference: "ref]1")),
        Case(name: "texts that look like syntax", question: Question(stem: QuizText("//not a comment"),
            answers: .singleChoice([Choice(QuizText("%50% no weight"), weight: 100), Choice(QuizText("[html]no marker"), weight: 0)]))),
        Case(name: "a stem that looks like a category", question: Question(stem: QuizText("$CATEGORY: no"), answers: .essay)),
        Case(name: "empty stem, plain format", question: Question(stem: QuizText("", format: .plain),
                                                                 answers: .trueFalse(TrueFalseAnswer(isTrue: false)))),
        Case(name: "unicode", question: Question(title: "日本語", stem: QuizText("Qu'est-ce que «ça»? 🎉 e\u{301}"),
                                                 answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("ça 🎉")])))),
    ]

    @Test(arguments: cases)
    func readsBackWhatItWrites(_ example: Case) throws {
        let gift = GIFT.export([example.question])
        #expect(try GIFT.parse(gift) == [example.question], "\(gift)")
    }

    @Test func keepsCategoriesAndTheirChanges() throws {
        let bank = [Question(stem: QuizText("A"), answers: .essay),
                    Question(stem: QuizText("B"), answers: .essay, category: "top/Unit 1: Intro"),
                    Question(stem: QuizText("C"), answers: .essay, category: "top/Unit 1: Intro"),
                    Question(stem: QuizText("D"), answers: .essay),
                    Question(stem: QuizText("E"), answers: .essay, category: "$course$/top")]
        let gift = GIFT.export(bank)
        #expect(gift.split(separator: "\n").filter { $0.hasPrefix("$CATEGORY:") }.count == 3)
        #expect(try GIFT.parse(gift) == bank)
    }

    @Test func writesOrderingQuestionsAsACommentTheParserSkips() throws {
        let ordering = Question(title: "Steps [tag:x]", stem: QuizText("Order\nthem"),
                                answers: .ordering([QuizText("first [id:9]"), QuizText("second")]), category: "Other")
        let essay = Question(stem: QuizText("After"), answers: .essay)
        let gift = GIFT.export([ordering, essay])
        #expect(gift.contains("// Left out: an ordering question, which GIFT cannot express (Steps (tag:x))."))
        #expect(gift.contains("//   2. second"))
        #expect(try GIFT.parse(gift) == [essay])
    }

    @Test func caseSensitivityIsNotKept() throws {
        let question = Question(stem: QuizText("Q"), answers: .shortAnswer(ShortAnswer(accepted: [AcceptedText("Abc")], caseSensitive: true)))
        var expected = question
        expected.answers = .shortAnswer(ShortAnswer(accepted: [AcceptedText("Abc")], caseSensitive: false))
        #expect(try GIFT.parse(GIFT.export([question])) == [expected])
    }

    @Test func writesWhatATrainerExpects() {
        let gift = GIFT.export([Question(title: "T", stem: QuizText("1 + 1 = ?"), answers: .numerical([NumericAnswer(.value(2, tolerance: 0))]),
                                         tags: ["maths"], reference: "7")])
        #expect(gift == "// [id:7]\n// [tag:maths]\n::T::1 + 1 \\= ? {#2}\n")
    }
}
