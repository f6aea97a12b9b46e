// Links and images, with CommonMark's bracket stack: `[` and `![` push an opener, `]` looks at the
// nearest one and, if a destination or a known reference follows, turns what lies between into a
// link's or image's content.
struct Bracket {
    /// The `[` or `![` text node, replaced by the link if one is made.
    let node: Int
    let isImage: Bool
    /// The delimiter on top of the stack when the bracket opened: emphasis inside the link is
    /// resolved above it, before the link is made.
    let delimiterBottom: Int?
    /// Where the bracket's text starts, for `[shortcut]` and `[collapsed][]` references.
    let textStart: Int
}

extension InlineParser {
    mutating func openBracket(isImage: Bool) {
        let node = appendNode(.text(Array((isImage ? "![" : "[").utf8)))
        let length = isImage ? 2 : 1
        brackets.append(Bracket(node: node, isImage: isImage, delimiterBottom: delimiters.last,
                                textStart: position + length))
        position += length
    }

    mutating func closeBracket() {
        let close = position
        position += 1
        guard let bracket = brackets.last else {
            pending.append(UInt8(ascii: "]"))
            return
        }
        let isActive = bracket.isImage || brackets.count - 1 >= inactiveLinkOpeners
        guard isActive, let (target, end) = linkTarget(after: close + 1, text: bracket.textStart..<close) else {
            popBracket()
            pending.append(UInt8(ascii: "]"))
            return
        }
        position = end
        flush()
        processEmphasis(above: bracket.delimiterBottom)
        let destination = MarkdownURLPolicy.check(target.url, for: bracket.isImage ? .image : .link)
        let kind: InlineTree.Kind = bracket.isImage
            ? .image(destination, title: target.title) : .link(destination, title: target.title)
        tree.wrap(after: bracket.node, before: nil, in: kind)
        tree.remove(bracket.node)
        popBracket()
        if !bracket.isImage { inactiveLinkOpeners = brackets.count }
    }

    private mutating func popBracket() {
        brackets.removeLast()
        inactiveLinkOpeners = min(inactiveLinkOpeners, brackets.count)
    }

    /// What follows a `]` at `start - 1`: `(destination "title")`, `[label]`, `[]`, or nothing (a
    /// shortcut reference, the bracket's own text being the label).
    private mutating func linkTarget(after start: Int, text bracketText: Range<Int>) -> (LinkReferences.Target, Int)? {
        if start < text.count, text[start] == UInt8(ascii: "("), let inline = inlineLink(from: start + 1) {
            return inline
        }
        guard !references.isEmpty else { return nil }
        if start < text.count, text[start] == UInt8(ascii: "["),
           let close = LinkReferences.labelEnd(text, from: start + 1) {
            let label = close == start + 1 ? text[bracketText] : text[(start + 1)..<close]
            return references.target(for: label).map { ($0, close + 1) }
        }
        return references.target(for: text[bracketText]).map { ($0, start) }
    }

    /// After `(`: optional destination, optional title (after whitespace), then `)`.
    private mutating func inlineLink(from start: Int) -> (LinkReferences.Target, Int)? {
        var index = LinkScanner.skipWhitespace(text, from: start)
        var url = ""
        if index < text.count, text[index] != UInt8(ascii: ")") {
            guard let destination = LinkScanner.destination(text, from: index) else { return nil }
            url = destination.value
            index = destination.end
        }
        let afterDestination = index
        index = LinkScanner.skipWhitespace(text, from: index)
        var title: String?
        if index > afterDestination, let scanned = scanner.title(text, from: index) {
            title = scanned.value
            index = LinkScanner.skipWhitespace(text, from: scanned.end)
        }
        guard index < text.count, text[index] == UInt8(ascii: ")") else { return nil }
        return (LinkReferences.Target(url: url, title: title), index + 1)
    }
}
