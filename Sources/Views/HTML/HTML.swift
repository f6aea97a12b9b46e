/// A fragment of HTML: zero or more nodes, built with the element functions and `@HTMLBuilder`.
///
/// Text and attribute values are escaped by construction; the only way to put raw markup in a
/// fragment is `TrustedHTML`. A fragment is rendered as it is built: an element writes its open
/// tag, its content block runs (so its children write themselves right behind it) and it writes
/// its close tag, all into this thread's chunk (see `RenderContext`), so a finished page is one
/// piece of a chunk and rendering it is one copy. Measured on the 50-row page, this is several
/// times cheaper than a buffer per element (malloc, free, a copy per level of nesting) or a node
/// tree (allocating, walking and freeing it).
///
/// Fragments built out of order, such as one built earlier and placed later, or placed twice, are
/// not moved: they become a rope of pieces, copied in order when the page is rendered.
public struct HTML: Sendable {
    /// What keeps the bytes alive. An enum rather than `Chunk?` and `[Piece]?` fields: the
    /// compiler copied and destroyed an optional class field through generic Optional witnesses.
    enum Owner: Sendable {
        case none
        case chunk(Chunk)
        case rope([Piece])
    }

    let owner: Owner
    /// For one piece, `start..<end` of the chunk at address `chunkID`; 0 otherwise. Trivial
    /// fields, so that joining siblings compares them without copying references (a retain and a
    /// release per child, a fifth of build time in profiles).
    let chunkID: UInt
    private(set) var start: Int
    private(set) var end: Int

    init(_ piece: Piece) {
        owner = .chunk(piece.chunk)
        chunkID = UInt(bitPattern: Unmanaged.passUnretained(piece.chunk).toOpaque())
        start = piece.start
        end = piece.end
    }

    init(rope pieces: [Piece]) {
        owner = .rope(pieces)
        (chunkID, start, end) = (0, 0, 0)
    }

    private init() {
        owner = .none
        (chunkID, start, end) = (0, 0, 0)
    }

    var isEmpty: Bool {
        if chunkID == 0, case .none = owner { true } else { false }
    }

    var isRope: Bool {
        if chunkID == 0, case .rope = owner { true } else { false }
    }

    /// The same chunk over a wider range: `consuming` and mutated in place, so the reference to
    /// the chunk is moved along rather than retained for the result and released with `self`.
    consuming func extended(from start: Int, to end: Int) -> HTML {
        self.start = start
        self.end = end
        return self
    }

    /// The fragment's pieces, in order.
    var pieces: [Piece] {
        switch owner {
        case .none: []
        case .chunk(let chunk): [Piece(chunk: chunk, start: start, end: end)]
        case .rope(let pieces): pieces
        }
    }
}

public extension HTML {
    /// No nodes at all; renders as nothing.
    static var empty: HTML { HTML() }

    /// Text, escaped (`& < > " '` become entities).
    init(_ text: String) {
        self.init(RenderContext.current.writeEscaped(text))
    }

    /// Raw markup that was sanitized before it got here (see `TrustedHTML`).
    init(_ trusted: TrustedHTML) {
        self.init(RenderContext.current.writeRaw(trusted.rawValue))
    }

    /// A fragment from a builder block, for helpers that return several siblings or a conditional.
    init(@HTMLBuilder _ content: () -> HTML) {
        self = content()
    }

    /// The fragment as a String (tests, debugging); responses should use `renderBytes()`.
    func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// Appends the fragment's UTF-8 bytes to `buffer`.
    func render(into buffer: inout [UInt8]) {
        switch owner {
        case .none:
            break
        case .chunk(let chunk):
            buffer.append(contentsOf: UnsafeBufferPointer(start: chunk.base + start, count: end - start))
        case .rope(let pieces):
            for piece in pieces { buffer.append(contentsOf: piece.bytes) }
        }
    }

    /// The fragment's UTF-8 bytes.
    func renderBytes() -> [UInt8] {
        if case .chunk(let chunk) = owner {
            return Array(UnsafeBufferPointer(start: chunk.base + start, count: end - start))
        }
        var bytes: [UInt8] = []
        render(into: &bytes)
        return bytes
    }
}

extension RenderContext {
    /// Text, escaped. Reserves the worst case (every byte an entity) unless the text is long,
    /// where it counts exactly rather than claim up to six times its size.
    func writeEscaped(_ text: String) -> Piece {
        recycle()
        let count = text.utf8.count
        let bound = count <= 4096 ? count * Escaping.maximumGrowth : Escaping.escapedByteCount(text)
        let written = write(upTo: bound) { $0.writeEscaped(text) }
        return written.piece(through: written)
    }

    func writeRaw(_ markup: String) -> Piece {
        recycle()
        let written = write(upTo: markup.utf8.count) { $0.writeRaw(markup) }
        return written.piece(through: written)
    }
}
