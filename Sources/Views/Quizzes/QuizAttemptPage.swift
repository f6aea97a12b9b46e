import Domain
import Foundation
import Routes

public struct QuizAttemptModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var attemptID: String
    public var quizTitle: String
    public var number: Int
    public var items: [AttemptItem]
    /// Saved answers, as the form's values (field name → values).
    public var values: [String: [String]]
    /// Seconds left when the page was made; nil without a time limit.
    public var secondsLeft: Int?
    public var problem: String?

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, attemptID: String, quizTitle: String, number: Int,
                items: [AttemptItem], values: [String: [String]], secondsLeft: Int?, problem: String? = nil) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.attemptID = attemptID; self.quizTitle = quizTitle
        self.number = number; self.items = items; self.values = values; self.secondsLeft = secondsLeft; self.problem = problem
    }
}

/// An attempt in progress: every question on one page, plain form controls (it works without
/// scripts: "Submit" sends everything), each answer saved as soon as it changes when scripts run.
public enum QuizAttemptPage {
    public static func render(_ model: QuizAttemptModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID
        return Layout.page(title: "\(model.quizTitle) · attempt \(model.number)", context, scripts: ["/js/quiz.js"]) {
            h1 { model.quizTitle }
            div(.class("toolbar")) {
                span(.class("meta")) { "Attempt \(model.number) · \(model.items.count) question\(model.items.count == 1 ? "" : "s")" }
                if let seconds = model.secondsLeft {
                    span(.class("quiz-timer"), .data("seconds-left", String(seconds)), .role("timer")) {
                        "Time left: \(seconds / 60) min"
                    }
                }
                span(.class("quiz-save-state meta"), .ariaLive("polite")) { "" }
            }
            if let problem = model.problem { div(.class("flash flash-error"), .role("alert")) { p { problem } } }
            form(.method("post"), .action(SiteRoute.quizAttemptSubmit(org, cohort, model.attemptID).path), .class("quiz-form"),
                 .data("autosave-url", SiteRoute.quizAttemptAnswers(org, cohort, model.attemptID).path)) {
                Form.csrf(context.csrfToken)
                ol(.class("quiz-questions")) {
                    for (position, item) in model.items.enumerated() {
                        li(.class("quiz-question card"), .id("question-\(position + 1)")) {
                            QuizQuestionFields.render(item, position: position, values: model.values)
                        }
                    }
                }
                div(.class("form-actions")) {
                    button(.type("submit"), .class("button")) { "Submit my answers" }
                }
                p(.class("hint")) { "Your answers are saved as you go: you can leave and come back to this attempt." }
            }
        }
    }
}

/// One question's controls. Field names and values come from `AttemptForm`, which reads them back.
enum QuizQuestionFields {
    static func render(_ item: AttemptItem, position: Int, values: [String: [String]]) -> HTML {
        let question = item.question
        let name = AttemptForm.fieldName(position: position)
        let chosen = Set(values[name] ?? [])
        return fieldset(.class("question-fields"), .data("position", String(position)), .ariaDescribedby("stem-\(position)")) {
            legend(.class("question-stem")) {
                span(.class("visually-hidden")) { "Question \(position + 1): " }
                if let title = question.title { strong { title } }
            }
            div(.class("prose"), .id("stem-\(position)")) { QuizTextHTML.render(question.stem) }
            switch question.answers {
            case .singleChoice(let choices):
                for index in item.optionOrder where choices.indices.contains(index) {
                    label(.class("check option")) {
                        input(.type("radio"), .name(name), .value(String(index)), .checked(chosen.contains(String(index))))
                        QuizTextHTML.inline(choices[index].text)
                    }
                }
            case .multipleResponse(let choices):
                input(.type("hidden"), .name(name + ".sent"), .value("1"))
                for index in item.optionOrder where choices.indices.contains(index) {
                    label(.class("check option")) {
                        input(.type("checkbox"), .name(name), .value(String(index)), .checked(chosen.contains(String(index))))
                        QuizTextHTML.inline(choices[index].text)
                    }
                }
            case .trueFalse:
                for (value, text) in [("true", "True"), ("false", "False")] {
                    label(.class("check option")) {
                        input(.type("radio"), .name(name), .value(value), .checked(chosen.contains(value)))
                        text
                    }
                }
            case .shortAnswer:
                label(.class("visually-hidden"), .for(name)) { "Your answer" }
                input(.type("text"), .name(name), .id(name), .value(values[name]?.first ?? ""), .autocomplete("off"))
            case .numerical:
                label(.class("visually-hidden"), .for(name)) { "Your answer (a number)" }
                input(.type("text"), .name(name), .id(name), .value(values[name]?.first ?? ""), .autocomplete("off"),
                      .custom("inputmode", "decimal"))
            case .essay:
                label(.class("visually-hidden"), .for(name)) { "Your answer" }
                textarea(.name(name), .id(name), .rows(6)) { values[name]?.first ?? "" }
            case .matching(let pairs):
                let prompts = pairs.filter { $0.prompt != nil }
                for (k, pair) in prompts.enumerated() {
                    let field = AttemptForm.fieldName(position: position, part: k)
                    div(.class("match-row")) {
                        label(.for(field)) { QuizTextHTML.inline(pair.prompt!) }
                        select(.name(field), .id(field)) {
                            option(.value("")) { "Choose…" }
                            for index in item.optionOrder where pairs.indices.contains(index) {
                                if values[field]?.first == String(index) {
                                    option(.value(String(index)), .selected) { pairs[index].answer }
                                } else {
                                    option(.value(String(index))) { pairs[index].answer }
                                }
                            }
                        }
                    }
                }
            case .ordering(let items):
                p(.class("hint")) { "Number them in order: 1 first." }
                for (k, index) in item.optionOrder.enumerated() where items.indices.contains(index) {
                    let field = AttemptForm.fieldName(position: position, part: k)
                    div(.class("match-row")) {
                        label(.for(field)) { QuizTextHTML.inline(items[index]) }
                        select(.name(field), .id(field)) {
                            option(.value("")) { "–" }
                            for rank in 1...max(items.count, 1) {
                                if values[field]?.first == String(rank) { option(.value(String(rank)), .selected) { String(rank) } }
                                else { option(.value(String(rank))) { String(rank) } }
                            }
                        }
                    }
                }
            case .description:
                HTML.empty
            }
        }
    }
}
