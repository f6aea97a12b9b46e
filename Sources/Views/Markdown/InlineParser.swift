/// Parses the text of a paragraph, heading or table cell into an `InlineTree`, CommonMark-like,
/// in one left-to-right pass over its bytes. Emphasis and links use CommonMark's delimiter and
/// bracket stacks; their bookkeeping (`openersBottom`, the inactive-opener watermark, backtick
/// runs found once, `LinkScanner`'s memo) keeps the pass linear on any input.
struct InlineParser {
    let text: [UInt8]
    let references: LinkReferences
    var tree = InlineTree()
    var position = 0
    /// Plain text read but not yet in a node, so that a run of letters is one node.
    var pending: [UInt8] = []
    var delimiters = DelimiterStack()
    var brackets: [Bracket] = []
    /// Link openers (`[`, not `![`) below this index in `brackets` are inactive: a link was made
    /// after them, and links do not nest. A watermark rather than a flag on each, so that making a
    /// link costs O(1) however many openers are waiting.
    var inactiveLinkOpeners = 0
    var scanner = LinkScanner()
    /// Start offsets of every backtick run, by run length: found on the first backtick, then read
    /// with a cursor per length, so that closing a code span never rescans the text.
    var backtickRuns: [Int: [Int]]?
    var backtickCursors: [Int: Int] = [:]

    static func parse(_ text: [UInt8], references: LinkReferences) -> InlineTree {
        var parser = InlineParser(text: text, references: references)
        parser.parse()
        return parser.tree
    }

    private mutating func parse() {
        while position < text.count {
            switch text[position] {
            case 0x0A: lineBreak()
            case UInt8(ascii: "\\"): backslash()
            case UInt8(ascii: "`"): codeSpan()
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"): delimiterRun()
            case UInt8(ascii: "["): openBracket(isImage: false)
            case UInt8(ascii: "!") where position + 1 < text.count && text[position + 1] == UInt8(ascii: "["):
                openBracket(isImage: true)
            case UInt8(ascii: "]"): closeBracket()
            case UInt8(ascii: "<"): autolink()
            case UInt8(ascii: "&"): characterReference()
            default:
                pending.append(text[position])
                position += 1
            }
        }
        flush()
        processEmphasis(above: nil)
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        tree.append(.text(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// A node of its own: delimiters and brackets need one they can later turn into markup.
    mutating func appendNode(_ kind: InlineTree.Kind) -> Int {
        flush()
        return tree.append(kind)
    }

    /// Two or more spaces before a line ending make a hard break; other trailing spaces go.
    private mutating func lineBreak() {
        let spaces = pending.reversed().prefix { $0 == 0x20 }.count
        pending.removeLast(spaces)
        _ = appendNode(spaces >= 2 ? .hardBreak : .softBreak)
        position += 1
    }

    private mutating func backslash() {
        let next = position + 1
        if next < text.count, text[next] == 0x0A {
            _ = appendNode(.hardBreak)
            position += 2
        } else if next < text.count, text[next].isASCIIPunctuation {
            pending.append(text[next])
            position += 2
        } else {
            pending.append(UInt8(ascii: "\\"))
            position += 1
        }
    }

    private mutating func characterReference() {
        if let reference = CharacterReference.decode(text[...], at: position) {
            pending.append(contentsOf: reference.bytes)
            position += reference.length
        } else {
            pending.append(UInt8(ascii: "&"))
            position += 1
        }
    }

    /// A backtick run opens a code span closed by the next run of the same length; without one,
    /// the backticks are text.
    private mutating func codeSpan() {
        let length = text[position...].prefix { $0 == UInt8(ascii: "`") }.count
        let contentStart = position + length
        guard let close = closingBacktickRun(length: length, from: contentStart) else {
            pending.append(contentsOf: repeatElement(UInt8(ascii: "`"), count: length))
            position = contentStart
            return
        }
        var content = text[contentStart..<close].map { $0 == 0x0A ? 0x20 : $0 }
        // One space on each side is padding, so that a span can start or end with a backtick.
        if content.count >= 2, content.first == 0x20, content.last == 0x20, content.contains(where: { $0 != 0x20 }) {
            content = Array(content.dropFirst().dropLast())
        }
        _ = appendNode(.code(content))
        position = close + length
    }

    private mutating func closingBacktickRun(length: Int, from start: Int) -> Int? {
        if backtickRuns == nil { backtickRuns = Self.backtickRuns(in: text) }
        guard let starts = backtickRuns?[length] else { return nil }
        var cursor = backtickCursors[length, default: 0]
        while cursor < starts.count, starts[cursor] < start { cursor += 1 }
        backtickCursors[length] = cursor
        return cursor < starts.count ? starts[cursor] : nil
    }

    private static func backtickRuns(in text: [UInt8]) -> [Int: [Int]] {
        var runs: [Int: [Int]] = [:]
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let start = index
            while index < text.count, text[index] == UInt8(ascii: "`") { index += 1 }
            runs[index - start, default: []].append(start)
        }
        return runs
    }
}
