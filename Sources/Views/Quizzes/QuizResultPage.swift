import Domain
import Foundation
import Routes

public struct QuizResultModel: Sendable {
    public struct Item: Sendable {
        public let position: Int
        public let item: AttemptItem
        public let response: QuestionResponse?
        public let mark: QuestionMark
        /// A trainer's comment on a written answer.
        public let comment: String?
        public init(position: Int, item: AttemptItem, response: QuestionResponse?, mark: QuestionMark, comment: String? = nil) {
            self.position = position; self.item = item; self.response = response; self.mark = mark; self.comment = comment
        }
    }

    /// Staff grading written answers: where the form posts, and a refused grade to show again.
    public struct Grading: Sendable {
        public let attemptID: String
        public var problem: (position: Int, state: Form.State)?
        public init(attemptID: String, problem: (position: Int, state: Form.State)? = nil) {
            self.attemptID = attemptID; self.problem = problem
        }
    }

    /// A topic the learner is weak on, and where to go from there.
    public struct WeakTopic: Sendable {
        public let topic: String
        public let mastery: Double
        public let lessons: [(id: Activity.ID, title: String)]
        /// A new question in the module's forum space, prefilled (without the answers).
        public let askForum: String?
        public init(topic: String, mastery: Double, lessons: [(id: Activity.ID, title: String)], askForum: String?) {
            self.topic = topic; self.mastery = mastery; self.lessons = lessons; self.askForum = askForum
        }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var activityID: Activity.ID
    public var quizTitle: String
    public var learnerName: String?
    public var number: Int
    public var score: QuizScore
    public var passPercent: Int
    public var items: [Item]
    public var showsRightAnswers: Bool
    public var mastery: [(topic: String, value: Double)]
    public var weak: [WeakTopic]
    /// Set for the cohort's staff: written answers get a grading form.
    public var grading: Grading?
    /// For the learner: the cohort's trainers, to ask privately, and the message prefilled.
    public var trainers: [(id: Person.ID, name: String)] = []
    public var askTrainerDraft = ""

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, activityID: Activity.ID, quizTitle: String, learnerName: String?,
                number: Int, score: QuizScore, passPercent: Int, items: [Item], showsRightAnswers: Bool,
                mastery: [(topic: String, value: Double)], weak: [WeakTopic]) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.activityID = activityID; self.quizTitle = quizTitle
        self.learnerName = learnerName; self.number = number; self.score = score; self.passPercent = passPercent; self.items = items
        self.showsRightAnswers = showsRightAnswers; self.mastery = mastery; self.weak = weak
    }
}

/// The point of a quiz: the score, what to study next (weak topics, their lessons, a question
/// to the forum or the trainer in one click), then each question with the answer given and its
/// feedback (and, per the quiz's policy, the right answer).
public enum QuizResultPage {
    /// `answers` is what `answers(_:)` rendered for this same model, when the caller kept it.
    public static func render(_ model: QuizResultModel, _ context: LayoutContext, answers: TrustedHTML? = nil) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID
        let passed = model.score.passed(atPercent: Double(model.passPercent))
        return Layout.page(title: "\(model.quizTitle) · result", context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohortActivity(org, cohort, model.activityID).path)) { model.quizTitle } }
            h1 { model.learnerName.map { "Attempt \(model.number) by \($0)" } ?? "Your result" }
            div(.class("card score-card")) {
                p(.class("score")) {
                    strong { QuizStartPage.percent(model.score.percent) }
                    " · \(points(model.score.earned)) of \(points(model.score.possible)) points"
                }
                switch passed {
                case true?: p(.class("answered")) { "Passed (pass mark \(model.passPercent) %)." }
                case false?: p { "Not passed yet: the pass mark is \(model.passPercent) %." }
                case nil: p { "\(model.score.pending) answer\(model.score.pending == 1 ? "" : "s") wait for your trainer; the score may still rise." }
                }
            }
            // The learner's own result: stuck on a question, they can say which.
            if model.learnerName == nil { HelpPages.askForm(org, cohort, activity: model.activityID, csrf: context.csrfToken) }
            if !model.weak.isEmpty {
                section(.class("card next-steps"), .aria("labelledby", "study-next")) {
                    h2(.id("study-next")) { "What to study next" }
                    ul(.class("plain-list")) {
                        for weak in model.weak {
                            li(.class("weak-topic")) {
                                span(.class("tag")) { weak.topic }
                                " · \(QuizStartPage.percent(weak.mastery * 100)) mastered"
                                if !weak.lessons.isEmpty {
                                    " · revisit "
                                    for (index, lesson) in weak.lessons.enumerated() {
                                        if index > 0 { ", " }
                                        a(.href(SiteRoute.cohortActivity(org, cohort, lesson.id).path)) { lesson.title }
                                    }
                                }
                                if let ask = weak.askForum {
                                    " · "
                                    a(.href(ask)) { "Ask about this in the forum" }
                                }
                            }
                        }
                    }
                    if model.trainers.isEmpty {
                        p { a(.href(SiteRoute.messages(org).path)) { "Ask my trainer privately" } }
                    }
                    for trainer in model.trainers {
                        form(.method("post"), .action(SiteRoute.directMessage(org).path), .class("inline-form ask-trainer")) {
                            Form.csrf(context.csrfToken)
                            input(.type("hidden"), .name("person_id"), .value(trainer.id.description))
                            input(.type("hidden"), .name("draft"), .value(model.askTrainerDraft))
                            button(.type("submit"), .class("button-small button-secondary")) { "Ask \(trainer.name) privately" }
                        }
                    }
                }
            }
            h2 { "Your answers" }
            if let answers { answers } else { answerList(model, csrf: context.csrfToken) }
            if !model.mastery.isEmpty { masteryList(model.mastery) }
        }
    }

    /// The questions with the answers given, marks and feedback: the same for every view of a
    /// learner's attempt at one revision (staff's carry grading forms, and so a token).
    public static func answers(_ model: QuizResultModel) -> TrustedHTML {
        TrustedHTML(sanitized: answerList(model, csrf: "").render())
    }

    static func answerList(_ model: QuizResultModel, csrf: String) -> HTML {
        ol(.class("quiz-questions")) {
            for entry in model.items where entry.item.question.kind != .description {
                li(.class("quiz-question card " + state(entry.mark)), .id("answer-\(entry.position + 1)")) {
                    QuizResultItem.render(entry, showsRight: model.showsRightAnswers, model: model, csrf: csrf)
                }
            }
        }
    }

    static func state(_ mark: QuestionMark) -> String {
        guard let fraction = mark.fraction else { return "answer-pending" }
        return fraction >= 1 ? "answer-correct" : fraction > 0 ? "answer-partial" : "answer-wrong"
    }

    static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 100).rounded() / 100)
    }

    /// Mastery per topic, weakest first, as bars with their percent.
    static func masteryList(_ mastery: [(topic: String, value: Double)]) -> HTML {
        section(.class("card"), .aria("labelledby", "mastery")) {
            h2(.id("mastery")) { "Mastery per topic" }
            p(.class("hint")) { "Over every attempt you submitted." }
            ul(.class("plain-list mastery-list")) {
                for entry in mastery {
                    li {
                        span(.class("tag")) { entry.topic }
                        " "
                        progress(.max(100), .value(String(Int((entry.value * 100).rounded())))) {
                            QuizStartPage.percent(entry.value * 100)
                        }
                        " \(QuizStartPage.percent(entry.value * 100))"
                    }
                }
            }
        }
    }
}
