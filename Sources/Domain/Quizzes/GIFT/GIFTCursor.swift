/// A character of a text as written: `escaped` when it came from an escape (`\=`, `\n`…), so
/// it is never taken for syntax or for whitespace to trim or collapse.
struct GIFTPiece {
    var value: Character
    var isEscaped: Bool
}

/// A text as read, before trimming: its `[format]` marker if it had one, its pieces, and where
/// the first unescaped `->` is (matching pairs split there).
struct GIFTRawText {
    var marker: QuizTextFormat?
    var pieces: [GIFTPiece] = []
    var arrow: Int?

    /// The text as the reference parser gives it: trimmed; outside html and markdown, a line
    /// break or a run of whitespace becomes one space (a lone space or tab stays). Escaped
    /// characters (`\n` too) are kept as they are.
    func finished(_ format: QuizTextFormat) -> String {
        var pieces = pieces[...]
        while let first = pieces.first, !first.isEscaped, first.value.isWhitespace { pieces.removeFirst() }
        while let last = pieces.last, !last.isEscaped, last.value.isWhitespace { pieces.removeLast() }
        guard format != .html, format != .markdown else { return String(pieces.map(\.value)) }
        var text = ""
        var run: [Character] = []
        for piece in pieces {
            if !piece.isEscaped, piece.value.isWhitespace {
                run.append(piece.value)
                continue
            }
            if run.count == 1, run[0] != "\n" { text.append(run[0]) } else if !run.isEmpty { text.append(" ") }
            run = []
            text.append(piece.value)
        }
        return text
    }

    func text(inheriting format: QuizTextFormat) -> QuizText {
        let format = marker ?? format
        return QuizText(finished(format), format: format)
    }
}

/// Walks the characters of one question, reading GIFT's texts and escapes, and makes errors
/// that point at the original line and column.
struct GIFTCursor {
    static let escapable: Set<Character> = ["\\", ":", "~", "=", "#", "{", "}"]

    let chars: [GIFTChar]
    var index = 0

    init(_ chars: [GIFTChar]) { self.chars = chars }

    var isAtEnd: Bool { index >= chars.count }
    func peek(_ offset: Int = 0) -> Character? {
        index + offset < chars.count ? chars[index + offset].value : nil
    }
    func starts(with prefix: String) -> Bool {
        var offset = 0
        for character in prefix {
            guard peek(offset) == character else { return false }
            offset += 1
        }
        return true
    }
    mutating func advance(_ count: Int = 1) { index = min(index + count, chars.count) }
    mutating func skipWhitespace() {
        while let character = peek(), character.isWhitespace { advance() }
    }

    /// The position of a character, or just after the last one when reading ran off the end.
    func location(_ at: Int? = nil) -> (line: Int, column: Int) {
        let at = at ?? index
        if at < chars.count { return (chars[at].line, chars[at].column) }
        guard let last = chars.last else { return (1, 1) }
        return (last.line, last.column + 1)
    }
    func locationText(_ at: Int) -> String {
        let (line, column) = location(at)
        return "line \(line), column \(column)"
    }
    func error(_ message: String, at: Int? = nil) -> GIFTError {
        let (line, column) = location(at)
        return GIFTError(line: line, column: column, message: message)
    }
    /// What stands at the cursor, for "found …" in messages.
    var found: String {
        guard let character = peek() else { return "the end of the question" }
        return character == "\n" ? "a line break" : "`\(character)`"
    }

    /// A `[html]`, `[markdown]`, `[plain]` or `[moodle]` marker, after any whitespace.
    mutating func formatMarker() -> QuizTextFormat? {
        skipWhitespace()
        for format in QuizTextFormat.allCases where starts(with: "[\(format.rawValue)]") {
            advance(format.rawValue.count + 2)
            return format
        }
        return nil
    }

    /// Reads a text up to (not including) one of `stops`, decoding escapes. A backslash that
    /// escapes nothing is kept, as Moodle keeps it.
    mutating func text(upTo stops: Set<Character>, marker: QuizTextFormat? = nil) -> GIFTRawText {
        var raw = GIFTRawText(marker: marker)
        while let character = peek() {
            if character == "\\", let next = peek(1), Self.escapable.contains(next) || next == "n" {
                raw.pieces.append(GIFTPiece(value: next == "n" ? "\n" : next, isEscaped: true))
                advance(2)
                continue
            }
            if stops.contains(character) { break }
            if character == "-", peek(1) == ">", raw.arrow == nil { raw.arrow = raw.pieces.count }
            raw.pieces.append(GIFTPiece(value: character, isEscaped: character == "\\"))
            advance()
        }
        return raw
    }

    /// A text that may start with a `[format]` marker.
    mutating func richText(upTo stops: Set<Character>) -> GIFTRawText {
        let marker = formatMarker()
        return text(upTo: stops, marker: marker)
    }
}
