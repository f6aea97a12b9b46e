/// A fragment of HTML: zero or more nodes, built with the element functions and `@HTMLBuilder`.
///
/// Text and attribute values are escaped by construction; the only way to put raw markup in a
/// fragment is `TrustedHTML`. An element is rendered into bytes as soon as it is built (its
/// children are bytes already, so this is one allocation and a few memcpys), except a leaf with one
/// text child, which its parent writes directly; a finished page is therefore already its bytes.
/// Measured, this beat keeping a node tree: walking and freeing a tree cost more than the copies.
public struct HTML: Sendable {
    enum Node: Sendable {
        case empty
        case text(String)
        case trusted(String)
        case bytes(RenderedBytes)
        /// Siblings from a block or a loop, written out by the enclosing element.
        case list([HTML])
        /// The commonest leaf, `td { name }`, left for the parent to write: no buffer of its own.
        case textElement(StaticString, [Attribute], String)
    }

    let node: Node
    /// An upper bound of the rendered size (what is not bytes yet may grow when escaped), kept so
    /// a parent sizes its buffer without switching over (and so copying) every child.
    let maximumByteCount: Int

    init(node: Node) {
        self.node = node
        self.maximumByteCount = Self.maximumByteCount(of: node)
    }
}

public extension HTML {
    /// No nodes at all; renders as nothing.
    static var empty: HTML { HTML(node: .empty) }

    /// Text, escaped when rendered (`& < > " '` become entities).
    init(_ text: String) {
        self.init(node: .text(text))
    }

    /// Raw markup that was sanitized before it got here (see `TrustedHTML`).
    init(_ trusted: TrustedHTML) {
        self.init(node: .trusted(trusted.rawValue))
    }

    /// The fragment as a String (tests, debugging); responses should use `renderBytes()`.
    func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// Appends the fragment's UTF-8 bytes to `buffer`.
    func render(into buffer: inout [UInt8]) {
        rendered.withBytes { buffer.append(contentsOf: $0) }
    }

    /// The fragment's UTF-8 bytes.
    func renderBytes() -> [UInt8] {
        rendered.withBytes { Array($0) }
    }
}

extension HTML {
    init(list children: [HTML]) {
        switch children.count {
        case 0: self = .empty
        case 1: self = children[0]
        default: self.init(node: .list(children))
        }
    }

    /// Renders an element now, unless it is a leaf with one text child (see `Node.textElement`).
    /// `prefix` is written before it (the doctype).
    init(element tag: StaticString, attributes: [Attribute], content: HTML, prefix: StaticString = "") {
        if case .text(let text) = content.node, prefix.utf8CodeUnitCount == 0 {
            self.init(node: .textElement(tag, attributes, text))
            return
        }
        let capacity = prefix.utf8CodeUnitCount + Self.maximumTagsByteCount(tag, attributes)
            + content.maximumByteCount
        self.init(node: .bytes(RenderedBytes.make(capacity: capacity) { writer in
            writer.write(prefix)
            writer.writeOpenTag(tag, attributes)
            content.write(into: &writer)
            writer.writeCloseTag(tag)
        }))
    }

    /// A void element such as `<br>`: attributes only, no closing tag.
    init(voidElement tag: StaticString, attributes: [Attribute]) {
        self.init(node: .bytes(RenderedBytes.make(capacity: Self.maximumTagsByteCount(tag, attributes)) {
            $0.writeOpenTag(tag, attributes)
        }))
    }

    private static func maximumByteCount(of node: Node) -> Int {
        switch node {
        case .empty: return 0
        case .text(let text): return text.utf8.count * ByteWriter.maximumEscapedGrowth
        case .trusted(let markup): return markup.utf8.count
        case .bytes(let bytes): return bytes.count
        case .list(let children):
            var total = 0
            for index in children.indices {
                total += children[index].maximumByteCount
            }
            return total
        case .textElement(let tag, let attributes, let text):
            return maximumTagsByteCount(tag, attributes) + text.utf8.count * ByteWriter.maximumEscapedGrowth
        }
    }

    func write(into writer: inout ByteWriter) {
        switch node {
        case .empty:
            break
        case .text(let text):
            writer.writeEscaped(text)
        case .trusted(let markup):
            writer.writeRaw(markup)
        case .bytes(let bytes):
            bytes.withBytes { writer.write($0) }
        case .list(let children):
            for index in children.indices {
                children[index].write(into: &writer)
            }
        case .textElement(let tag, let attributes, let text):
            writer.writeOpenTag(tag, attributes)
            writer.writeEscaped(text)
            writer.writeCloseTag(tag)
        }
    }

    private var rendered: RenderedBytes {
        if case .bytes(let bytes) = node {
            return bytes
        }
        return RenderedBytes.make(capacity: maximumByteCount) { write(into: &$0) }
    }

    private static func maximumTagsByteCount(_ tag: StaticString, _ attributes: [Attribute]) -> Int {
        var total = 2 * tag.utf8CodeUnitCount + 5  // <tag></tag>
        for index in attributes.indices {
            total += attributes[index].maximumByteCount
        }
        return total
    }
}

public extension HTML {
    /// A fragment from a builder block, for helpers that return several siblings or a conditional.
    init(@HTMLBuilder _ content: () -> HTML) {
        self = content()
    }
}
