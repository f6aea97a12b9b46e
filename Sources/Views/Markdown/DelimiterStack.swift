/// A run of `*`, `_` or `~~` that may open or close emphasis.
struct Delimiter {
    let character: UInt8
    /// Characters left (each pairing uses one or two).
    var count: Int
    let originalCount: Int
    let canOpen: Bool
    let canClose: Bool
    /// The run's text node in the inline tree.
    let node: Int
    var previous: Int?
    var next: Int?
    var isRemoved = false
}

/// CommonMark's delimiter stack as a doubly linked list in an array: pairing removes the
/// delimiters between an opener and its closer one link at a time, each at most once, so all the
/// removals of a paragraph cost O(its length).
struct DelimiterStack {
    private(set) var items: [Delimiter] = []
    private(set) var first: Int?
    private(set) var last: Int?

    subscript(index: Int) -> Delimiter { items[index] }

    mutating func push(_ character: UInt8, count: Int, canOpen: Bool, canClose: Bool, node: Int) {
        let index = items.count
        items.append(Delimiter(character: character, count: count, originalCount: count, canOpen: canOpen,
                               canClose: canClose, node: node, previous: last))
        if let last { items[last].next = index } else { first = index }
        last = index
    }

    mutating func use(_ count: Int, of index: Int) {
        items[index].count -= count
    }

    mutating func remove(_ index: Int) {
        let (previous, next) = (items[index].previous, items[index].next)
        if let previous { items[previous].next = next } else { first = next }
        if let next { items[next].previous = previous } else { last = previous }
        items[index].isRemoved = true
    }

    /// Removes every delimiter strictly between `opener` and `closer`: they can no longer pair.
    mutating func removeBetween(_ opener: Int, _ closer: Int) {
        var current = items[opener].next
        while let index = current, index != closer {
            items[index].isRemoved = true
            current = items[index].next
        }
        items[opener].next = closer
        items[closer].previous = opener
    }

    /// Removes every delimiter above `bottom` (all of them when nil).
    mutating func removeAll(above bottom: Int?) {
        var current = bottom.map { items[$0].next } ?? first
        while let index = current {
            items[index].isRemoved = true
            current = items[index].next
        }
        if let bottom { items[bottom].next = nil } else { first = nil }
        last = bottom
    }
}
