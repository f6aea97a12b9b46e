import Foundation
@testable import Domain

/// The JSON the reference parser (GIFT-grammar-PEG.js) wrote for each corpus file, read just
/// enough to turn it into the `Question`s Atelier must import. The field names are that
/// parser's own; `expectedQuestions` maps them to the model.
enum GIFTCorpusJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([GIFTCorpusJSON])
    case object([String: GIFTCorpusJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([GIFTCorpusJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: GIFTCorpusJSON].self)) }
    }

    subscript(key: String) -> GIFTCorpusJSON {
        if case .object(let fields) = self { fields[key] ?? .null } else { .null }
    }
    var string: String? { if case .string(let value) = self { value } else { nil } }
    var number: Double? { if case .number(let value) = self { value } else { nil } }
    var isTrue: Bool { self == .bool(true) }
    var array: [GIFTCorpusJSON] { if case .array(let items) = self { items } else { [] } }
    var quizText: QuizText? {
        guard let text = self["text"].string, let format = self["format"].string.flatMap(QuizTextFormat.init) else { return nil }
        return QuizText(text, format: format)
    }

    /// The questions of a file, in order: a `Category` item is no question here but the
    /// `category` of the questions after it.
    static func expectedQuestions(_ items: [GIFTCorpusJSON]) -> (questions: [Question], lastCategory: String?) {
        var questions: [Question] = []
        var category: String?
        for item in items {
            if item["type"].string == "Category" {
                category = item["title"].string
                continue
            }
            questions.append(Question(
                title: item["title"].string,
                stem: item["stem"].quizText!,
                hasEmbeddedAnswers: item["hasEmbeddedAnswers"].isTrue,
                answers: answers(item),
                generalFeedback: item["globalFeedback"].quizText,
                tags: item["tags"].array.compactMap(\.string),
                reference: item["id"].string,
                category: category))
        }
        return (questions, category)
    }

    private static func answers(_ item: GIFTCorpusJSON) -> QuestionAnswers {
        switch item["type"].string {
        case "TF":
            // The reference names its two feedbacks by position (`trueFeedback` is the first
            // `#`, `falseFeedback` the second). Moodle, and our contract, read the first as
            // the feedback for a wrong answer and the second for a right one.
            let first = item["trueFeedback"].quizText, second = item["falseFeedback"].quizText
            let isTrue = item["isTrue"].isTrue
            return .trueFalse(TrueFalseAnswer(isTrue: isTrue, trueFeedback: isTrue ? second : first,
                                              falseFeedback: isTrue ? first : second))
        case "MC":
            let choices = item["choices"].array.map { choice in
                Choice(choice["text"].quizText!, weight: weight(choice), feedback: choice["feedback"].quizText)
            }
            // No `=` at all: the weighted `~%n%` options of a multiple response.
            return item["choices"].array.contains(where: { $0["isCorrect"].isTrue }) ? .singleChoice(choices) : .multipleResponse(choices)
        case "Short":
            // Accepted answers are plain strings in the model: the reference's formats are dropped.
            return .shortAnswer(ShortAnswer(accepted: item["choices"].array.map { choice in
                AcceptedText(choice["text"]["text"].string!, weight: weight(choice), feedback: choice["feedback"].quizText)
            }))
        case "Numerical":
            if case .object = item["choices"] {
                return .numerical([NumericAnswer(accepts(item["choices"]))])
            }
            return .numerical(item["choices"].array.map { choice in
                NumericAnswer(accepts(choice["text"]), weight: weight(choice), feedback: choice["feedback"].quizText)
            })
        case "Matching":
            // A distractor's empty subquestion is a pair without a prompt.
            return .matching(item["matchPairs"].array.map { pair in
                let prompt = pair["subquestion"].quizText
                return MatchPair(prompt: prompt?.text.isEmpty == false ? prompt : nil, answer: pair["subanswer"].string!)
            })
        case "Essay":
            return .essay
        default:
            return .description
        }
    }

    /// The reference leaves the weight null when none was written: `=` is then 100, `~` 0.
    private static func weight(_ choice: GIFTCorpusJSON) -> Double {
        choice["weight"].number ?? (choice["isCorrect"].isTrue ? 100 : 0)
    }

    private static func accepts(_ number: GIFTCorpusJSON) -> NumericAnswer.Accepts {
        switch number["type"].string {
        case "simple": .value(number["number"].number!, tolerance: 0)
        case "range": .value(number["number"].number!, tolerance: number["range"].number!)
        case "high-low": .range(number["numberLow"].number!, number["numberHigh"].number!)
        // Moodle's `*` answer (a `~` with no number): any number, the whole line.
        default: .range(-.infinity, .infinity)
        }
    }
}
