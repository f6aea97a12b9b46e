extension GIFTExporter {
    /// The `{…}` block of a question ("" for a description), its texts marked against the
    /// question's format.
    static func answerBlock(_ question: Question, inherited: QuizTextFormat) -> String {
        let general = question.generalFeedback.map { "####" + text($0, inheriting: inherited) }
        var lines: [String]
        switch question.answers {
        case .description, .ordering:
            return ""
        case .essay:
            return "{" + (general ?? "") + "}"
        case .trueFalse(let answer):
            return "{" + trueFalse(answer, inherited: inherited) + (general ?? "") + "}"
        case .singleChoice(let choices):
            lines = singleChoice(choices, inherited: inherited)
        case .multipleResponse(let choices):
            lines = choices.map { choice in
                "~%\(GIFTNumber.format(choice.weight))%" + text(choice.text, inheriting: inherited)
                    + feedback(choice.feedback, inherited: inherited)
            }
        case .shortAnswer(let short):
            lines = short.accepted.enumerated().map { index, accepted in
                // A first `=…` holding `->` would read as matching, unless it has a weight.
                let showsWeight = accepted.weight != 100 || (index == 0 && accepted.text.contains("->"))
                return "=" + (showsWeight ? "%\(GIFTNumber.format(accepted.weight))%" : "")
                    + text(QuizText(accepted.text, format: inherited), inheriting: inherited)
                    + feedback(accepted.feedback, inherited: inherited)
            }
        case .numerical(let answers):
            if answers.count == 1, let only = answers.first, only.weight == 100, let value = number(only.accepts) {
                return "{#" + value + feedback(only.feedback, inherited: inherited) + (general ?? "") + "}"
            }
            lines = ["#"] + answers.map { answer in
                "=" + (answer.weight == 100 ? "" : "%\(GIFTNumber.format(answer.weight))%")
                    + (number(answer.accepts) ?? "") + feedback(answer.feedback, inherited: inherited)
            }
        case .matching(let pairs):
            lines = pairs.map { pair in
                "=" + (pair.prompt.map { text($0, inheriting: inherited) + " " } ?? " ") + "-> " + escape(pair.answer)
            }
        }
        if let general { lines.append(general) }
        let first = lines.first == "#" ? "{#\n" : "{\n"
        return first + lines.drop(while: { $0 == "#" }).map { "    " + $0 }.joined(separator: "\n") + "\n}"
    }

    /// `=` for a weight of 100 and `~` otherwise, but a single choice needs both signs to read
    /// back as one: without a 100 the first option is `=%w%`, without another the last is `~%w%`.
    private static func singleChoice(_ choices: [Choice], inherited: QuizTextFormat) -> [String] {
        var signs = choices.map { $0.weight == 100 ? "=" : "~" }
        if !signs.contains("="), !signs.isEmpty { signs[0] = "=" }
        if !signs.contains("~"), signs.count > 1 { signs[signs.count - 1] = "~" }
        return zip(signs, choices).enumerated().map { index, element in
            let (sign, choice) = element
            let defaultWeight: Double = sign == "=" ? 100 : 0
            let showsWeight = choice.weight != defaultWeight || (index == 0 && sign == "=" && choice.text.text.contains("->"))
            return sign + (showsWeight ? "%\(GIFTNumber.format(choice.weight))%" : "")
                + text(choice.text, inheriting: inherited) + feedback(choice.feedback, inherited: inherited)
        }
    }

    /// Moodle's order: `#` for a wrong answer, then `#` for a right one.
    private static func trueFalse(_ answer: TrueFalseAnswer, inherited: QuizTextFormat) -> String {
        let wrong = answer.isTrue ? answer.falseFeedback : answer.trueFeedback
        let right = answer.isTrue ? answer.trueFeedback : answer.falseFeedback
        var written = answer.isTrue ? "TRUE" : "FALSE"
        if let right {
            written += "#" + (wrong.map { text($0, inheriting: inherited) } ?? " ") + "#" + text(right, inheriting: inherited)
        } else if let wrong {
            written += "#" + text(wrong, inheriting: inherited)
        }
        return written
    }

    private static func feedback(_ feedback: QuizText?, inherited: QuizTextFormat) -> String {
        feedback.map { " #" + text($0, inheriting: inherited) } ?? ""
    }

    /// `3.14`, `3.14:0.01`, `3.1..3.2`; nil for "any number" (the range from -∞ to +∞).
    private static func number(_ accepts: NumericAnswer.Accepts) -> String? {
        switch accepts {
        case .value(let value, let tolerance):
            GIFTNumber.format(value) + (tolerance == 0 ? "" : ":" + GIFTNumber.format(tolerance))
        case .range(let low, let high) where low == -.infinity && high == .infinity:
            nil
        case .range(let low, let high):
            GIFTNumber.format(low) + ".." + GIFTNumber.format(high)
        }
    }
}
