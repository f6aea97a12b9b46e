import Foundation
import Testing
@testable import Domain

@Suite struct AttemptRulesTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func deadlineIsTheStartPlusTheLimit() {
        #expect(AttemptRules.deadline(startedAt: Self.start, settings: QuizSettings()) == nil)
        #expect(AttemptRules.deadline(startedAt: Self.start, settings: QuizSettings(timeLimitMinutes: 30))
            == Self.start.addingTimeInterval(1800))
        #expect(AttemptRules.deadline(startedAt: Self.start, settings: QuizSettings(timeLimitMinutes: 0)) == nil)
    }

    /// (seconds after the deadline, submitted, expected error)
    static let answers: [(TimeInterval, Bool, AttemptError?)] = [
        (-600, false, nil),
        (0, false, nil),
        (29.999, false, nil),
        (30, false, nil),
        (30.001, false, .timeUp),
        (3600, false, .timeUp),
        (-600, true, .alreadySubmitted),
        (3600, true, .alreadySubmitted),
    ]

    @Test(arguments: answers)
    func answersAreTakenUntilTheGraceEnds(after seconds: TimeInterval, submitted: Bool, expected: AttemptError?) {
        let deadline = Self.start.addingTimeInterval(1800)
        let error = AttemptSamples.error { () throws(AttemptError) in
            try AttemptRules.checkAnswer(now: deadline.addingTimeInterval(seconds), deadline: deadline, submitted: submitted)
        }
        #expect(error == expected)
    }

    @Test func withoutALimitAnswersAreNeverLate() {
        let later = Self.start.addingTimeInterval(86_400 * 365)
        #expect(AttemptSamples.error { () throws(AttemptError) in
            try AttemptRules.checkAnswer(now: later, deadline: nil, submitted: false)
        } == nil)
        #expect(AttemptRules.grace == 30)
    }

    /// (attempts used, maximum, may start)
    static let starts: [(Int, Int?, Bool)] = [(0, nil, true), (1_000, nil, true), (0, 1, true), (1, 1, false),
                                              (2, 3, true), (3, 3, false), (4, 3, false)]

    @Test(arguments: starts)
    func attemptsStartUntilTheMaximum(used: Int, maximum: Int?, allowed: Bool) {
        let error = AttemptSamples.error { () throws(AttemptError) in
            try AttemptRules.checkStart(attemptsUsed: used, settings: QuizSettings(maxAttempts: maximum))
        }
        #expect(error == (allowed ? nil : .noAttemptsLeft))
    }

    /// (policy, attempts used, maximum, shows)
    static let showing: [(QuizSettings.AnswerPolicy, Int, Int?, Bool)] = [
        (.immediately, 1, nil, true), (.immediately, 1, 3, true),
        (.never, 3, 3, false), (.never, 1, nil, false),
        (.afterLastAttempt, 2, 3, false), (.afterLastAttempt, 3, 3, true), (.afterLastAttempt, 4, 3, true),
        (.afterLastAttempt, 1_000, nil, false),
    ]

    @Test(arguments: showing)
    func rightAnswersFollowThePolicy(policy: QuizSettings.AnswerPolicy, used: Int, maximum: Int?, shows: Bool) {
        #expect(AttemptRules.showsRightAnswers(policy, attemptsUsed: used, maxAttempts: maximum) == shows)
    }
}
