/// Writes questions as GIFT (see `GIFT.export`): one block a question, blank lines between,
/// `$CATEGORY:` when the category changes, the comment metadata, then the question.
enum GIFTExporter {
    static func export(_ questions: [Question]) -> String {
        var blocks: [String] = []
        var category: String?
        for question in questions {
            if case .ordering(let items) = question.answers {
                blocks.append(orderingNote(question, items: items))
                continue
            }
            if question.category != category {
                blocks.append("$CATEGORY:" + (question.category.map { " " + $0 } ?? ""))
                category = question.category
            }
            blocks.append(block(question))
        }
        return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
    }

    private static func block(_ question: Question) -> String {
        var lines: [String] = []
        if let reference = question.reference { lines.append("// [id:\(metadata(reference))]") }
        if !question.tags.isEmpty {
            lines.append("// " + question.tags.map { "[tag:\(metadata($0))]" }.joined(separator: " "))
        }
        var head = question.title.map { "::" + escape($0) + "::" } ?? ""
        let stem = question.stem
        let isEmbedded = question.hasEmbeddedAnswers && question.kind != .description
        let (before, after) = isEmbedded ? embeddedParts(of: stem.text) : (stem.text, nil)
        // Texts without a marker take the format of the text before the answers.
        let inherited: QuizTextFormat = before.isEmpty && after != nil ? .moodle : stem.format
        let answers = answerBlock(question, inherited: inherited)
        if let after, before.isEmpty {
            head += answers + " " + text(QuizText(after, format: stem.format), inheriting: .moodle)
        } else {
            head += text(QuizText(before, format: stem.format), inheriting: .moodle)
            head += (before.isEmpty || answers.isEmpty ? "" : " ") + answers
            if let after { head += " " + text(QuizText(after, format: stem.format), inheriting: inherited) }
        }
        lines.append(head)
        return lines.joined(separator: "\n")
    }

    /// The stem around its blank: "A _____ B" gives ("A", "B"), "_____ B" gives ("", "B").
    /// Without a blank the answers go at the end (GIFT cannot say "embedded" otherwise).
    static func embeddedParts(of stem: String) -> (String, String?) {
        if stem.hasPrefix("_____ ") { return ("", String(stem.dropFirst(6))) }
        guard let blank = stem.firstRange(of: " _____ ") else { return (stem, nil) }
        return (String(stem[..<blank.lowerBound]), String(stem[blank.upperBound...]))
    }

    /// A text with its `[format]` marker when it differs from the inherited format, or when the
    /// text starts with what would be read as syntax: a `[marker]`, a `%weight%`, a `//` comment.
    static func text(_ text: QuizText, inheriting inherited: QuizTextFormat) -> String {
        let needsMarker = text.format != inherited || ["[", "%", "/"].contains(text.text.first)
        return (needsMarker ? "[\(text.format.rawValue)]" : "") + escape(text.text)
    }

    /// Every character GIFT gives a meaning to, escaped; line breaks as `\n`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\", "~", "=", "#", "{", "}", ":":
                escaped.append("\\")
                escaped.append(character)
            case "\n", "\r\n", "\r":
                escaped += "\\n"
            default:
                escaped.append(character)
            }
        }
        return escaped
    }

    /// An id or a tag inside `[…]`: `]` escaped, line breaks flattened (a comment is one line).
    private static func metadata(_ value: String) -> String {
        String(value.map { $0.isNewline ? " " : $0 }).replacing("]", with: "\\]")
    }

    /// GIFT has no ordering question: say so in a comment (which `parse` skips), with the
    /// items for whoever reads the file; brackets become parentheses so no `[tag:…]` leaks.
    private static func orderingNote(_ question: Question, items: [QuizText]) -> String {
        func flat(_ text: String) -> String {
            String(text.map { character -> Character in
                switch character {
                case "[": "("
                case "]": ")"
                default: character.isNewline ? " " : character
                }
            })
        }
        var lines = ["// Left out: an ordering question, which GIFT cannot express"
            + (question.title.map { " (\(flat($0)))" } ?? "") + ".",
            "// " + flat(question.stem.text)]
        lines += items.enumerated().map { "//   \($0.offset + 1). \(flat($0.element.text))" }
        return lines.joined(separator: "\n")
    }
}
