extension GIFTAnswerParser {
    /// A block of `=…`/`~…` lines. Its first line decides matching (`=prompt -> answer`, no
    /// weight); otherwise `=` and `~` together make a single choice, only `=` a short answer,
    /// only weighted `~%n%` a multiple response, and `->` is plain text.
    mutating func choices() throws(GIFTError) -> (QuestionAnswers, QuizText?) {
        var items: [Item] = []
        while true {
            cursor.skipWhitespace()
            switch cursor.peek() {
            case "=", "~":
                items.append(try item())
            case "#" where !cursor.starts(with: "####"):
                throw cursor.error("an answer takes one feedback (write `\\#` for a # in a text)")
            default:
                let generalFeedback = try generalFeedbackAndClose()
                return (try kind(of: items), generalFeedback)
            }
        }
    }

    private mutating func item() throws(GIFTError) -> Item {
        let start = cursor.index
        let isRight = cursor.peek() == "="
        cursor.advance()
        cursor.skipWhitespace()
        let weightStart = cursor.peek() == "%" ? cursor.index : nil
        let weight = try self.weight()
        let text = cursor.richText(upTo: Self.textStops)
        var item = Item(isRight: isRight, start: start, weight: weight, weightStart: weightStart, text: text)
        if cursor.peek() == "#", !cursor.starts(with: "####") {
            item.feedbackStart = cursor.index
            item.feedback = feedback()
        }
        return item
    }

    private func kind(of items: [Item]) throws(GIFTError) -> QuestionAnswers {
        if let first = items.first, first.isRight, first.weight == nil, first.text.arrow != nil {
            return .matching(try items.map { item throws(GIFTError) in try pair(item) })
        }
        for item in items where item.text.finished(item.text.marker ?? format).isEmpty {
            throw cursor.error("expected the text of the answer after `\(item.isRight ? "=" : "~")`", at: item.start)
        }
        let hasRight = items.contains(where: \.isRight)
        let hasWrong = items.contains(where: { !$0.isRight })
        if hasRight, !hasWrong {
            return .shortAnswer(ShortAnswer(accepted: items.map { item in
                AcceptedText(item.text.finished(item.text.marker ?? format), weight: item.weight ?? 100, feedback: item.feedback)
            }))
        }
        let choices = items.map { item in
            Choice(item.text.text(inheriting: format), weight: item.weight ?? (item.isRight ? 100 : 0), feedback: item.feedback)
        }
        if hasRight { return .singleChoice(choices) }
        guard items.contains(where: { $0.weight != nil }) else {
            throw cursor.error("expected a right answer: mark it with `=`, or weight the options "
                + "(like `~%50%`) for several right answers", at: open)
        }
        return .multipleResponse(choices)
    }

    /// `=prompt -> answer`; `= -> answer` is a distractor (an answer no prompt matches).
    private func pair(_ item: Item) throws(GIFTError) -> MatchPair {
        guard item.isRight else {
            throw cursor.error("expected `=` to start a matching pair: `~` cannot be mixed with `->` pairs", at: item.start)
        }
        if let weightStart = item.weightStart {
            throw cursor.error("a matching pair takes no weight", at: weightStart)
        }
        if let feedbackStart = item.feedbackStart {
            throw cursor.error("a matching pair takes no feedback (write `\\#` for a # in a text)", at: feedbackStart)
        }
        guard let arrow = item.text.arrow else {
            throw cursor.error("expected `->` between the prompt and the answer of this matching pair "
                + "(a matching question takes only `=prompt -> answer` pairs)", at: item.start)
        }
        var prompt = item.text
        prompt.pieces = Array(item.text.pieces[..<arrow])
        var answer = GIFTRawText()
        answer.pieces = Array(item.text.pieces[(arrow + 2)...])
        let answerText = answer.finished(.plain)
        guard !answerText.isEmpty else {
            throw cursor.error("expected the answer after `->` in this matching pair", at: item.start)
        }
        let promptText = prompt.text(inheriting: format)
        return MatchPair(prompt: promptText.text.isEmpty ? nil : promptText, answer: answerText)
    }
}
