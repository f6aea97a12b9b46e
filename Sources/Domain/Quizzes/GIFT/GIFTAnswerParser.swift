/// Reads a `{…}` answer block (the `{` already read) and tells which kind of question it makes:
/// `{}` essay, `{T}`/`{FALSE}` true/false, `{#…}` numerical, `{=a -> b …}` matching, `{=a ~b}`
/// single choice, `{~%50%a ~%50%b}` multiple response, `{=a =b}` or `{a}` short answer.
struct GIFTAnswerParser {
    var cursor: GIFTCursor
    /// Where `{` stands, for "the answers opened at …".
    let open: Int
    /// The question text's format, which texts without a marker take.
    let format: QuizTextFormat

    static let textStops: Set<Character> = ["=", "~", "#", "{", "}"]

    /// One `=…` or `~…` line of a block, before the block's kind is known.
    struct Item {
        var isRight: Bool
        var start: Int
        var weight: Double?
        var weightStart: Int?
        var text: GIFTRawText
        var feedback: QuizText?
        var feedbackStart: Int?
    }

    mutating func answers() throws(GIFTError) -> (QuestionAnswers, QuizText?) {
        cursor.skipWhitespace()
        switch cursor.peek() {
        case "}":
            cursor.advance()
            return (.essay, nil)
        case "#" where !cursor.starts(with: "####"):
            cursor.advance()
            return try numerical()
        case "=", "~":
            return try choices()
        case "#":
            return (.essay, try generalFeedbackAndClose())
        case nil:
            throw unclosed()
        default:
            if let isTrue = trueOrFalse() { return try trueFalse(isTrue) }
            return try singleShortAnswer()
        }
    }

    // MARK: Pieces shared by every kind

    func unclosed() -> GIFTError {
        cursor.error("expected `}` to close the answers opened at \(cursor.locationText(open))")
    }

    /// Checks the block ends here, and steps over the `}`.
    mutating func close() throws(GIFTError) {
        cursor.skipWhitespace()
        switch cursor.peek() {
        case "}":
            cursor.advance()
        case nil:
            throw unclosed()
        case "{":
            throw cursor.error("unexpected `{` inside the answers opened at \(cursor.locationText(open)) "
                + "(write `\\{` for a brace in a text)")
        default:
            throw cursor.error("expected `}` to close the answers opened at \(cursor.locationText(open)), "
                + "found \(cursor.found)")
        }
    }

    /// `#feedback` (not `####`), if one stands here; an empty one is none.
    mutating func feedback() -> QuizText? {
        cursor.advance()
        let text = cursor.richText(upTo: Self.textStops).text(inheriting: format)
        return text.text.isEmpty ? nil : text
    }

    /// `####general feedback` (if it stands here) and the closing `}`.
    mutating func generalFeedbackAndClose() throws(GIFTError) -> QuizText? {
        cursor.skipWhitespace()
        var generalFeedback: QuizText?
        if cursor.starts(with: "####") {
            cursor.advance(4)
            let text = cursor.richText(upTo: Self.textStops).text(inheriting: format)
            generalFeedback = text.text.isEmpty ? nil : text
        }
        try close()
        return generalFeedback
    }

    /// `%50%`: a weight in percent, -100…100.
    mutating func weight() throws(GIFTError) -> Double? {
        guard cursor.peek() == "%" else { return nil }
        let start = cursor.index
        cursor.advance()
        var value = ""
        while let character = cursor.peek(), character != "%" {
            if character == "\n" || character == "}" {
                throw cursor.error("expected `%` to close the weight opened at \(cursor.locationText(start))")
            }
            value.append(character)
            cursor.advance()
        }
        if cursor.isAtEnd { throw cursor.error("expected `%` to close the weight opened at \(cursor.locationText(start))") }
        cursor.advance()
        guard let weight = GIFTNumber.parse(value.trimmingGIFTWhitespace()), (-100...100).contains(weight) else {
            throw cursor.error("expected a weight between -100 and 100 (like `%50%`), found `\(value)`", at: start + 1)
        }
        return weight
    }

    // MARK: True/false

    /// `T`, `TRUE`, `F` or `FALSE` (any case, as Moodle reads them) when followed by `#` or `}`.
    mutating func trueOrFalse() -> Bool? {
        var word = ""
        var offset = 0
        while let character = cursor.peek(offset), character.isLetter {
            word.append(character)
            offset += 1
        }
        let isTrue: Bool
        switch word.uppercased() {
        case "T", "TRUE": isTrue = true
        case "F", "FALSE": isTrue = false
        default: return nil
        }
        while let character = cursor.peek(offset), character.isWhitespace { offset += 1 }
        guard cursor.peek(offset) == "#" || cursor.peek(offset) == "}" || cursor.peek(offset) == nil else { return nil }
        cursor.advance(word.count)
        return isTrue
    }

    /// `{TRUE#for a wrong answer#for a right answer}`: Moodle's order, mapped to what the
    /// learner answered.
    mutating func trueFalse(_ isTrue: Bool) throws(GIFTError) -> (QuestionAnswers, QuizText?) {
        var feedbacks: [QuizText?] = []
        cursor.skipWhitespace()
        while cursor.peek() == "#", !cursor.starts(with: "####") {
            guard feedbacks.count < 2 else {
                throw cursor.error("a true/false answer takes at most two feedbacks, "
                    + "for a wrong answer then a right one (write `\\#` for a # in a text)")
            }
            feedbacks.append(feedback())
            cursor.skipWhitespace()
        }
        let wrong = feedbacks.first ?? nil
        let right = feedbacks.count > 1 ? feedbacks[1] : nil
        let answer = TrueFalseAnswer(isTrue: isTrue, trueFeedback: isTrue ? right : wrong, falseFeedback: isTrue ? wrong : right)
        return (.trueFalse(answer), try generalFeedbackAndClose())
    }

    // MARK: Short answer written alone

    /// `{Nazareth}`: one accepted answer without `=`.
    mutating func singleShortAnswer() throws(GIFTError) -> (QuestionAnswers, QuizText?) {
        let start = cursor.index
        let raw = cursor.richText(upTo: Self.textStops)
        let text = raw.finished(raw.marker ?? format)
        guard !text.isEmpty else { throw cursor.error("expected an answer", at: start) }
        var accepted = AcceptedText(text)
        if cursor.peek() == "#", !cursor.starts(with: "####") { accepted.feedback = feedback() }
        return (.shortAnswer(ShortAnswer(accepted: [accepted])), try generalFeedbackAndClose())
    }
}
