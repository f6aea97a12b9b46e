/// HTML written by others (quiz questions imported from GIFT `[html]`, Moodle's own format),
/// rewritten through an allow list: the same closed set of tags and attributes Markdown output
/// uses (`MarkupWriter`), everything else dropped.
///
/// Nothing is copied from the source as markup. The source is read as tags and text; a tag on the
/// list is written anew by `MarkupWriter` without any of its attributes, except `href` on links
/// and `src`/`alt` on images, whose URLs pass `MarkdownURLPolicy` after their character
/// references are decoded. Other tags vanish and leave their text (escaped); the content of
/// `script`, `style` and the other raw-text elements vanishes with them; comments, doctypes and
/// processing instructions vanish. Tags left open are closed at the end and stray end tags are
/// ignored, so a fragment can never leave the page's own markup unbalanced.
public enum HTMLSanitizer {
    /// `source` as safe HTML. `lineBreaks`: a newline in text becomes `<br>` (Moodle's
    /// auto-format, where authors write lines as they want them shown).
    public static func sanitize(_ source: String, lineBreaks: Bool = false) -> TrustedHTML {
        var state = State(bytes: Array(source.utf8), lineBreaks: lineBreaks)
        state.run()
        return TrustedHTML(sanitized: state.writer.result)
    }

    /// Text meant literally: every character escaped, newlines shown as line breaks.
    public static func plain(_ source: String) -> TrustedHTML {
        var writer = MarkupWriter()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { writer.open(.br) }
            writer.text(line.utf8)
        }
        return TrustedHTML(sanitized: writer.result)
    }

    /// Tags kept, mapped onto Markdown's set (`<b>` is written `<strong>`, `<h1>` `<h2>`).
    static let kept: [String: MarkupWriter.Tag] = [
        "p": .p, "br": .br, "hr": .hr, "strong": .strong, "b": .strong, "em": .em, "i": .em, "u": .em,
        "del": .del, "s": .del, "strike": .del, "code": .code, "pre": .pre, "blockquote": .blockquote,
        "ul": .ul, "ol": .ol, "li": .li, "a": .a, "img": .img,
        "h1": .h2, "h2": .h2, "h3": .h3, "h4": .h4, "h5": .h5, "h6": .h6,
        "table": .table, "thead": .thead, "tbody": .tbody, "tr": .tr, "th": .th, "td": .td,
    ]

    /// How many kept elements may be open at once; tags opened deeper are dropped (their text stays).
    static let maximumDepth = 64

    /// Elements whose content is not text to show: it goes with them.
    static let dropped: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                                      "noscript", "template", "object", "svg", "math", "select"]

    private struct State {
        let bytes: [UInt8]
        let lineBreaks: Bool
        var writer = MarkupWriter()
        var open: [MarkupWriter.Tag] = []
        var index = 0

        init(bytes: [UInt8], lineBreaks: Bool) {
            self.bytes = bytes
            self.lineBreaks = lineBreaks
        }

        mutating func run() {
            var text: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<"), let end = markupEnd(at: index) {
                    flush(&text)
                    let start = index
                    index = end  // a dropped element moves it further, past its content
                    handleMarkup(start..<end)
                } else if byte == UInt8(ascii: "&"), let reference = CharacterReference.decode(bytes[...], at: index) {
                    text.append(contentsOf: reference.bytes)
                    index += reference.length
                } else if byte == UInt8(ascii: "\n"), lineBreaks {
                    flush(&text)
                    writer.open(.br)
                    index += 1
                } else {
                    text.append(byte)
                    index += 1
                }
            }
            flush(&text)
            while let tag = open.popLast() { writer.close(tag) }
        }

        mutating func flush(_ text: inout [UInt8]) {
            guard !text.isEmpty else { return }
            writer.text(text)
            text.removeAll(keepingCapacity: true)
        }

        /// Where the comment, declaration or tag starting at `start` ends; nil when `<` is text.
        func markupEnd(at start: Int) -> Int? {
            let next = start + 1 < bytes.count ? bytes[start + 1] : 0
            if bytes[start...].starts(with: "<!--".utf8) {
                return find("-->".utf8, from: start + 4).map { $0 + 3 } ?? bytes.count
            }
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                return find(">".utf8, from: start).map { $0 + 1 } ?? bytes.count
            }
            let nameStart = next == UInt8(ascii: "/") ? start + 2 : start + 1
            guard nameStart < bytes.count, isLetter(bytes[nameStart]) else { return nil }
            var quote: UInt8?
            var cursor = nameStart
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    return cursor + 1
                }
                cursor += 1
            }
            return bytes.count
        }

        mutating func handleMarkup(_ range: Range<Int>) {
            guard bytes[range].count > 1, bytes[range.lowerBound + 1] != UInt8(ascii: "!"),
                  bytes[range.lowerBound + 1] != UInt8(ascii: "?") else { return }
            let closing = bytes[range.lowerBound + 1] == UInt8(ascii: "/")
            var cursor = range.lowerBound + (closing ? 2 : 1)
            let nameStart = cursor
            while cursor < range.upperBound, isLetter(bytes[cursor]) || isDigit(bytes[cursor]) { cursor += 1 }
            let name = String(decoding: bytes[nameStart..<cursor], as: UTF8.self).lowercased()
            if closing {
                guard let tag = Self.keptTag(name), let depth = open.lastIndex(of: tag) else { return }
                while open.count > depth { writer.close(open.removeLast()) }
                return
            }
            if HTMLSanitizer.dropped.contains(name) {
                skipContent(of: name)
                return
            }
            // Deeper nesting than any text needs is dropped: end tags search the open ones, and
            // a bounded stack keeps a hostile text (300,000 `<b>`) linear.
            guard let tag = Self.keptTag(name), tag.isVoid || open.count < HTMLSanitizer.maximumDepth else { return }
            let attributes = parseAttributes(bytes[cursor..<range.upperBound])
            switch tag {
            case .a:
                let destination = attributes["href"].flatMap { MarkdownURLPolicy.check($0, for: .link) }
                var kept: [(MarkupWriter.AttributeName, String)] = []
                if let destination {
                    kept.append((.href, destination.url))
                    if destination.isExternal { kept.append((.rel, "noopener noreferrer nofollow")) }
                }
                writer.open(.a, kept)
                open.append(.a)
            case .img:
                guard let source = attributes["src"].flatMap({ MarkdownURLPolicy.check($0, for: .image) }) else {
                    if let alt = attributes["alt"] { writer.text(alt.utf8) }
                    return
                }
                writer.open(.img, [(.src, source.url), (.alt, attributes["alt"] ?? "")])
            default:
                writer.open(tag)
                if !tag.isVoid { open.append(tag) }
            }
        }

        static func keptTag(_ name: String) -> MarkupWriter.Tag? { HTMLSanitizer.kept[name] }

        /// Moves past the end tag of a dropped element (to the end when it is never closed).
        mutating func skipContent(of name: String) {
            let end = Array("</\(name)".utf8)
            var cursor = index
            while let found = find(end, from: cursor, caseInsensitive: true) {
                let after = found + end.count
                if after >= bytes.count || !(isLetter(bytes[after]) || isDigit(bytes[after])) {
                    index = find(">".utf8, from: after).map { $0 + 1 } ?? bytes.count
                    return
                }
                cursor = after
            }
            index = bytes.count
        }

        /// `name="value"`, `name='value'`, `name=value` and bare `name`, names lowercased,
        /// values with their character references decoded. The first of a repeated name wins.
        func parseAttributes(_ slice: ArraySlice<UInt8>) -> [String: String] {
            var result: [String: String] = [:]
            var cursor = slice.startIndex
            let end = slice.endIndex
            func skip(while test: (UInt8) -> Bool) { while cursor < end, test(slice[cursor]) { cursor += 1 } }
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C || $0 == UInt8(ascii: "/") }
            while cursor < end {
                skip(while: isSpace)
                let nameStart = cursor
                skip { !isSpace($0) && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ">") }
                guard cursor > nameStart else { cursor += 1; continue }
                let name = String(decoding: slice[nameStart..<cursor], as: UTF8.self).lowercased()
                skip(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
                var value = ""
                if cursor < end, slice[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    skip(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
                    var valueBytes: ArraySlice<UInt8>
                    if cursor < end, slice[cursor] == UInt8(ascii: "\"") || slice[cursor] == UInt8(ascii: "'") {
                        let quote = slice[cursor]
                        cursor += 1
                        let start = cursor
                        skip { $0 != quote }
                        valueBytes = slice[start..<cursor]
                        if cursor < end { cursor += 1 }
                    } else {
                        let start = cursor
                        skip { !isSpace($0) && $0 != UInt8(ascii: ">") }
                        valueBytes = slice[start..<cursor]
                    }
                    value = decodeReferences(valueBytes)
                }
                if result[name] == nil { result[name] = value }
            }
            return result
        }

        func decodeReferences(_ slice: ArraySlice<UInt8>) -> String {
            var output: [UInt8] = []
            var cursor = slice.startIndex
            while cursor < slice.endIndex {
                if slice[cursor] == UInt8(ascii: "&"), let reference = CharacterReference.decode(slice, at: cursor) {
                    output.append(contentsOf: reference.bytes)
                    cursor += reference.length
                } else {
                    output.append(slice[cursor])
                    cursor += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }

        func find(_ needle: some Collection<UInt8>, from start: Int, caseInsensitive: Bool = false) -> Int? {
            let needle = Array(needle)
            guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
            var cursor = start
            while cursor <= bytes.count - needle.count {
                var matched = true
                for offset in 0..<needle.count {
                    let byte = bytes[cursor + offset]
                    if caseInsensitive ? (byte | 0x20) != (needle[offset] | 0x20) : byte != needle[offset] { matched = false; break }
                }
                if matched { return cursor }
                cursor += 1
            }
            return nil
        }

        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    }
}
