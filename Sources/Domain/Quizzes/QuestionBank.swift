/// What a course's question bank accepts.
public enum QuestionBank {
    /// A GIFT text or file imported at once, in UTF-8 bytes.
    public static let maximumImportBytes = 2_000_000
    /// Questions in one bank: enough for any course, small enough to list on one page.
    public static let maximumQuestions = 2_000

    /// Why an import or an edit is refused, in words an author can act on.
    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case empty
        case tooLarge
        case tooManyQuestions(room: Int)
        case notOneQuestion(found: Int)

        public var description: String {
            switch self {
            case .empty: "the text holds no question. Paste GIFT text or choose a .gift file."
            case .tooLarge: "the text is larger than 2 MB; split it into several imports."
            case .tooManyQuestions(let room):
                "a bank holds at most \(QuestionBank.maximumQuestions) questions; there is room for \(room) more."
            case .notOneQuestion(let found):
                "the text must hold exactly one question (it holds \(found)). Import new questions from the bank page."
            }
        }
    }

    /// Checks questions about to join a bank that holds `existing` questions.
    public static func checkImport(_ questions: [Question], existing: Int) throws(Problem) {
        guard !questions.isEmpty else { throw .empty }
        guard existing + questions.count <= maximumQuestions else { throw .tooManyQuestions(room: max(0, maximumQuestions - existing)) }
    }

    /// The question an edit replaces another with.
    public static func checkEdit(_ questions: [Question]) throws(Problem) -> Question {
        guard questions.count == 1, let question = questions.first else { throw .notOneQuestion(found: questions.count) }
        return question
    }

    /// Every topic of the bank with its number of questions, by name.
    public static func topics(of questions: [Question]) -> [(name: String, questions: Int)] {
        var counts: [String: Int] = [:]
        for question in questions { for tag in Set(question.tags) { counts[tag, default: 0] += 1 } }
        return counts.sorted { ($0.key.lowercased(), $0.key) < ($1.key.lowercased(), $1.key) }.map { ($0.key, $0.value) }
    }
}
