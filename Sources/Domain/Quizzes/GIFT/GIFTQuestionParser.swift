/// Reads one question: `::title::`, the text, the `{…}` answers, and text after the answers
/// (which makes the answers sit inside the sentence: the stem gets `_____` where they were).
struct GIFTQuestionParser {
    var cursor: GIFTCursor

    init(_ chars: [GIFTChar]) { cursor = GIFTCursor(chars) }

    mutating func question() throws(GIFTError) -> Question {
        cursor.skipWhitespace()
        let title = try self.title()
        let before = cursor.richText(upTo: ["{", "}"])
        let format = before.marker ?? .moodle
        let stemBefore = before.finished(format)

        guard let opening = cursor.peek() else {
            guard !stemBefore.isEmpty else {
                throw cursor.error("expected the question text" + (title == nil ? "" : " after the title"))
            }
            return Question(title: title, stem: QuizText(stemBefore, format: format), answers: .description)
        }
        if opening == "}" {
            throw cursor.error("unexpected `}`: no answers are open (write `\\}` for a brace in the text)")
        }
        let open = cursor.index
        cursor.advance()
        var answers = GIFTAnswerParser(cursor: cursor, open: open, format: format)
        let (parsed, generalFeedback) = try answers.answers()
        cursor = answers.cursor

        var question = Question(title: title, stem: QuizText(stemBefore, format: format), answers: parsed,
                                generalFeedback: generalFeedback)
        if let after = try textAfterAnswers(inheriting: format) {
            let textAfter = after.finished(after.marker ?? format)
            if !textAfter.isEmpty {
                question.hasEmbeddedAnswers = true
                question.stem = stemBefore.isEmpty
                    ? QuizText("_____ " + textAfter, format: after.marker ?? format)
                    : QuizText(stemBefore + " _____ " + textAfter, format: format)
            }
        }
        return question
    }

    /// `::title::`, if the question starts with one. Escapes count (`\:` is a colon), and the
    /// title is trimmed; `::::` is no title.
    private mutating func title() throws(GIFTError) -> String? {
        guard cursor.starts(with: "::") else { return nil }
        let open = cursor.index
        cursor.advance(2)
        var raw = GIFTRawText()
        while !cursor.starts(with: "::") {
            let piece = cursor.text(upTo: [":"])
            raw.pieces += piece.pieces
            if cursor.isAtEnd {
                throw cursor.error("expected `::` to close the title opened at \(cursor.locationText(open))")
            }
            if !cursor.starts(with: "::") {
                raw.pieces.append(GIFTPiece(value: ":", isEscaped: false))
                cursor.advance()
            }
        }
        cursor.advance(2)
        cursor.skipWhitespace()
        let title = raw.finished(.moodle)
        return title.isEmpty ? nil : title
    }

    /// The text after `}`: nil when there is none or only a `//` comment on the same line.
    private mutating func textAfterAnswers(inheriting format: QuizTextFormat) throws(GIFTError) -> GIFTRawText? {
        while let character = cursor.peek(), character.isWhitespace, character != "\n" { cursor.advance() }
        if cursor.starts(with: "//") {
            while let character = cursor.peek(), character != "\n" { cursor.advance() }
            cursor.skipWhitespace()
            guard cursor.isAtEnd else {
                throw cursor.error("expected a blank line after the question, found \(cursor.found)")
            }
            return nil
        }
        cursor.skipWhitespace()
        guard !cursor.isAtEnd else { return nil }
        let after = cursor.richText(upTo: ["{", "}"])
        switch cursor.peek() {
        case "{":
            throw cursor.error("expected a blank line before the next question: a question has one `{…}` answer block")
        case "}":
            throw cursor.error("unexpected `}`: no answers are open (write `\\}` for a brace in the text)")
        default:
            return after
        }
    }
}
