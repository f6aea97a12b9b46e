import Foundation

/// How a quiz activity is run: which questions, in what order, how often, how long, and when a
/// learner sees the right answers. Self-assessment by default: unlimited attempts, no time
/// limit, right answers shown at once.
public struct QuizSettings: Hashable, Sendable, Codable {
    /// Which questions of the course's bank an attempt holds.
    public enum Selection: Hashable, Sendable, Codable {
        /// These questions (bank ids, as text), in this order.
        case fixed([String])
        /// For each topic, this many questions drawn at random among those tagged with it (a
        /// question drawn for one topic is not drawn again for another).
        case random([TopicDraw])
    }

    public struct TopicDraw: Hashable, Sendable, Codable {
        public var topic: String
        public var count: Int
        public init(topic: String, count: Int) { self.topic = topic; self.count = count }
    }

    /// When a learner sees the right answers of an attempt they submitted.
    public enum AnswerPolicy: String, Sendable, Codable, CaseIterable {
        case immediately
        /// Once no attempt is left (with unlimited attempts: never, as there is always one).
        case afterLastAttempt
        case never
    }

    public var selection: Selection
    public var shuffleQuestions: Bool
    public var shuffleOptions: Bool
    /// Nil: as many as the learner wants.
    public var maxAttempts: Int?
    /// Nil: no limit. Enforced on the server.
    public var timeLimitMinutes: Int?
    /// The score, in percent, that passes (and marks the activity done).
    public var passPercent: Int
    public var showAnswers: AnswerPolicy

    public init(selection: Selection = .fixed([]), shuffleQuestions: Bool = false, shuffleOptions: Bool = true,
                maxAttempts: Int? = nil, timeLimitMinutes: Int? = nil, passPercent: Int = 60,
                showAnswers: AnswerPolicy = .immediately) {
        self.selection = selection
        self.shuffleQuestions = shuffleQuestions
        self.shuffleOptions = shuffleOptions
        self.maxAttempts = maxAttempts
        self.timeLimitMinutes = timeLimitMinutes
        self.passPercent = passPercent
        self.showAnswers = showAnswers
    }
}

/// One question of an attempt: a copy of the question as it was when the attempt started (a
/// later edit of the bank does not change an attempt), and the order its options are shown in.
public struct AttemptItem: Hashable, Sendable, Codable {
    /// The bank question it was copied from.
    public var questionID: String
    public var question: Question
    /// Indices into the question's options (choices, matching answers, ordering items) in the
    /// order shown; `0..<n` when they are not shuffled, empty for kinds without options.
    public var optionOrder: [Int]
    /// What the question is worth: 1, and 0 for a description.
    public var points: Double

    public init(questionID: String, question: Question, optionOrder: [Int], points: Double) {
        self.questionID = questionID
        self.question = question
        self.optionOrder = optionOrder
        self.points = points
    }
}

/// Why a quiz cannot start, or an answer or a submission is refused.
public enum AttemptError: Error, Hashable, Sendable {
    /// The quiz has no question to ask (an empty selection, or questions deleted since).
    case noQuestions
    /// A random draw asks more questions of a topic than the bank has.
    case notEnoughQuestions(topic: String, available: Int)
    case noAttemptsLeft
    /// The time limit has passed: the attempt is submitted as it stands.
    case timeUp
    case alreadySubmitted
}

extension QuizScore {
    /// A score as it was stored when the attempt was graded (clamped as `total` clamps).
    public init(stored earned: Double, possible: Double, pending: Int) {
        let possible = possible.isFinite ? max(possible, 0) : 0
        self.init(earned: earned.isFinite ? min(max(earned, 0), possible) : 0, possible: possible, pending: max(pending, 0))
    }
}
