/// Writes an inline tree without recursion (a stack of open containers instead), so that emphasis
/// nested thousands deep renders in constant stack space.
enum InlineRenderer {
    static func render(_ tree: InlineTree, into writer: inout MarkupWriter) {
        var open: [Int] = []
        var current = tree[InlineTree.root].firstChild
        while true {
            guard let index = current else {
                guard let parent = open.popLast() else { return }
                if let tag = containerTag(tree[parent].kind) { writer.close(tag) }
                current = tree[parent].next
                continue
            }
            let node = tree[index]
            switch node.kind {
            case .root: break
            case .text(let bytes): writer.text(bytes)
            case .code(let bytes):
                writer.open(.code)
                writer.text(bytes)
                writer.close(.code)
            case .softBreak: writer.newline()
            case .hardBreak:
                writer.open(.br)
                writer.newline()
            case .image(let destination, let title):
                image(destination, title: title, alt: tree.plainText(of: index), into: &writer)
            case .emphasis, .strong, .strikethrough, .link:
                if case .link(let destination?, let title) = node.kind {
                    writer.open(.a, linkAttributes(destination, title: title))
                } else if let tag = containerTag(node.kind) {
                    writer.open(tag)
                }
                if let child = node.firstChild {
                    open.append(index)
                    current = child
                    continue
                }
                if let tag = containerTag(node.kind) { writer.close(tag) }
            }
            current = node.next
        }
    }

    /// The element a container is written as; nil for a link whose URL was refused, which shows
    /// its content only.
    private static func containerTag(_ kind: InlineTree.Kind) -> MarkupWriter.Tag? {
        switch kind {
        case .emphasis: .em
        case .strong: .strong
        case .strikethrough: .del
        case .link(let destination, _): destination == nil ? nil : .a
        default: nil
        }
    }

    private static func linkAttributes(_ destination: MarkdownURLPolicy.Destination,
                                       title: String?) -> [(MarkupWriter.AttributeName, String)] {
        var attributes: [(MarkupWriter.AttributeName, String)] = [(.href, destination.url)]
        if let title { attributes.append((.title, title)) }
        if destination.isExternal { attributes.append((.rel, "noopener noreferrer nofollow")) }
        return attributes
    }

    /// An image whose URL was refused shows its alt text instead.
    private static func image(_ destination: MarkdownURLPolicy.Destination?, title: String?, alt: [UInt8],
                              into writer: inout MarkupWriter) {
        guard let destination else { return writer.text(alt) }
        var attributes: [(MarkupWriter.AttributeName, String)] = [
            (.src, destination.url), (.alt, String(decoding: alt, as: UTF8.self)),
        ]
        if let title { attributes.append((.title, title)) }
        writer.open(.img, attributes)
    }
}
