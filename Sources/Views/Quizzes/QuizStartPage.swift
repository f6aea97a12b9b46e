import Domain
import Foundation
import Routes

public struct QuizStartModel: Sendable {
    public struct AttemptRow: Sendable {
        public let id: String
        public let number: Int
        public let started: Date
        public let score: QuizScore?
        public let passed: Bool?
        public init(id: String, number: Int, started: Date, score: QuizScore?, passed: Bool?) {
            self.id = id; self.number = number; self.started = started; self.score = score; self.passed = passed
        }
    }

    /// A learner of the cohort, as the quiz's staff see them.
    public struct LearnerRow: Sendable {
        public let name: String
        public let attempts: Int
        public let bestPercent: Double?
        public let passed: Bool?
        public let latestAttemptID: String?
        /// Written answers waiting for a grade.
        public let pending: Int
        public init(name: String, attempts: Int, bestPercent: Double?, passed: Bool?, latestAttemptID: String?, pending: Int) {
            self.name = name; self.attempts = attempts; self.bestPercent = bestPercent; self.passed = passed
            self.latestAttemptID = latestAttemptID; self.pending = pending
        }
    }

    /// A question's item analysis over the cohort's submitted attempts.
    public struct ItemRow: Sendable {
        public let title: String
        public let kind: QuestionKind
        public let tags: [String]
        public let statistics: ItemAnalysis.Statistics
        /// Choice questions: each option's text, by index, for the picks.
        public let options: [String]
        public init(title: String, kind: QuestionKind, tags: [String], statistics: ItemAnalysis.Statistics, options: [String]) {
            self.title = title; self.kind = kind; self.tags = tags; self.statistics = statistics; self.options = options
        }
    }

    public struct CohortReport: Sendable {
        public let learners: [LearnerRow]
        public let items: [ItemRow]
        public init(learners: [LearnerRow], items: [ItemRow]) { self.learners = learners; self.items = items }
    }

    /// The page's frame, as a lesson's: course, module, neighbours, due day.
    public var frame: LessonPageModel
    public var settings: QuizSettings
    public var attempts: [AttemptRow]
    public var openAttemptID: String?
    /// Mastery per topic over every submitted attempt, 0…1, weakest first.
    public var mastery: [(topic: String, value: Double)]
    public var problem: String?
    /// For the cohort's staff.
    public var report: CohortReport?

    public init(frame: LessonPageModel, settings: QuizSettings, attempts: [AttemptRow], openAttemptID: String?,
                mastery: [(topic: String, value: Double)], problem: String? = nil) {
        self.frame = frame; self.settings = settings; self.attempts = attempts; self.openAttemptID = openAttemptID
        self.mastery = mastery; self.problem = problem
    }

    public var attemptsLeft: Int? { settings.maxAttempts.map { max(0, $0 - attempts.count) } }
}

/// A quiz before it starts: what it holds, past attempts and their scores, where the learner
/// stands per topic, and the button to start (or continue) an attempt.
public enum QuizStartPage {
    public static func render(_ model: QuizStartModel, _ context: LayoutContext) -> [UInt8] {
        let frame = model.frame
        let org = frame.organizationID, cohort = frame.cohortID
        return Layout.page(title: frame.activity.title, context) {
            ActivityHeader.learning(frame, facts: facts(model), problem: model.problem)
            if frame.isLearner {
                if let open = model.openAttemptID {
                    a(.href(SiteRoute.quizAttempt(org, cohort, open).path), .class("button")) { "Continue my attempt" }
                } else if model.attemptsLeft != 0 {
                    form(.method("post"), .action(SiteRoute.quizAttempts(org, cohort, frame.activity.id).path)) {
                        Form.csrf(context.csrfToken)
                        Form.submit(model.attempts.isEmpty ? "Start the quiz" : "Try again")
                    }
                } else {
                    p(.class("hint")) { "You have used every attempt of this quiz." }
                }
            } else if let report = model.report {
                QuizCohortReportView.render(report, organizationID: org, cohortID: cohort)
            }
            if !model.attempts.isEmpty {
                h2 { "Your attempts" }
                ul(.class("plain-list attempt-list")) {
                    for row in model.attempts {
                        li {
                            if let score = row.score {
                                a(.href(SiteRoute.quizAttemptResult(org, cohort, row.id).path)) { "Attempt \(row.number)" }
                                " · \(percent(score.percent))"
                                if let passed = row.passed { passed ? " · passed" : " · not passed yet" }
                                if score.pending > 0 { " · \(score.pending) answer\(score.pending == 1 ? "" : "s") to be graded" }
                            } else {
                                a(.href(SiteRoute.quizAttempt(org, cohort, row.id).path)) { "Attempt \(row.number)" }
                                " · in progress"
                            }
                            span(.class("meta")) { " · \(DateText.day(row.started))" }
                        }
                    }
                }
            }
            if !model.mastery.isEmpty { QuizResultPage.masteryList(model.mastery) }
        }
    }

    static func facts(_ model: QuizStartModel) -> String {
        let settings = model.settings
        var facts = ["Quiz", DurationText.minutes(model.frame.activity.estimatedMinutes)]
        if let minutes = settings.timeLimitMinutes { facts.append("time limit \(minutes) min") }
        facts.append("pass mark \(settings.passPercent) %")
        if let left = model.attemptsLeft { facts.append("\(left) attempt\(left == 1 ? "" : "s") left") } else { facts.append("unlimited attempts") }
        if model.frame.activity.required { facts.append("required") }
        if let due = model.frame.due { facts.append("due \(DateText.day(due))") }
        return facts.joined(separator: " · ")
    }

    static func percent(_ value: Double) -> String { "\(Int(value.rounded())) %" }
}
