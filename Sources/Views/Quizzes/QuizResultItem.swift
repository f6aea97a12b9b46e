import Domain

/// One answered question on the result page: the question, the answer given in words, what it
/// earned, its feedback, and the right answer when the quiz shows it.
enum QuizResultItem {
    static func render(_ entry: QuizResultModel.Item, showsRight: Bool) -> HTML {
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
            if showsRight, entry.mark.fraction ?? 0 < 1, question.kind != .essay {
                div(.class("right-answer")) {
                    span(.class("label-like")) { "The right answer" }
                    QuestionPreview.answers(rightOnly(question.answers))
                }
            }
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
