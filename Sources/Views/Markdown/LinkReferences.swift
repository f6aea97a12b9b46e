/// Link reference definitions (`[label]: /url "title"`), collected from the whole document before
/// any inline content is parsed, so that a reference may come before its definition. Only
/// one-line definitions; the first definition of a label wins, as in CommonMark.
struct LinkReferences {
    struct Target {
        let url: String
        let title: String?
    }

    private var targets: [String: Target] = [:]

    var isEmpty: Bool { targets.isEmpty }

    mutating func define(_ label: String, _ target: Target) {
        if targets[label] == nil { targets[label] = target }
    }

    func target(for label: ArraySlice<UInt8>) -> Target? {
        Self.normalize(label).flatMap { targets[$0] }
    }

    /// CommonMark's matching: case-insensitive, runs of whitespace as one space. nil for what
    /// cannot be a label: blank, over 999 bytes, or with an unescaped bracket. The length limit
    /// also bounds the work of every lookup.
    static func normalize(_ label: ArraySlice<UInt8>) -> String? {
        guard label.count <= 999 else { return nil }
        var normalized: [UInt8] = []
        var index = label.startIndex
        while index < label.endIndex {
            let byte = label[index]
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                return nil
            case UInt8(ascii: "\\") where index + 1 < label.endIndex:
                normalized.append(contentsOf: [byte, label[index + 1]])
                index += 1
            case 0x20, 0x09, 0x0A:
                if let last = normalized.last, last != 0x20 { normalized.append(0x20) }
            default:
                normalized.append(byte)
            }
            index += 1
        }
        if normalized.last == 0x20 { normalized.removeLast() }
        return normalized.isEmpty ? nil : String(decoding: normalized, as: UTF8.self).lowercased()
    }

    /// `[label]: destination "optional title"` filling the whole line (indentation removed).
    static func definition(in line: Line) -> (label: String, target: Target)? {
        let text = Array(line)
        guard text.first == UInt8(ascii: "["), let close = labelEnd(text, from: 1),
              close + 1 < text.count, text[close + 1] == UInt8(ascii: ":"),
              let label = normalize(text[1..<close])
        else { return nil }
        let start = LinkScanner.skipWhitespace(text, from: close + 2)
        guard start < text.count, let destination = LinkScanner.destination(text, from: start),
              destination.end > start
        else { return nil }
        var scanner = LinkScanner()
        var end = LinkScanner.skipWhitespace(text, from: destination.end)
        var title: String?
        if end < text.count {
            guard end > destination.end, let scanned = scanner.title(text, from: end) else { return nil }
            title = scanned.value
            end = LinkScanner.skipWhitespace(text, from: scanned.end)
        }
        guard end == text.count else { return nil }
        return (label, Target(url: destination.value, title: title))
    }

    /// The index of the `]` closing a label that starts at `start`, within CommonMark's 999 bytes.
    static func labelEnd(_ text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < text.count, index - start <= 999 {
            switch text[index] {
            case UInt8(ascii: "]"): return index
            case UInt8(ascii: "["): return nil
            case UInt8(ascii: "\\"): index += 2
            default: index += 1
            }
        }
        return nil
    }
}
