// Autolinks: `<scheme:…>` and `<address@example.com>`. Any other `<` is text, which is how raw
// HTML in the source ends up shown rather than run.
extension InlineParser {
    mutating func autolink() {
        let start = position + 1
        let uriEnd = Self.uriEnd(text, from: start)
        if let end = uriEnd ?? Self.emailEnd(text, from: start) {
            let display = text[start..<end]
            let url = (uriEnd == nil ? "mailto:" : "") + String(decoding: display, as: UTF8.self)
            position = end + 1
            if let destination = MarkdownURLPolicy.check(url, for: .link) {
                let link = appendNode(.link(destination, title: nil))
                tree.append(.text(Array(display)), to: link)
            } else {
                // A refused scheme (`<javascript:…>`): the text without the link.
                pending.append(contentsOf: display)
            }
            return
        }
        pending.append(UInt8(ascii: "<"))
        position += 1
    }

    /// The index of the `>` ending `scheme:rest` at `start`: a scheme of 2 to 32 letters, digits and
    /// `+.-` starting with a letter, then no space, control character, `<` or `>`.
    private static func uriEnd(_ text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < text.count, index - start <= 32, isSchemeByte(text[index], first: index == start) { index += 1 }
        guard (2...32).contains(index - start), index < text.count, text[index] == UInt8(ascii: ":") else { return nil }
        while index < text.count {
            switch text[index] {
            case UInt8(ascii: ">"): return index
            case 0...0x20, 0x7F, UInt8(ascii: "<"): return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func isSchemeByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        if first { return letter }
        return letter || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-")
    }

    private static let emailLocalBytes = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".utf8)

    /// The index of the `>` ending an e-mail address at `start`, by CommonMark's (HTML's) rule.
    private static func emailEnd(_ text: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < text.count, emailLocalBytes.contains(text[index]) { index += 1 }
        guard index > start, index < text.count, text[index] == UInt8(ascii: "@") else { return nil }
        index += 1
        var labelLength = 0
        while index < text.count {
            let byte = text[index]
            let isAlphanumeric = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
                || (0x61...0x7A).contains(byte)
            if isAlphanumeric || (byte == UInt8(ascii: "-") && labelLength > 0) {
                labelLength += 1
                guard labelLength <= 63 else { return nil }
            } else if byte == UInt8(ascii: "."), labelLength > 0, text[index - 1] != UInt8(ascii: "-") {
                labelLength = 0
            } else if byte == UInt8(ascii: ">"), labelLength > 0, text[index - 1] != UInt8(ascii: "-") {
                return index
            } else {
                return nil
            }
            index += 1
        }
        return nil
    }
}
