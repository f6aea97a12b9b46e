/// Recognizers for lines that start a block. Unless said otherwise they take a line whose
/// indentation (at most three spaces) was already removed.
enum BlockSyntax {
    /// `#` to `######` then a space or the end: the level and the text, without the optional
    /// closing `#`s.
    static func atxHeading(_ line: Line) -> (level: Int, text: Line)? {
        let level = line.prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(level) else { return nil }
        var text = line.dropFirst(level)
        guard text.isEmpty || text.first == 0x20 || text.first == 0x09 else { return nil }
        text = text.trimmingWhitespace
        let closing = text.reversed().prefix { $0 == UInt8(ascii: "#") }.count
        let before = text.dropLast(closing)
        if before.isEmpty || before.last == 0x20 || before.last == 0x09 {
            text = before.trimmingTrailingWhitespace
        }
        return (level, text)
    }

    /// Three or more `-`, `*` or `_` (the same one), spaces allowed between.
    static func isThematicBreak(_ line: Line) -> Bool {
        guard let marker = line.first,
              marker == UInt8(ascii: "-") || marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_")
        else { return false }
        var count = 0
        for byte in line {
            if byte == marker { count += 1 } else if byte != 0x20 && byte != 0x09 { return false }
        }
        return count >= 3
    }

    /// `===` (level 1) or `---` (level 2) under paragraph text turns it into a heading.
    static func setextLevel(_ line: Line) -> Int? {
        let trimmed = line.trimmingWhitespace
        guard let marker = trimmed.first, marker == UInt8(ascii: "=") || marker == UInt8(ascii: "-"),
              trimmed.allSatisfy({ $0 == marker })
        else { return nil }
        return marker == UInt8(ascii: "=") ? 1 : 2
    }

    /// Whether `line` (with its indentation) ends a paragraph by starting another block. Indented
    /// code, tables checked apart, and definitions never interrupt one.
    static func interruptsParagraph(_ line: Line, depth: Int) -> Bool {
        guard line.indentation < 4 else { return false }
        let content = line.trimmingLeadingWhitespace
        if Fence(content, indentation: 0) != nil || atxHeading(content) != nil || isThematicBreak(content) {
            return true
        }
        guard depth < Markdown.maximumNestingDepth else { return false }
        return content.first == UInt8(ascii: ">") || ListMarker(line)?.canInterruptParagraph == true
    }

    /// Whether `line` can be a lazy continuation of a paragraph that started inside a block quote
    /// or list item: text that starts nothing else (not even a setext underline or a list item).
    static func continuesParagraph(_ lines: [Line], at index: Int, depth: Int) -> Bool {
        let line = lines[index]
        return !line.isBlank && !interruptsParagraph(line, depth: depth) && ListMarker(line) == nil
            && (line.indentation >= 4 || setextLevel(line) == nil) && !TableSyntax.starts(lines, at: index)
    }

    /// Whether the last line of a container (`> ` or an item's indentation removed) is paragraph
    /// text, so that the next line may continue it lazily. Looks through nested `>` and list
    /// markers up to the depth limit (deeper ones are text), which also keeps a line of 100 000
    /// `>` cheap.
    static func endsInParagraph(_ line: Line, depth: Int) -> Bool {
        var (line, depth) = (line, depth)
        while depth < Markdown.maximumNestingDepth, line.indentation < 4 {
            let content = line.trimmingLeadingWhitespace
            if content.first == UInt8(ascii: ">") {
                line = content.dropFirst().droppingIndentation(1)
            } else if !isThematicBreak(content), let marker = ListMarker(line) {
                line = marker.firstLine
            } else {
                break
            }
            depth += 1
        }
        return !line.isBlank && line.indentation < 4 && !interruptsParagraph(line, depth: depth)
    }
}
