import Testing
@testable import Domain

@Suite struct ChoiceGradingTests {
    typealias Bank = QuizGradingSamples

    @Test(arguments: [
        // weights, picked, fraction, feedback earned
        ([100, 50, 0, -50], 0, 1.0, [0]),
        ([100, 50, 0, -50], 1, 0.5, [1]),
        ([100, 50, 0, -50], 2, 0.0, [2]),
        ([100, 50, 0, -50], 3, 0.0, [3]),  // a negative weight gives nothing, never less
        ([150], 0, 1.0, [0]),              // an odd weight cannot give more than full marks
        ([.nan, 100], 0, 0.0, [0]),
    ] as [([Double], Int, Double, [Int])])
    func singleChoice(weights: [Double], picked: Int, fraction: Double, feedback: [Int]) throws {
        let question = Bank.question(.singleChoice(Bank.options(weights)))
        let mark = try QuestionGrading.mark(question, .choice(picked))
        #expect(mark == QuestionMark(fraction: fraction, feedback: feedback.map(Bank.feedback)))
    }

    @Test func aChoiceWithoutFeedbackEarnsNone() throws {
        let question = Bank.question(.singleChoice([Choice(QuizText("yes"), weight: 100)]))
        #expect(try QuestionGrading.mark(question, .choice(0)) == QuestionMark(fraction: 1))
    }

    @Test(arguments: [-1, 4, Int.max, Int.min])
    func singleChoiceOutOfRangeDoesNotFit(picked: Int) {
        #expect(throws: QuizError.responseDoesNotFit(.singleChoice)) {
            try QuestionGrading.mark(Bank.singleChoice(100, 50, 0, -50), .choice(picked))
        }
    }

    @Test(arguments: [
        // weights, picked, fraction, feedback earned (index order)
        ([50, 50, -100, 0], [], 0.0, []),
        ([50, 50, -100, 0], [0], 0.5, [0]),
        ([50, 50, -100, 0], [1, 0], 1.0, [0, 1]),
        ([50, 50, -100, 0], [0, 1, 2], 0.0, [0, 1, 2]),    // a wrong pick costs what the right ones gave
        ([50, 50, -100, 0], [2], 0.0, [2]),                // a negative total clamps to 0
        ([50, 50, -100, 0], [0, 1, 2, 3], 0.0, [0, 1, 2, 3]),
        ([50, 50, -100, 0], [3, 0], 0.5, [0, 3]),
        ([50, 50, -25, 0], [0, 1, 2], 0.75, [0, 1, 2]),    // partial penalty
        ([40, 40, 40], [0, 1, 2], 1.0, [0, 1, 2]),         // 120 % clamps to full marks
        ([33.3, 33.3, 33.4, -100], [0, 2], 0.667, [0, 2]),
    ] as [([Double], Set<Int>, Double, [Int])])
    func multipleResponse(weights: [Double], picked: Set<Int>, fraction: Double, feedback: [Int]) throws {
        let question = Bank.question(.multipleResponse(Bank.options(weights)))
        let mark = try QuestionGrading.mark(question, .choices(picked))
        #expect(abs((mark.fraction ?? -1) - fraction) < 1e-12)
        #expect(mark.feedback == feedback.map(Bank.feedback))
    }

    @Test(arguments: [[0, 4], [-1], [Int.max]] as [Set<Int>])
    func multipleResponseOutOfRangeDoesNotFit(picked: Set<Int>) {
        #expect(throws: QuizError.responseDoesNotFit(.multipleResponse)) {
            try QuestionGrading.mark(Bank.multipleResponse(50, 50, -100, 0), .choices(picked))
        }
    }

    @Test(arguments: [
        // the statement is, answered, fraction, feedback for what was answered
        (true, true, 1.0, "yes said"), (true, false, 0.0, "no said"),
        (false, true, 0.0, "yes said"), (false, false, 1.0, "no said"),
    ])
    func trueFalse(isTrue: Bool, answered: Bool, fraction: Double, feedback: String) throws {
        let answer = TrueFalseAnswer(isTrue: isTrue, trueFeedback: QuizText("yes said"), falseFeedback: QuizText("no said"))
        let mark = try QuestionGrading.mark(Bank.question(.trueFalse(answer)), .truth(answered))
        #expect(mark == QuestionMark(fraction: fraction, feedback: [QuizText(feedback)]))
    }

    @Test func trueFalseWithoutFeedbackEarnsNone() throws {
        let question = Bank.question(.trueFalse(TrueFalseAnswer(isTrue: false)))
        #expect(try QuestionGrading.mark(question, .truth(false)) == QuestionMark(fraction: 1))
    }

    @Test(arguments: QuizGradingSamples.everyKind)
    func unansweredEarnsNothingAndNoFeedback(question: Question) throws {
        #expect(try QuestionGrading.mark(question, nil) == QuestionMark(fraction: 0))
    }

    @Test(arguments: [
        // text, fraction: nil is "waiting for a trainer"
        ("Photosynthesis turns light into sugar.", nil), ("x", nil), ("", 0), ("  \n\t ", 0),
    ] as [(String, Double?)])
    func essay(text: String, fraction: Double?) throws {
        #expect(try QuestionGrading.mark(Bank.essay, .text(text)) == QuestionMark(fraction: fraction))
    }

    @Test func descriptionCarriesNoMarks() {
        #expect(!QuestionKind.description.carriesMarks)
        #expect(QuestionKind.allCases.filter { !$0.carriesMarks } == [.description])
    }

    static let everyResponseKind: [QuestionResponse] = [
        .choice(0), .choices([0]), .truth(true), .text("Paris"), .number("3.14"), .matches([0, 1]), .order([0, 1, 2]),
    ]

    /// The response kind each question kind takes (essay also takes text; description nothing).
    static func fits(_ kind: QuestionKind, _ response: QuestionResponse) -> Bool {
        switch (kind, response) {
        case (.singleChoice, .choice), (.multipleResponse, .choices), (.trueFalse, .truth), (.shortAnswer, .text),
             (.numerical, .number), (.matching, .matches), (.ordering, .order), (.essay, .text): true
        default: false
        }
    }

    @Test(arguments: QuizGradingSamples.everyKind, everyResponseKind)
    func aResponseOfAnotherKindDoesNotFit(question: Question, response: QuestionResponse) throws {
        if Self.fits(question.kind, response) {
            _ = try QuestionGrading.mark(question, response)
        } else {
            #expect(throws: QuizError.responseDoesNotFit(question.kind)) { try QuestionGrading.mark(question, response) }
        }
    }
}
