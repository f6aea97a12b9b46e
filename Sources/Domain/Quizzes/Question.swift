/// How a text of a question is written. GIFT's default is Moodle's auto-format; Atelier renders
/// it, like Markdown, through the safe renderer. HTML is sanitised, never passed through.
public enum QuizTextFormat: String, Sendable, Codable, CaseIterable {
    case moodle
    case markdown
    case html
    case plain
}

/// A stem, an option or a feedback, with the format it was written in.
public struct QuizText: Hashable, Sendable, Codable {
    public var text: String
    public var format: QuizTextFormat

    public init(_ text: String, format: QuizTextFormat = .moodle) {
        self.text = text
        self.format = format
    }
}

/// One question of a course's bank: what is asked, how it is answered, the feedback, and the
/// topics it tests (the topics lead learners to the lessons that teach them).
public struct Question: Hashable, Sendable, Codable {
    /// GIFT's `::title::`; nil when the question has none.
    public var title: String?
    /// What is asked. When the answers sit inside the sentence ("Grant is {…} in Grant's tomb"),
    /// the blank is written `_____` and `hasEmbeddedAnswers` is true.
    public var stem: QuizText
    public var hasEmbeddedAnswers: Bool
    public var answers: QuestionAnswers
    /// Shown after answering, whatever the answer (GIFT `####`).
    public var generalFeedback: QuizText?
    /// Topics, in the order written (GIFT comment `// [tag:name]`).
    public var tags: [String]
    /// An identifier the author gave (GIFT comment `// [id:…]`).
    public var reference: String?
    /// The `$CATEGORY:` in force where the question was written, if any.
    public var category: String?

    public init(title: String? = nil, stem: QuizText, hasEmbeddedAnswers: Bool = false, answers: QuestionAnswers,
                generalFeedback: QuizText? = nil, tags: [String] = [], reference: String? = nil, category: String? = nil) {
        self.title = title
        self.stem = stem
        self.hasEmbeddedAnswers = hasEmbeddedAnswers
        self.answers = answers
        self.generalFeedback = generalFeedback
        self.tags = tags
        self.reference = reference
        self.category = category
    }

    public var kind: QuestionKind { answers.kind }
}

/// The kinds of question a bank holds.
public enum QuestionKind: String, Sendable, Codable, CaseIterable {
    case singleChoice
    case multipleResponse
    case trueFalse
    case shortAnswer
    case numerical
    case matching
    case ordering
    case essay
    /// Text only, no answer (GIFT's "description"): an introduction between questions.
    case description
}

/// How a question is answered, and what counts as right. Options are identified by their index
/// in these arrays, which never change once a learner has answered (attempts keep a copy).
public enum QuestionAnswers: Hashable, Sendable, Codable {
    /// One option to pick; the one weighted 100 is right, others may give partial credit.
    case singleChoice([Choice])
    /// Any number of options to pick: weights add up (negative ones are penalties), clamped to
    /// 0…100 %.
    case multipleResponse([Choice])
    case trueFalse(TrueFalseAnswer)
    case shortAnswer(ShortAnswer)
    /// Accepted numbers, the best match counts (several with weights).
    case numerical([NumericAnswer])
    /// Each prompt matched to one of the answers; answers without a prompt are distractors.
    case matching([MatchPair])
    /// The items in their right order (shown shuffled).
    case ordering([QuizText])
    /// Written freely, graded later by a trainer (or used as a peer-review prompt).
    case essay
    case description

    public var kind: QuestionKind {
        switch self {
        case .singleChoice: .singleChoice
        case .multipleResponse: .multipleResponse
        case .trueFalse: .trueFalse
        case .shortAnswer: .shortAnswer
        case .numerical: .numerical
        case .matching: .matching
        case .ordering: .ordering
        case .essay: .essay
        case .description: .description
        }
    }
}

/// An option of a choice question.
public struct Choice: Hashable, Sendable, Codable {
    public var text: QuizText
    /// Percent of the question's marks this option gives, -100…100 (GIFT `=` is 100, `~` is 0,
    /// `~%-50%` is -50).
    public var weight: Double
    /// Shown to who picked it (GIFT `#` after the option).
    public var feedback: QuizText?

    public init(_ text: QuizText, weight: Double, feedback: QuizText? = nil) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
    }
}

/// The answer to a true/false statement.
public struct TrueFalseAnswer: Hashable, Sendable, Codable {
    public var isTrue: Bool
    /// Shown to who answered "true" / "false" (GIFT `{T#…#…}`: the first is for a wrong answer,
    /// the second for a right one; mapped here to what was answered).
    public var trueFeedback: QuizText?
    public var falseFeedback: QuizText?

    public init(isTrue: Bool, trueFeedback: QuizText? = nil, falseFeedback: QuizText? = nil) {
        self.isTrue = isTrue
        self.trueFeedback = trueFeedback
        self.falseFeedback = falseFeedback
    }
}

/// Accepted written answers. Case is ignored unless `caseSensitive`; spaces are trimmed and runs
/// of spaces count as one; `*` in an accepted answer matches any run of characters.
public struct ShortAnswer: Hashable, Sendable, Codable {
    public var accepted: [AcceptedText]
    public var caseSensitive: Bool

    public init(accepted: [AcceptedText], caseSensitive: Bool = false) {
        self.accepted = accepted
        self.caseSensitive = caseSensitive
    }
}

public struct AcceptedText: Hashable, Sendable, Codable {
    public var text: String
    /// Percent of the marks, 0…100 (GIFT `=%50%answer`).
    public var weight: Double
    public var feedback: QuizText?

    public init(_ text: String, weight: Double = 100, feedback: QuizText? = nil) {
        self.text = text
        self.weight = weight
        self.feedback = feedback
    }
}

/// An accepted number: a value with a tolerance (GIFT `3.14:0.01`) or a range (`3.1..3.2`).
public struct NumericAnswer: Hashable, Sendable, Codable {
    public enum Accepts: Hashable, Sendable, Codable {
        case value(Double, tolerance: Double)
        case range(Double, Double)
    }

    public var accepts: Accepts
    public var weight: Double
    public var feedback: QuizText?

    public init(_ accepts: Accepts, weight: Double = 100, feedback: QuizText? = nil) {
        self.accepts = accepts
        self.weight = weight
        self.feedback = feedback
    }
}

/// A prompt and the answer it matches (GIFT `=prompt -> answer`).
public struct MatchPair: Hashable, Sendable, Codable {
    /// Nil for a distractor: an answer that matches no prompt.
    public var prompt: QuizText?
    public var answer: String

    public init(prompt: QuizText?, answer: String) {
        self.prompt = prompt
        self.answer = answer
    }
}
