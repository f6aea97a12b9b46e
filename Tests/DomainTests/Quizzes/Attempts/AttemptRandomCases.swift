import PropertyBased
@testable import Domain

/// Random banks, settings and answered items for the attempt properties.
enum AttemptRandomCases {
    typealias RNG = any SeededRandomNumberGenerator

    static let topics = ["a", "b", "c"]

    static func question(using rng: inout RNG, kinds: [QuestionKind] = QuestionKind.allCases) -> Question {
        let count = Int.random(in: 1...5, using: &rng)
        let answers: QuestionAnswers
        switch kinds.randomElement(using: &rng)! {
        case .singleChoice: answers = .singleChoice(AttemptSamples.choices(count))
        case .multipleResponse: answers = .multipleResponse(AttemptSamples.choices(count))
        case .trueFalse: answers = .trueFalse(TrueFalseAnswer(isTrue: Bool.random(using: &rng)))
        case .shortAnswer: answers = .shortAnswer(ShortAnswer(accepted: [AcceptedText("x")]))
        case .numerical: answers = .numerical([NumericAnswer(.value(1, tolerance: 0))])
        case .matching:
            let prompts = Int.random(in: 1...4, using: &rng)
            answers = .matching(AttemptSamples.pairs(prompts: prompts, distractors: Int.random(in: 0...2, using: &rng)).shuffled(using: &rng))
        case .ordering: answers = AttemptSamples.ordering(Int.random(in: 0...6, using: &rng))
        case .essay: answers = .essay
        case .description: answers = .description
        }
        let tags = topics.filter { _ in Bool.random(using: &rng) }
        return AttemptSamples.question(answers, tags: tags)
    }

    /// A bank with the odd id listed twice, settings of either mode naming some ids that are
    /// gone, and a seed.
    static let planned = Generator<(settings: QuizSettings, bank: [(id: String, question: Question)], seed: UInt64), _> { rng in
        let bank = (0..<Int.random(in: 0...15, using: &rng)).map { _ in
            (id: "q\(Int.random(in: 0..<20, using: &rng))", question: question(using: &rng))
        }
        let selection: QuizSettings.Selection
        if Bool.random(using: &rng) {
            selection = .fixed((0..<Int.random(in: 0...12, using: &rng)).map { _ in "q\(Int.random(in: 0..<25, using: &rng))" })
        } else {
            selection = .random(topics.shuffled(using: &rng).map { .init(topic: $0, count: Int.random(in: 0...3, using: &rng)) })
        }
        let settings = QuizSettings(selection: selection, shuffleQuestions: Bool.random(using: &rng),
                                    shuffleOptions: Bool.random(using: &rng))
        return (settings, bank, UInt64.random(in: .min ... .max, using: &rng))
    }

    static let textCharacters: [Character] = ["a", "Z", "é", "e\u{301}", " ", "\n", "\r\n", "<", "&", "\"", "'", "=", "1", ",", "."]

    static func text(using rng: inout RNG) -> String {
        let body = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in textCharacters.randomElement(using: &rng)! })
        return body + "x" + (Bool.random(using: &rng) ? " " : "")
    }

    /// An item shown in a random order and an answer a learner could give to it.
    static let answered = Generator<(item: AttemptItem, response: QuestionResponse, position: Int), _> { rng in
        let kinds = QuestionKind.allCases.filter { $0 != .description }
        var question = question(using: &rng, kinds: kinds)
        // An ordering of no item has nothing to answer.
        while question.answers == .ordering([]) { question = AttemptRandomCases.question(using: &rng, kinds: kinds) }
        var item = AttemptSamples.item(question)
        item.optionOrder.shuffle(using: &rng)
        let response: QuestionResponse
        switch question.answers {
        case .singleChoice(let choices): response = .choice(Int.random(in: choices.indices, using: &rng))
        case .multipleResponse(let choices): response = .choices(Set(choices.indices.filter { _ in Bool.random(using: &rng) }))
        case .trueFalse: response = .truth(Bool.random(using: &rng))
        case .shortAnswer, .essay: response = .text(text(using: &rng))
        case .numerical: response = .number(text(using: &rng))
        case .matching(let pairs):
            var chosen = pairs.filter { $0.prompt != nil }.map { _ in Bool.random(using: &rng) ? nil : Int.random(in: pairs.indices, using: &rng) }
            chosen[Int.random(in: chosen.indices, using: &rng)] = Int.random(in: pairs.indices, using: &rng)
            response = .matches(chosen)
        case .ordering(let items): response = .order(Array(items.indices).shuffled(using: &rng))
        case .description: response = .order([])
        }
        return (item, response, Int.random(in: 0...60, using: &rng))
    }
}
