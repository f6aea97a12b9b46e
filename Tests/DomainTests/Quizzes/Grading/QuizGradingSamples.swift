@testable import Domain

/// Builds the questions the grading tests mark, keeping each table row to one line.
/// Every option, accepted answer and pair gets feedback "fb <index>", so a row can say which
/// one a response earned by its index alone.
enum QuizGradingSamples {
    static func feedback(_ index: Int) -> QuizText { QuizText("fb \(index)") }

    static func question(_ answers: QuestionAnswers) -> Question {
        Question(stem: QuizText("?"), answers: answers)
    }

    static func options(_ weights: [Double]) -> [Choice] {
        weights.enumerated().map { Choice(QuizText("option \($0.offset)"), weight: $0.element, feedback: feedback($0.offset)) }
    }

    static func singleChoice(_ weights: Double...) -> Question { question(.singleChoice(options(weights))) }

    static func multipleResponse(_ weights: Double...) -> Question { question(.multipleResponse(options(weights))) }

    static func shortAnswer(_ accepted: [(String, Double)], caseSensitive: Bool = false) -> Question {
        let texts = accepted.enumerated().map { AcceptedText($0.element.0, weight: $0.element.1, feedback: feedback($0.offset)) }
        return question(.shortAnswer(ShortAnswer(accepted: texts, caseSensitive: caseSensitive)))
    }

    static func numerical(_ accepted: [(NumericAnswer.Accepts, Double)]) -> Question {
        question(.numerical(accepted.enumerated().map { NumericAnswer($0.element.0, weight: $0.element.1, feedback: feedback($0.offset)) }))
    }

    /// Pairs written "prompt->answer", or "->answer" for a distractor.
    static func matching(_ pairs: String...) -> Question {
        question(.matching(pairs.map { pair in
            let sides = pair.split(separator: "->", omittingEmptySubsequences: false).map(String.init)
            return MatchPair(prompt: sides[0].isEmpty ? nil : QuizText(sides[0]), answer: sides[1])
        }))
    }

    static func ordering(_ count: Int) -> Question {
        question(.ordering((0..<count).map { QuizText("item \($0)") }))
    }

    static let trueFalse = question(.trueFalse(TrueFalseAnswer(isTrue: true, trueFeedback: feedback(1), falseFeedback: feedback(0))))
    static let essay = question(.essay)
    static let description = question(.description)

    /// One question of every kind.
    static let everyKind: [Question] = [
        singleChoice(100, 0), multipleResponse(50, 50), trueFalse, shortAnswer([("Paris", 100)]),
        numerical([(.value(3.14, tolerance: 0.01), 100)]), matching("a->1", "b->2"), ordering(3), essay, description,
    ]
}
