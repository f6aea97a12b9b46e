/// One character of the file with where it stands, so every error can point at the original
/// text even though comment lines and line endings are gone by the time questions are read.
struct GIFTChar {
    var value: Character
    var line: Int
    var column: Int
}

/// The lines of one question: a run of non-blank lines, comment and `$CATEGORY:` lines taken
/// out, with the category and comment metadata in force for it.
struct GIFTBlock {
    var chars: [GIFTChar]
    var category: String?
    var reference: String?
    var tags: [String]
}

/// Splits a GIFT file into questions the way Moodle does: questions are separated by blank (or
/// whitespace-only) lines, and a line starting with `//` is a comment wherever it stands.
enum GIFTSource {
    static func blocks(of text: String) -> [GIFTBlock] {
        var blocks: [GIFTBlock] = []
        var category: String?
        var reference: String?
        var tags: [String] = []
        var chars: [GIFTChar] = []

        // A blank line ends a block, its `[id:]` and `[tag:]` comments with it (as in Moodle): a
        // block of comments only names no question, and the next question does not inherit them.
        func finishBlock() {
            defer { reference = nil; tags = [] }
            guard !chars.isEmpty else { return }
            chars.removeLast()  // the line break after the last line
            blocks.append(GIFTBlock(chars: chars, category: category, reference: reference, tags: tags))
            chars = []
        }

        for (number, line) in lines(of: text).enumerated() {
            let trimmed = line.drop(while: \.isWhitespace)
            if trimmed.isEmpty {
                finishBlock()
            } else if trimmed.starts(with: "//") {
                let found = metadata(inComment: Array(trimmed.dropFirst(2)))
                reference = found.reference ?? reference
                tags += found.tags
            } else if chars.isEmpty, trimmed.starts(with: "$CATEGORY:") {
                let path = String(trimmed.dropFirst("$CATEGORY:".count)).trimmingGIFTWhitespace()
                category = path.isEmpty ? nil : path
            } else {
                for (offset, character) in line.enumerated() {
                    chars.append(GIFTChar(value: character, line: number + 1, column: offset + 1))
                }
                chars.append(GIFTChar(value: "\n", line: number + 1, column: line.count + 1))
            }
        }
        finishBlock()
        return blocks
    }

    /// The lines without their endings (`\n`, `\r\n` or `\r`) and without a byte-order mark.
    static func lines(of text: String) -> [[Character]] {
        var lines: [[Character]] = []
        var current: [Character] = []
        for (index, character) in text.enumerated() {
            if index == 0, character == "\u{FEFF}" { continue }
            if character == "\n" || character == "\r\n" || character == "\r" {
                lines.append(current)
                current = []
            } else {
                current.append(character)
            }
        }
        lines.append(current)
        return lines
    }

    /// `[id:…]` and every `[tag:…]` in a comment, as Moodle reads them: the value runs to the
    /// first `]` not written `\]`, holds no control character, and is trimmed.
    static func metadata(inComment comment: [Character]) -> (reference: String?, tags: [String]) {
        var reference: String?
        var tags: [String] = []
        var index = 0
        while index < comment.count {
            for (key, isReference) in [("[id:", true), ("[tag:", false)] where comment[index...].starts(with: key) {
                guard let (value, end) = bracketedValue(comment, from: index + key.count) else { continue }
                if isReference { reference = value } else { tags.append(value) }
                index = end
            }
            index += 1
        }
        return (reference, tags)
    }

    private static func bracketedValue(_ chars: [Character], from start: Int) -> (String, Int)? {
        var value = ""
        var index = start
        while index < chars.count {
            let character = chars[index]
            if character == "\\", index + 1 < chars.count, chars[index + 1] == "]" {
                value.append("]")
                index += 2
                continue
            }
            if character == "]" {
                let trimmed = value.trimmingGIFTWhitespace()
                return trimmed.isEmpty ? nil : (trimmed, index)
            }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            value.append(character)
            index += 1
        }
        return nil
    }
}

extension String {
    /// Without the whitespace around it (Unicode whitespace, like JavaScript's `trim`).
    func trimmingGIFTWhitespace() -> String {
        let start = drop(while: \.isWhitespace)
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace {
            end = start.index(before: end)
        }
        return String(start[..<end])
    }
}
