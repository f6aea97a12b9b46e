// How elements and siblings are put together. The element initializer is inlined into each element
// function, so the content closure runs in its caller's frame: passed to a separate function, the
// optimizer specialized that function for the closure and copied everything it captured (a
// `for row in rows` tuple: four retains) on every element. `open` and `close` pass only trivial
// values, so an element whose content landed in place costs no reference counting at all.

extension HTML {
    /// `<tag attributes>content</tag>`, preceded by `prefix` (the doctype).
    @inline(__always)
    init(element tag: StaticString, attributes: [Attribute], content: () -> HTML, prefix: StaticString = "") {
        let opened = Self.open(tag, attributes, prefix)
        self = Self.close(tag, opened, content())
    }

    /// For content built before the element (it ends up in a rope, which is still correct).
    init(element tag: StaticString, attributes: [Attribute], content: HTML) {
        self.init(element: tag, attributes: attributes, content: { content })
    }

    /// A void element such as `<br>`: attributes only, no closing tag.
    init(voidElement tag: StaticString, attributes: [Attribute]) {
        let context = RenderContext.current
        context.recycle()
        let written = context.write(upTo: ByteWriter.openTagByteBound(tag, attributes)) {
            $0.writeOpenTag(tag, attributes)
        }
        self.init(written.piece(through: written))
    }

    /// Siblings, in order: one piece when each starts where the one before ends (the usual case,
    /// as they were written one after another), otherwise a rope. Fixed arities for the builder,
    /// inlined: an array of the children, or a call taking them, copied each one (a retain and a
    /// release).
    @inline(__always)
    init(joining c0: HTML, _ c1: HTML) {
        var run = Run()
        run.add(c0, 0); run.add(c1, 1)
        self = run.broken ? HTML(list: [c0, c1]) : run.result(run.first == 0 ? c0 : c1)
    }

    @inline(__always)
    init(joining c0: HTML, _ c1: HTML, _ c2: HTML) {
        var run = Run()
        run.add(c0, 0); run.add(c1, 1); run.add(c2, 2)
        self = run.broken ? HTML(list: [c0, c1, c2]) : run.result(run.first == 0 ? c0 : run.first == 1 ? c1 : c2)
    }

    @inline(__always)
    init(joining c0: HTML, _ c1: HTML, _ c2: HTML, _ c3: HTML) {
        var run = Run()
        run.add(c0, 0); run.add(c1, 1); run.add(c2, 2); run.add(c3, 3)
        self = run.broken ? HTML(list: [c0, c1, c2, c3])
            : run.result(run.first == 0 ? c0 : run.first == 1 ? c1 : run.first == 2 ? c2 : c3)
    }

    init(list children: [HTML]) {
        var run = Run()
        for index in children.indices { run.add(children[index], index) }
        if run.broken {
            self.init(rope: Self.joinedPieces(children))
        } else {
            self = run.first < children.count ? run.result(children[run.first]) : .empty
        }
    }

    /// Siblings seen so far, from trivial fields only: where they start and end, whether each
    /// started where the one before ended, and which was the first that was not empty.
    private struct Run {
        var first = Int.max, start = 0, end = 0
        var chunk: UInt = 0
        var broken = false

        mutating func add(_ child: borrowing HTML, _ index: Int) {
            if child.isRope { broken = true }
            let identity = child.chunkID
            guard identity != 0 else { return }
            if first == .max {
                (first, start, chunk) = (index, child.start, identity)
            } else if identity != chunk || child.start != end {
                broken = true
            }
            end = child.end
        }

        /// One piece from the first child's start to the last one's end, holding the first's chunk.
        func result(_ firstChild: HTML) -> HTML {
            guard first != .max else { return .empty }
            return firstChild.extended(from: start, to: end)
        }
    }

    private static func joinedPieces(_ children: [HTML]) -> [Piece] {
        var pieces: [Piece] = []
        for child in children {
            for piece in child.pieces {
                if let previous = pieces.last, let joined = previous.joined(with: piece) {
                    pieces[pieces.count - 1] = joined
                } else {
                    pieces.append(piece)
                }
            }
        }
        return pieces
    }

    @inline(never)
    static func open(_ tag: StaticString, _ attributes: [Attribute], _ prefix: StaticString) -> Opened {
        let context = RenderContext.current
        context.recycle()
        context.enter()
        let written = context.write(upTo: prefix.utf8CodeUnitCount + ByteWriter.openTagByteBound(tag, attributes)) {
            if prefix.utf8CodeUnitCount > 0 { $0.write(prefix) }
            $0.writeOpenTag(tag, attributes)
        }
        return Opened(context: context, tag: written)
    }

    @inline(never)
    static func close(_ tag: StaticString, _ opened: Opened, _ content: consuming HTML) -> HTML {
        let open = opened.tag
        let close = opened.context.write(upTo: tag.utf8CodeUnitCount + 3) { $0.writeCloseTag(tag) }
        let element: HTML
        if open.isInChunk(of: close), content.isEmpty, open.end == close.start {
            element = HTML(open.piece(through: close))
        } else if open.isInChunk(of: close), content.chunkID == open.chunkID,
                  content.start == open.end, content.end == close.start {
            element = content.extended(from: open.start, to: close.end)
        } else {
            element = HTML(list: [HTML(open.piece(through: open)), content, HTML(close.piece(through: close))])
        }
        // Only now: until the element holds its chunks, the one with its open tag must not be
        // freed, and the context keeps it while the element counts as open.
        opened.context.leave()
        return element
    }

    /// An element's open tag, until its close tag is written. Trivial, like `Written`.
    struct Opened {
        let context: RenderContext
        let tag: Written
    }
}
