/// The only code in this folder that writes markup. Tag and attribute names come from closed
/// enums and every value, text or attribute, is escaped, so whatever the parser hands over stays
/// text: a mistake in the parser can produce wrong formatting, never a tag or an attribute.
struct MarkupWriter {
    /// Every element Markdown output may contain; the XSS tests allow exactly these.
    enum Tag: String, CaseIterable {
        case h2, h3, h4, h5, h6, p, blockquote, ul, ol, li, pre, code, hr, br, em, strong, del, a, img
        case table, thead, tbody, tr, th, td

        /// Elements without content or end tag.
        var isVoid: Bool { self == .hr || self == .br || self == .img }
    }

    /// Every attribute Markdown output may carry; URL values have passed `MarkdownURLPolicy`.
    enum AttributeName: String, CaseIterable {
        case href, src, alt, title, rel, `class`, start, align
    }

    private(set) var bytes: [UInt8] = []

    var result: String { String(decoding: bytes, as: UTF8.self) }

    mutating func open(_ tag: Tag, _ attributes: [(AttributeName, String)] = []) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: tag.rawValue.utf8)
        for (name, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.rawValue.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            text(value.utf8)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func close(_ tag: Tag) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: tag.rawValue.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Text or an attribute value: `& < > " '` become entities (quotes too, so the same escaping is
    /// safe in both places) and NUL becomes U+FFFD, as a browser would read it.
    mutating func text(_ text: some Sequence<UInt8>) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            case 0: bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
            default: bytes.append(byte)
            }
        }
    }

    mutating func newline() {
        bytes.append(0x0A)
    }

    /// A newline unless at the start of a line: separates blocks the way CommonMark's reference
    /// renderer does, so output reads well in a diff.
    mutating func ensureNewline() {
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
    }
}
