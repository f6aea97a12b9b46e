/// The marks and score of a submitted attempt, and what a learner's attempts say about each topic.
public enum AttemptResult {
    /// Marks every item of an attempt and totals the score. `responses` is keyed by position in
    /// `items`; a missing one is unanswered.
    ///
    /// A response that does not fit its question (saved before a fix, or forged) is marked as
    /// unanswered rather than thrown: submitting, and re-grading every attempt after an author
    /// fixes a key, must never fail on one bad answer.
    public static func grade(_ items: [AttemptItem], responses: [Int: QuestionResponse]) -> (marks: [QuestionMark], score: QuizScore) {
        let marks = items.enumerated().map { position, item in
            (try? QuestionGrading.mark(item.question, responses[position])) ?? QuestionMark(fraction: 0)
        }
        let score = QuizScore.total(zip(items, marks).map { ($0.points, $1) })
        return (marks, score)
    }

    /// Topic mastery over every item of every attempt (`TopicMastery.compute`): retaking a quiz
    /// adds evidence rather than replacing it. Items and marks pair by position; extra ones on
    /// either side are ignored.
    public static func mastery(_ attempts: [(items: [AttemptItem], marks: [QuestionMark])]) -> [String: Double] {
        TopicMastery.compute(attempts.flatMap { attempt in
            zip(attempt.items, attempt.marks).map { (tags: $0.question.tags, points: $0.points, mark: $1) }
        })
    }
}
