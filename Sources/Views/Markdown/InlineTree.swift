/// Inline content as a tree in an arena: nodes refer to each other by index, so wrapping a run of
/// siblings in an emphasis or a link is O(1) (the delimiter algorithm does it once per pair),
/// and nothing recurses when the tree is freed, however deep emphasis nests.
struct InlineTree {
    enum Kind {
        case root
        case text([UInt8])
        case code([UInt8])
        case softBreak
        case hardBreak
        case emphasis
        case strong
        case strikethrough
        /// A nil destination was refused by `MarkdownURLPolicy`: the children show without a link.
        case link(MarkdownURLPolicy.Destination?, title: String?)
        /// A nil destination was refused: the alt text shows as text.
        case image(MarkdownURLPolicy.Destination?, title: String?)
    }

    struct Node {
        var kind: Kind
        var previous: Int?
        var next: Int?
        var firstChild: Int?
        var lastChild: Int?
    }

    static let root = 0

    private(set) var nodes = [Node(kind: .root)]

    subscript(index: Int) -> Node { nodes[index] }

    /// Appends a node as the last child of `parent` (the root unless said otherwise).
    @discardableResult
    mutating func append(_ kind: Kind, to parent: Int = root) -> Int {
        let index = nodes.count
        nodes.append(Node(kind: kind, previous: nodes[parent].lastChild))
        if let last = nodes[parent].lastChild { nodes[last].next = index } else { nodes[parent].firstChild = index }
        nodes[parent].lastChild = index
        return index
    }

    /// Moves the root's children strictly between `start` and `end` (to the last child when `end`
    /// is nil) into a new node of `kind`, which takes their place.
    @discardableResult
    mutating func wrap(after start: Int, before end: Int?, in kind: Kind) -> Int {
        let wrapper = nodes.count
        nodes.append(Node(kind: kind, previous: start, next: end))
        let last = end.map { nodes[$0].previous } ?? nodes[Self.root].lastChild
        if let first = nodes[start].next, first != end, let last {
            nodes[wrapper].firstChild = first
            nodes[wrapper].lastChild = last
            nodes[first].previous = nil
            nodes[last].next = nil
        }
        nodes[start].next = wrapper
        if let end { nodes[end].previous = wrapper } else { nodes[Self.root].lastChild = wrapper }
        return wrapper
    }

    /// Unlinks `index`, a child of the root (delimiter and bracket nodes always are).
    mutating func remove(_ index: Int) {
        let (previous, next) = (nodes[index].previous, nodes[index].next)
        if let previous { nodes[previous].next = next } else { nodes[Self.root].firstChild = next }
        if let next { nodes[next].previous = previous } else { nodes[Self.root].lastChild = previous }
    }

    /// Takes `count` characters off a delimiter run's text (they became markup).
    mutating func removeLastBytes(_ count: Int, of index: Int) {
        if case .text(var bytes) = nodes[index].kind {
            nodes[index].kind = .root  // drop the reference first, so the bytes are not copied
            bytes.removeLast(min(count, bytes.count))
            nodes[index].kind = .text(bytes)
        }
    }

    /// The text of the descendants of `index`, without markup: an image's alt text. Iterative, so
    /// that no nesting depth can overflow the stack.
    func plainText(of index: Int) -> [UInt8] {
        var text: [UInt8] = []
        var parents: [Int] = []
        var current = nodes[index].firstChild
        while true {
            guard let visiting = current else {
                guard let parent = parents.popLast() else { break }
                current = nodes[parent].next
                continue
            }
            let node = nodes[visiting]
            switch node.kind {
            case .text(let bytes), .code(let bytes): text.append(contentsOf: bytes)
            case .softBreak, .hardBreak: text.append(0x20)
            default:
                if let child = node.firstChild {
                    parents.append(visiting)
                    current = child
                    continue
                }
            }
            current = node.next
        }
        return text
    }
}
