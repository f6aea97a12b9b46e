import Foundation

/// When an attempt may start, take answers and show the right answers. The server decides all
/// of it from stored values and the request's time, so a learner's clock or page cannot.
public enum AttemptRules {
    /// Answers sent this long after the time limit are still taken (the network, a slow phone):
    /// a learner who pressed "submit" as the timer ran out keeps their answers.
    public static let grace: TimeInterval = 30

    /// The end of an attempt started at `startedAt`; nil without a time limit. A limit that is
    /// not positive (never accepted by `QuizInput`) counts as none rather than locking learners out.
    public static func deadline(startedAt: Date, settings: QuizSettings) -> Date? {
        guard let minutes = settings.timeLimitMinutes, minutes > 0 else { return nil }
        return startedAt.addingTimeInterval(TimeInterval(minutes) * 60)
    }

    /// A new attempt may start: throws `.noAttemptsLeft` when `attemptsUsed` (every attempt
    /// started, submitted or not, so abandoning one cannot buy another) reached `maxAttempts`.
    public static func checkStart(attemptsUsed: Int, settings: QuizSettings) throws(AttemptError) {
        if let limit = settings.maxAttempts, attemptsUsed >= limit { throw .noAttemptsLeft }
    }

    /// An answer or a submission of an attempt at `now`: `.alreadySubmitted` once submitted (a
    /// submitted attempt is graded and must not change), `.timeUp` after `deadline + grace`
    /// (the boundary itself is still taken).
    public static func checkAnswer(now: Date, deadline: Date?, submitted: Bool) throws(AttemptError) {
        if submitted { throw .alreadySubmitted }
        if isTimeUp(now: now, deadline: deadline) { throw .timeUp }
    }

    /// Whether an attempt's time is over, with the grace: it is then submitted as it stands.
    public static func isTimeUp(now: Date, deadline: Date?) -> Bool {
        guard let deadline else { return false }
        return now > deadline.addingTimeInterval(grace)
    }

    /// Whether an attempt's result page shows the right answers: `immediately` → true, `never`
    /// → false; `afterLastAttempt` → true once `attemptsUsed >= maxAttempts`, so the key cannot
    /// be copied into a later attempt, and never with unlimited attempts (one is always left).
    public static func showsRightAnswers(_ policy: QuizSettings.AnswerPolicy, attemptsUsed: Int, maxAttempts: Int?) -> Bool {
        switch policy {
        case .immediately: true
        case .never: false
        case .afterLastAttempt: maxAttempts.map { attemptsUsed >= $0 } ?? false
        }
    }
}
