import PropertyBased
@testable import Domain

/// Random questions of every kind and random responses of every kind, most of them fitting their
/// question and some not (another kind, an index out of range, a wrong length), for the
/// properties that must hold whatever a bank and a request hold.
enum RandomGradingCases {
    typealias RNG = any SeededRandomNumberGenerator

    /// A question, a response to it (nil: unanswered) and the points it is worth in an attempt.
    static let answered = Generator<(question: Question, response: QuestionResponse?, points: Double), _> { rng in
        let question = question(using: &rng)
        return (question, response(to: question, using: &rng), Double.random(in: -1...10, using: &rng))
    }

    /// Characters that trouble matchers: wildcards, escapes, regex syntax, whitespace, accents.
    static let awkward: [Character] = ["a", "A", "b", "é", "e\u{301}", "*", "\\", ".", "(", "?", " ", "\t", "\n"]

    static func text(using rng: inout RNG, of alphabet: [Character] = awkward, length: ClosedRange<Int> = 0...6) -> String {
        String((0..<Int.random(in: length, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Weights beyond -100…100 and the odd non-number on purpose: a bank imported from elsewhere
    /// may hold anything, and a mark must still stay within 0…1.
    static func weight(using rng: inout RNG) -> Double {
        Int.random(in: 0..<20, using: &rng) == 0 ? .nan : Double.random(in: -300...300, using: &rng)
    }

    static func question(using rng: inout RNG) -> Question {
        let count = Int.random(in: 0...5, using: &rng)
        let answers: QuestionAnswers
        switch QuestionKind.allCases.randomElement(using: &rng)! {
        case .singleChoice:
            answers = .singleChoice((0..<count).map { _ in Choice(QuizText("o"), weight: weight(using: &rng), feedback: QuizText("f")) })
        case .multipleResponse:
            answers = .multipleResponse((0..<count).map { _ in Choice(QuizText("o"), weight: weight(using: &rng)) })
        case .trueFalse:
            answers = .trueFalse(TrueFalseAnswer(isTrue: Bool.random(using: &rng), trueFeedback: QuizText("t")))
        case .shortAnswer:
            let accepted = (0..<count).map { _ in AcceptedText(text(using: &rng), weight: weight(using: &rng)) }
            answers = .shortAnswer(ShortAnswer(accepted: accepted, caseSensitive: Bool.random(using: &rng)))
        case .numerical:
            answers = .numerical((0..<count).map { _ in
                let a = Double.random(in: -100...100, using: &rng), b = Double.random(in: -10...10, using: &rng)
                return NumericAnswer(Bool.random(using: &rng) ? .value(a, tolerance: b) : .range(a, b), weight: weight(using: &rng))
            })
        case .matching:
            answers = .matching((0..<count).map { _ in
                MatchPair(prompt: Bool.random(using: &rng) ? QuizText("p") : nil, answer: ["x", "y", "z"].randomElement(using: &rng)!)
            })
        case .ordering:
            answers = .ordering((0..<count).map { QuizText("item \($0)") })
        case .essay:
            answers = .essay
        case .description:
            answers = .description
        }
        return Question(stem: QuizText("?"), answers: answers)
    }

    /// Mostly a response built for the question's kind with indices slightly beyond its options;
    /// sometimes a response of a random kind; sometimes none.
    static func response(to question: Question, using rng: inout RNG) -> QuestionResponse? {
        let roll = Int.random(in: 0..<10, using: &rng)
        if roll == 0 { return nil }
        let kind = roll == 1 ? QuestionKind.allCases.randomElement(using: &rng)! : question.kind
        let size = optionCount(question.answers)
        let index = { (rng: inout RNG) in Int.random(in: -1...(size + 1), using: &rng) }
        switch kind {
        case .singleChoice: return .choice(index(&rng))
        case .multipleResponse: return .choices(Set((0..<Int.random(in: 0...4, using: &rng)).map { _ in index(&rng) }))
        case .trueFalse: return .truth(Bool.random(using: &rng))
        case .shortAnswer, .essay, .description: return .text(text(using: &rng))
        case .numerical: return .number(text(using: &rng, of: Array("0123456789.,e+-− x"), length: 0...8))
        case .matching:
            let prompts = promptCount(question.answers) + (Int.random(in: 0..<8, using: &rng) == 0 ? 1 : 0)
            return .matches((0..<prompts).map { _ in Bool.random(using: &rng) ? index(&rng) : nil })
        case .ordering:
            var order = Array(0..<size).shuffled(using: &rng)
            if Int.random(in: 0..<8, using: &rng) == 0, !order.isEmpty { order[0] = index(&rng) }
            return .order(order)
        }
    }

    static func optionCount(_ answers: QuestionAnswers) -> Int {
        switch answers {
        case let .singleChoice(options), let .multipleResponse(options): options.count
        case let .shortAnswer(rule): rule.accepted.count
        case let .numerical(accepted): accepted.count
        case let .matching(pairs): pairs.count
        case let .ordering(items): items.count
        case .trueFalse, .essay, .description: 0
        }
    }

    static func promptCount(_ answers: QuestionAnswers) -> Int {
        guard case let .matching(pairs) = answers else { return 0 }
        return pairs.filter { $0.prompt != nil }.count
    }
}
