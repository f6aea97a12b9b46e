import Domain
import Routes

public struct QuizEditorModel: Sendable {
    public struct BankQuestion: Sendable {
        public let id: String
        public let kind: QuestionKind
        public let title: String
        public let tags: [String]
        public init(id: String, kind: QuestionKind, title: String, tags: [String]) {
            self.id = id; self.kind = kind; self.title = title; self.tags = tags
        }
    }

    public var organizationID: Organization.ID
    public var courseID: Course.ID
    public var courseName: String
    public var moduleTitle: String
    public var activity: Activity
    public var settings: QuizSettings
    public var bank: [BankQuestion]
    /// The bank's topics and how many questions (descriptions aside) carry each.
    public var topics: [(name: String, questions: Int)]
    /// A refused save: the values sent and what was wrong.
    public var state: Form.State

    public init(organizationID: Organization.ID, courseID: Course.ID, courseName: String, moduleTitle: String, activity: Activity,
                settings: QuizSettings, bank: [BankQuestion], topics: [(name: String, questions: Int)], state: Form.State = .empty) {
        self.organizationID = organizationID; self.courseID = courseID; self.courseName = courseName; self.moduleTitle = moduleTitle
        self.activity = activity; self.settings = settings; self.bank = bank; self.topics = topics; self.state = state
    }
}

/// A quiz's settings: its frame, which questions (chosen, or drawn at random per topic), and
/// how it runs (attempts, time limit, pass mark, when right answers show).
public enum QuizEditorPage {
    public static func render(_ model: QuizEditorModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        let activity = model.activity
        let state = model.state
        let settings = model.settings
        let saved: Set<String> = if case .fixed(let ids) = settings.selection { Set(ids) } else { [] }
        // Shown again after a refused save: what was ticked then.
        let fixed = state.values["questions"].map { Set($0.split(separator: "\n").map(String.init)) } ?? saved
        let draws: [String: Int] = if case .random(let list) = settings.selection {
            Dictionary(list.map { ($0.topic, $0.count) }, uniquingKeysWith: { a, _ in a })
        } else { [:] }
        let mode = state.values["mode"] ?? (draws.isEmpty ? "fixed" : "random")
        return Layout.page(title: "Edit \(activity.title)", context) {
            ActivityHeader.editor(organizationID: org, courseID: model.courseID, courseName: model.courseName, activity: activity,
                                  moduleTitle: model.moduleTitle)
            Form.errorSummary(state)
            form(.method("post"), .action(SiteRoute.activityEdit(org, model.courseID, activity.id).path), .class("quiz-editor")) {
                Form.csrf(context.csrfToken)
                ActivityFrameFields.render(activity, state: state)
                fieldset(.class("card")) {
                    legend { "Questions" }
                    if model.bank.isEmpty {
                        p(.class("empty")) {
                            "The course's question bank is empty. "
                            a(.href(SiteRoute.questionBank(org, model.courseID).path)) { "Import questions" }
                            " first."
                        }
                    }
                    label(.class("check")) {
                        input(.type("radio"), .name("mode"), .value("fixed"), .checked(mode == "fixed"))
                        "These questions, in this order:"
                    }
                    ul(.class("plain-list pick-list")) {
                        for question in model.bank {
                            li {
                                label(.class("check")) {
                                    input(.type("checkbox"), .name("questions[]"), .value(question.id),
                                          .checked(fixed.contains(question.id)))
                                    span(.class("badge")) { question.kind.label }
                                    " \(question.title)"
                                    for tag in question.tags { " "; span(.class("tag")) { tag } }
                                }
                            }
                        }
                    }
                    if let error = state.error("questions") { p(.class("field-error")) { error } }
                    label(.class("check")) {
                        input(.type("radio"), .name("mode"), .value("random"), .checked(mode == "random"))
                        "Questions drawn at random, per topic, at each attempt:"
                    }
                    div(.class("draw-list")) {
                        for (index, topic) in model.topics.enumerated() {
                            div(.class("field draw-field")) {
                                input(.type("hidden"), .name("draw_topics[]"), .value(topic.name))
                                label(.for("draw-\(index)")) { span(.class("tag")) { topic.name }; " (of \(topic.questions))" }
                                input(.type("number"), .name("draw_counts[]"), .id("draw-\(index)"), .min(0), .max(topic.questions),
                                      .value(state.values["draw:" + topic.name] ?? draws[topic.name].map(String.init) ?? "0"))
                            }
                        }
                    }
                    if let error = state.error("draws") { p(.class("field-error")) { error } }
                }
                fieldset(.class("card")) {
                    legend { "How it runs" }
                    label(.class("check")) {
                        input(.type("checkbox"), .name("shuffle_questions"), .value("on"), .checked(settings.shuffleQuestions))
                        "Shuffle the questions"
                    }
                    label(.class("check")) {
                        input(.type("checkbox"), .name("shuffle_options"), .value("on"), .checked(settings.shuffleOptions))
                        "Shuffle the options of each question"
                    }
                    div(.class("field-row")) {
                        Form.field("Attempts allowed", name: "max_attempts", type: "number", state: state,
                                   value: state.values["max_attempts"] ?? settings.maxAttempts.map(String.init) ?? "", required: false,
                                   hint: "Empty: unlimited, best for self-assessment.", extra: [.min(1), .max(QuizInput.maximumAttempts)])
                        Form.field("Time limit (minutes)", name: "time_limit", type: "number", state: state,
                                   value: state.values["time_limit"] ?? settings.timeLimitMinutes.map(String.init) ?? "", required: false,
                                   hint: "Empty: no limit.", extra: [.min(1), .max(QuizInput.maximumMinutes)])
                        Form.field("Pass mark (%)", name: "pass_percent", type: "number", state: state,
                                   value: state.values["pass_percent"] ?? String(settings.passPercent), extra: [.min(0), .max(100)])
                    }
                    Form.select("Show the right answers", name: "show_answers",
                                options: [("immediately", "Right after each attempt"), ("afterLastAttempt", "After the last attempt"),
                                          ("never", "Never")],
                                selected: state.values["show_answers"] ?? settings.showAnswers.rawValue, state: state)
                }
                Form.submit("Save quiz")
            }
        }
    }
}
