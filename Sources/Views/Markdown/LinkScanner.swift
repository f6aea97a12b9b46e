/// Link destinations and titles, shared by inline links and reference definitions. Backslash
/// escapes and character references are decoded here, before `MarkdownURLPolicy` sees the URL.
struct LinkScanner {
    /// Per title delimiter, a position from which no closing delimiter exists: a later scan that
    /// starts there fails at once, so that `[a](b "` repeated thousands of times stays linear.
    private var noCloserFrom: [UInt8: Int] = [:]

    /// `<anything but < > and newlines>`, or a run without whitespace or control characters whose
    /// parentheses balance (32 deep at most, which also bounds how far a failing scan reads).
    static func destination(_ text: [UInt8], from start: Int) -> (value: String, end: Int)? {
        var index = start
        if index < text.count, text[index] == UInt8(ascii: "<") {
            index += 1
            while index < text.count {
                switch text[index] {
                case UInt8(ascii: ">"): return (unescape(text[(start + 1)..<index]), index + 1)
                case UInt8(ascii: "<"), 0x0A: return nil
                case UInt8(ascii: "\\") where index + 1 < text.count && text[index + 1].isASCIIPunctuation: index += 2
                default: index += 1
                }
            }
            return nil
        }
        var depth = 0
        scan: while index < text.count {
            switch text[index] {
            case 0...0x20, 0x7F:
                break scan
            case UInt8(ascii: "\\") where index + 1 < text.count && text[index + 1].isASCIIPunctuation:
                index += 1
            case UInt8(ascii: "("):
                depth += 1
                if depth > 32 { return nil }
            case UInt8(ascii: ")"):
                if depth == 0 { break scan }
                depth -= 1
            default:
                break
            }
            index += 1
        }
        guard depth == 0 else { return nil }
        return (unescape(text[start..<index]), index)
    }

    /// `"title"`, `'title'` or `(title)`, starting at `start`.
    mutating func title(_ text: [UInt8], from start: Int) -> (value: String, end: Int)? {
        guard start < text.count else { return nil }
        let open = text[start]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        if let known = noCloserFrom[close], start >= known { return nil }
        var index = start + 1
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\\"), index + 1 < text.count, text[index + 1].isASCIIPunctuation {
                index += 2
                continue
            }
            if byte == close { return (Self.unescape(text[(start + 1)..<index]), index + 1) }
            if open == UInt8(ascii: "("), byte == open { return nil }
            index += 1
        }
        noCloserFrom[close] = start  // any earlier record was after `start`, or this scan was skipped
        return nil
    }

    /// Spaces, tabs and line endings (a paragraph has no blank line, so at most lines of spaces).
    static func skipWhitespace(_ text: [UInt8], from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] == 0x20 || text[index] == 0x09 || text[index] == 0x0A { index += 1 }
        return index
    }

    /// Backslash escapes and character references decoded.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var decoded: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex, bytes[index + 1].isASCIIPunctuation {
                decoded.append(bytes[index + 1])
                index += 2
            } else if byte == UInt8(ascii: "&"), let reference = CharacterReference.decode(bytes, at: index) {
                decoded.append(contentsOf: reference.bytes)
                index += reference.length
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
