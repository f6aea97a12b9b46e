import Foundation
@testable import Domain

/// Questions, banks and items for the attempt tests.
enum AttemptSamples {
    static func question(_ answers: QuestionAnswers, tags: [String] = []) -> Question {
        Question(stem: QuizText("?"), answers: answers, tags: tags)
    }

    static func choices(_ count: Int) -> [Choice] {
        (0..<count).map { Choice(QuizText("option \($0)"), weight: $0 == 0 ? 100 : 0) }
    }

    static func pairs(prompts: Int, distractors: Int) -> [MatchPair] {
        (0..<prompts).map { MatchPair(prompt: QuizText("p\($0)"), answer: "a\($0)") }
            + (0..<distractors).map { MatchPair(prompt: nil, answer: "d\($0)") }
    }

    static func ordering(_ count: Int) -> QuestionAnswers { .ordering((0..<count).map { QuizText("item \($0)") }) }

    static let singleChoice = question(.singleChoice(choices(3)))
    static let multipleResponse = question(.multipleResponse(choices(4)))
    static let trueFalse = question(.trueFalse(TrueFalseAnswer(isTrue: true)))
    static let shortAnswer = question(.shortAnswer(ShortAnswer(accepted: [AcceptedText("Paris")])))
    static let numerical = question(.numerical([NumericAnswer(.value(3.14, tolerance: 0.01))]))
    /// A distractor sits between prompts, so prompt parts and pair indices differ.
    static let matching = question(.matching([MatchPair(prompt: QuizText("France"), answer: "Paris"),
                                              MatchPair(prompt: nil, answer: "Lyon"),
                                              MatchPair(prompt: QuizText("Italy"), answer: "Rome")]))
    static let orderingThree = question(ordering(3))
    static let essay = question(.essay)
    static let description = question(.description)

    static func item(_ question: Question, order: [Int]? = nil, id: String = "q") -> AttemptItem {
        let count: Int
        switch question.answers {
        case .singleChoice(let c), .multipleResponse(let c): count = c.count
        case .matching(let p): count = p.count
        case .ordering(let i): count = i.count
        default: count = 0
        }
        return AttemptItem(questionID: id, question: question, optionOrder: order ?? Array(0..<count),
                           points: question.kind.carriesMarks ? 1 : 0)
    }

    /// A posted form as the browser sends it: every value of every name, names in a stable order.
    static func fields(_ values: [String: [String]]) -> [(name: String, value: String)] {
        values.keys.sorted().flatMap { name in values[name]!.map { (name: name, value: $0) } }
    }

    /// A bank of `count` single-choice questions "q0"…, each tagged by `tags(index)`.
    static func bank(_ count: Int, tags: (Int) -> [String] = { _ in [] }) -> [(id: String, question: Question)] {
        (0..<count).map { (id: "q\($0)", question: question(.singleChoice(choices(4)), tags: tags($0))) }
    }

    static func fixed(_ ids: [String], shuffleQuestions: Bool = false, shuffleOptions: Bool = false) -> QuizSettings {
        QuizSettings(selection: .fixed(ids), shuffleQuestions: shuffleQuestions, shuffleOptions: shuffleOptions)
    }

    static func random(_ draws: [(String, Int)], shuffleQuestions: Bool = false) -> QuizSettings {
        QuizSettings(selection: .random(draws.map { QuizSettings.TopicDraw(topic: $0.0, count: $0.1) }),
                     shuffleQuestions: shuffleQuestions, shuffleOptions: false)
    }

    /// The error a throwing call threw, nil when it returned.
    static func error<E: Error, T>(_ body: () throws(E) -> T) -> E? {
        do { _ = try body(); return nil } catch { return error }
    }
}
