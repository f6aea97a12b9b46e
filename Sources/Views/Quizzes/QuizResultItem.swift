import Domain
import Routes

/// One answered question on the result page: the question, the answer given in words, what it
/// earned, its feedback, and the right answer when the quiz shows it.
enum QuizResultItem {
    static func render(_ entry: QuizResultModel.Item, showsRight: Bool, model: QuizResultModel, csrf: String) -> HTML {
        let question = entry.item.question
        return HTML {
            if let title = question.title { p(.class("question-title")) { strong { title } } }
            div(.class("prose")) { QuizTextHTML.render(question.stem) }
            p(.class("given")) {
                span(.class("label-like")) { "Your answer: " }
                given(question.answers, entry.response)
            }
            p(.class("mark")) { verdict(entry.mark) }
            for feedback in entry.mark.feedback { div(.class("feedback")) { QuizTextHTML.render(feedback) } }
            if let general = question.generalFeedback { div(.class("feedback")) { QuizTextHTML.render(general) } }
            if let comment = entry.comment {
                div(.class("feedback trainer-comment")) { strong { "Your trainer: " }; HTMLSanitizer.plain(comment) }
            }
            if let grading = model.grading, question.kind == .essay, entry.response != nil {
                gradeForm(entry, grading: grading, model: model, csrf: csrf)
            }
            if showsRight, entry.mark.fraction ?? 0 < 1, question.kind != .essay {
                div(.class("right-answer")) {
                    span(.class("label-like")) { "The right answer" }
                    QuestionPreview.answers(rightOnly(question.answers))
                }
            }
        }
    }

    /// A trainer's grade for a written answer (again, to change it).
    static func gradeForm(_ entry: QuizResultModel.Item, grading: QuizResultModel.Grading, model: QuizResultModel, csrf: String) -> HTML {
        let refused = grading.problem?.position == entry.position ? grading.problem?.state : nil
        let state = refused ?? Form.State(values: ["percent": entry.mark.fraction.map { QuestionPreview.format(($0 * 1000).rounded() / 10) } ?? "",
                                                   "comment": entry.comment ?? ""])
        let prefix = "grade-\(entry.position)-"
        return form(.method("post"), .class("grade-form"),
                    .action(SiteRoute.quizAttemptGrade(model.organizationID, model.cohortID, grading.attemptID, position: entry.position).path)) {
            Form.csrf(csrf)
            Form.errorSummary(refused ?? .empty)
            Form.field("Grade (%)", name: "percent", type: "number", state: state, autocomplete: "off", idPrefix: prefix,
                       extra: [.min(0), .max(100), .custom("step", "any")])
            Form.textArea("Comment for the learner", name: "comment", state: state, rows: 3, idPrefix: prefix)
            Form.submit(entry.mark.fraction == nil ? "Grade" : "Change the grade")
        }
    }

    static func verdict(_ mark: QuestionMark) -> String {
        guard let fraction = mark.fraction else { return "Waiting for your trainer." }
        if fraction >= 1 { return "Right." }
        if fraction <= 0 { return "Not right." }
        return "Partly right (\(Int((fraction * 100).rounded())) %)."
    }

    /// The answer given, as the learner would say it.
    static func given(_ answers: QuestionAnswers, _ response: QuestionResponse?) -> HTML {
        HTML {
            switch (answers, response) {
            case (_, nil): span(.class("meta")) { "no answer" }
            case (.singleChoice(let choices), .choice(let index)?) where choices.indices.contains(index):
                QuizTextHTML.render(choices[index].text)
            case (.multipleResponse(let choices), .choices(let picked)?):
                if picked.isEmpty { span(.class("meta")) { "none ticked" } }
                ul { for index in picked.sorted() where choices.indices.contains(index) { li { QuizTextHTML.render(choices[index].text) } } }
            case (_, .truth(let value)?): value ? "True" : "False"
            case (_, .text(let text)?): text
            case (_, .number(let text)?): text
            case (.matching(let pairs), .matches(let chosen)?):
                ul {
                    for (prompt, choice) in zip(pairs.filter { $0.prompt != nil }, chosen) {
                        li {
                            QuizTextHTML.render(prompt.prompt!)
                            " → "
                            choice.flatMap { pairs.indices.contains($0) ? pairs[$0].answer : nil } ?? "—"
                        }
                    }
                }
            case (.ordering(let items), .order(let order)?):
                ol { for index in order where items.indices.contains(index) { li { QuizTextHTML.render(items[index]) } } }
            default: span(.class("meta")) { "an answer that no longer fits this question" }
            }
        }
    }

    /// What counts as right, without the options that earn nothing.
    static func rightOnly(_ answers: QuestionAnswers) -> QuestionAnswers {
        switch answers {
        case .singleChoice(let choices): return .singleChoice(choices.filter { $0.weight > 0 })
        case .multipleResponse(let choices): return .multipleResponse(choices.filter { $0.weight > 0 })
        case .shortAnswer(var short):
            short.accepted = short.accepted.filter { $0.weight > 0 }
            return .shortAnswer(short)
        case .numerical(let numbers): return .numerical(numbers.filter { $0.weight > 0 })
        case .trueFalse(let answer): return .trueFalse(TrueFalseAnswer(isTrue: answer.isTrue))
        default: return answers
        }
    }
}
