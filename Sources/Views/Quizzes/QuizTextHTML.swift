import Foundation
import Domain

/// Question texts as HTML that cannot run script, whatever format they were written in: Markdown
/// through `Markdown`, HTML and Moodle's auto-format through `HTMLSanitizer` (Moodle's keeps line
/// breaks), plain text escaped.
public enum QuizTextHTML {
    public static func render(_ text: QuizText) -> TrustedHTML {
        switch text.format {
        case .markdown: Markdown.render(text.text)
        case .moodle: HTMLSanitizer.sanitize(text.text, lineBreaks: true)
        case .html: HTMLSanitizer.sanitize(text.text)
        case .plain: HTMLSanitizer.plain(text.text)
        }
    }

    /// For inside a `<label>` or an `<option>`'s neighbour: paragraphs become line breaks, since
    /// a label holds phrasing content only (the markup stays what the renderers wrote).
    public static func inline(_ text: QuizText) -> TrustedHTML {
        var html = render(text).rawValue
        while html.hasSuffix("\n") { html.removeLast() }
        // Split by the standard library: Foundation's `replacingOccurrences` and `components` go
        // through NSString, and a result page calls this for every option of twenty questions.
        let paragraphs = html.split(separator: "</p>\n<p>", omittingEmptySubsequences: false)
        html = paragraphs.joined(separator: "<br>")
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.split(separator: "<p>", omittingEmptySubsequences: false).count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return TrustedHTML(sanitized: html)
    }

    /// The text without markup, for lists and titles: tags dropped, at most `limit` characters.
    public static func excerpt(_ text: QuizText, limit: Int = 140) -> String {
        var plain = ""
        var inTag = false
        for character in text.text {
            if text.format != .plain, character == "<" { inTag = true; continue }
            if inTag { if character == ">" { inTag = false }; continue }
            plain.append(character.isNewline ? " " : character)
        }
        let words = plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count > limit ? String(words.prefix(limit - 1)) + "…" : words
    }
}

extension QuestionKind {
    /// How authors call the kind.
    public var label: String {
        switch self {
        case .singleChoice: "Single choice"
        case .multipleResponse: "Multiple response"
        case .trueFalse: "True/false"
        case .shortAnswer: "Short answer"
        case .numerical: "Numerical"
        case .matching: "Matching"
        case .ordering: "Ordering"
        case .essay: "Essay"
        case .description: "Description"
        }
    }
}
