/// A line of source without its line ending: a slice of one UTF-8 buffer, so that stripping a
/// container's prefix (`> `, a list item's indentation) copies nothing. Markdown's syntax is ASCII,
/// and UTF-8 never uses ASCII bytes inside a multi-byte character, so the parsers read bytes.
typealias Line = ArraySlice<UInt8>

enum SourceLines {
    /// Splits on LF, CRLF and CR. NUL becomes U+FFFD, as CommonMark (and any browser) reads it.
    static func split(_ source: String) -> [Line] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.utf8.count)
        for byte in source.utf8 {
            if byte == 0 { bytes.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { bytes.append(byte) }
        }
        var lines: [Line] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(bytes[start..<index])
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// Lines joined with LF, the last one without its trailing spaces (they make no hard break):
    /// the text of a paragraph or heading, for the inline parser.
    static func inlineText(_ lines: [Line]) -> [UInt8] {
        var joined: [UInt8] = []
        for (offset, line) in lines.enumerated() {
            if offset > 0 { joined.append(0x0A) }
            joined.append(contentsOf: offset == lines.count - 1 ? line.trimmingTrailingWhitespace : line)
        }
        return joined
    }
}

extension ArraySlice where Element == UInt8 {
    var isBlank: Bool { allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Columns of leading whitespace; a tab advances to the next multiple of four, as in CommonMark
    /// (counted from the start of this slice, a simplification inside containers).
    var indentation: Int {
        var columns = 0
        for byte in self {
            if byte == 0x20 { columns += 1 } else if byte == 0x09 { columns += 4 - columns % 4 } else { break }
        }
        return columns
    }

    /// Without up to `columns` columns of leading whitespace. A tab that is only partly removed
    /// leaves its other columns as spaces, the one case that copies.
    func droppingIndentation(_ columns: Int) -> Line {
        var removed = 0
        var index = startIndex
        while index < endIndex, removed < columns {
            switch self[index] {
            case 0x20:
                removed += 1
            case 0x09:
                let width = 4 - removed % 4
                if removed + width > columns {
                    return ArraySlice(repeatElement(0x20, count: removed + width - columns)) + self[(index + 1)...]
                }
                removed += width
            default:
                return self[index...]
            }
            index += 1
        }
        return self[index...]
    }

    var trimmingLeadingWhitespace: Line { drop { $0 == 0x20 || $0 == 0x09 } }

    var trimmingTrailingWhitespace: Line {
        var end = endIndex
        while end > startIndex, self[end - 1] == 0x20 || self[end - 1] == 0x09 { end -= 1 }
        return self[startIndex..<end]
    }

    var trimmingWhitespace: Line { trimmingLeadingWhitespace.trimmingTrailingWhitespace }
}

extension UInt8 {
    /// `!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`: the characters a backslash can escape.
    var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self) || (0x5B...0x60).contains(self)
            || (0x7B...0x7E).contains(self)
    }
}
