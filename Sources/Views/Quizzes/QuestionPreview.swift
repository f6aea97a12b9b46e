import Domain
import Foundation

/// A question as its author checks it: the stem, every answer with what it is worth, the
/// feedback. Learners never see this view (it shows the right answers).
public enum QuestionPreview {
    public static func render(_ question: Question) -> HTML {
        div(.class("question-preview")) {
            div(.class("prose")) { QuizTextHTML.render(question.stem) }
            answers(question.answers)
            if let general = question.generalFeedback {
                div(.class("feedback")) {
                    strong { "General feedback: " }
                    QuizTextHTML.render(general)
                }
            }
        }
    }

    static func answers(_ answers: QuestionAnswers) -> HTML {
        HTML {
            switch answers {
            case .singleChoice(let choices), .multipleResponse(let choices):
                ul(.class("answer-list")) {
                    for choice in choices {
                        li(.class(choice.weight > 0 ? "answer answer-right" : "answer")) {
                            span(.class("answer-weight")) { weight(choice.weight) }
                            QuizTextHTML.render(choice.text)
                            feedback(choice.feedback)
                        }
                    }
                }
            case .trueFalse(let answer):
                ul(.class("answer-list")) {
                    li(.class("answer answer-right")) { span(.class("answer-weight")) { "Right:" }; answer.isTrue ? "True" : "False" }
                    if let text = answer.trueFeedback { li(.class("answer")) { "If answered true: "; QuizTextHTML.render(text) } }
                    if let text = answer.falseFeedback { li(.class("answer")) { "If answered false: "; QuizTextHTML.render(text) } }
                }
            case .shortAnswer(let short):
                ul(.class("answer-list")) {
                    for accepted in short.accepted {
                        li(.class(accepted.weight > 0 ? "answer answer-right" : "answer")) {
                            span(.class("answer-weight")) { weight(accepted.weight) }
                            code { accepted.text }
                            feedback(accepted.feedback)
                        }
                    }
                }
            case .numerical(let numbers):
                ul(.class("answer-list")) {
                    for number in numbers {
                        li(.class(number.weight > 0 ? "answer answer-right" : "answer")) {
                            span(.class("answer-weight")) { weight(number.weight) }
                            switch number.accepts {
                            case .value(let value, let tolerance):
                                tolerance == 0 ? format(value) : "\(format(value)) ± \(format(tolerance))"
                            case .range(let low, let high): "from \(format(low)) to \(format(high))"
                            }
                            feedback(number.feedback)
                        }
                    }
                }
            case .matching(let pairs):
                ul(.class("answer-list")) {
                    for pair in pairs {
                        li(.class("answer")) {
                            if let prompt = pair.prompt { QuizTextHTML.render(prompt); " → " } else { "Distractor: " }
                            strong { pair.answer }
                        }
                    }
                }
            case .ordering(let items):
                ol(.class("answer-list")) { for item in items { li(.class("answer")) { QuizTextHTML.render(item) } } }
            case .essay:
                p(.class("hint")) { "Written answer, graded by a trainer." }
            case .description:
                p(.class("hint")) { "Text only: no answer, no marks." }
            }
        }
    }

    static func feedback(_ text: QuizText?) -> HTML {
        HTML {
            if let text { div(.class("feedback")) { QuizTextHTML.render(text) } }
        }
    }

    static func weight(_ value: Double) -> String { "\(format(value)) %" }

    /// A number as an author wrote it: no trailing ".0".
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
