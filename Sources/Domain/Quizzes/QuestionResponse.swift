/// What a learner answered to one question. Options are named by their index in the question's
/// arrays (`QuestionAnswers`), whatever order they were shown in.
public enum QuestionResponse: Hashable, Sendable, Codable {
    /// Single choice: the option picked.
    case choice(Int)
    /// Multiple response: the options picked (none is an answer too).
    case choices(Set<Int>)
    case truth(Bool)
    /// Short answer or essay.
    case text(String)
    /// Numerical, as typed ("3.14", "3,14", " -2 "): grading reads it.
    case number(String)
    /// Matching: for each pair with a prompt, in order, the index of the pair whose answer was
    /// chosen (nil: left unmatched).
    case matches([Int?])
    /// Ordering: the item indices in the learner's order.
    case order([Int])
}

/// Why an answer or a question cannot be taken.
public enum QuizError: Error, Hashable, Sendable {
    /// The answer does not fit the question: another kind, an option that is not there, a
    /// matching or ordering of the wrong length.
    case responseDoesNotFit(QuestionKind)
}

/// How one answered question was marked.
public struct QuestionMark: Hashable, Sendable, Codable {
    /// Share of the marks earned, 0…1; nil while a trainer has to grade it (essay).
    public var fraction: Double?
    /// The feedback the answer earned (per option, or per accepted answer), general feedback
    /// not included.
    public var feedback: [QuizText]

    public init(fraction: Double?, feedback: [QuizText] = []) {
        self.fraction = fraction
        self.feedback = feedback
    }
}
