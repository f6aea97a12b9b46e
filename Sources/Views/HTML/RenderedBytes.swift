/// Rendered bytes live in chunks: large append-only buffers that a thread's `RenderContext`
/// writes pages into, element after element, in document order. A fragment is a `Piece` of a
/// chunk (or, when its parts were built out of order, a rope of pieces), so building a page
/// allocates and copies almost nothing: an element's children are already in place behind its
/// open tag when it writes its close tag.
///
/// Bytes in a chunk are never changed once written. A chunk is reused from the start only when no
/// fragment refers to it any more (see `RenderContext.recycle`), and freed when the last one goes.
final class Chunk {
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        base.deallocate()
    }
}

// Safe to send: `base` and `capacity` never change, and the bytes a `Piece` covers were written
// before the piece existed and are never written again (only bytes after every piece of the chunk
// are, by the one thread whose context owns it, and only that context resets a chunk, when it is
// uniquely referenced, that is when no piece of it exists anywhere).
extension Chunk: @unchecked Sendable {}

/// A range of written bytes; holds its chunk, so the bytes stay alive with it.
struct Piece: Sendable {
    let chunk: Chunk
    let start: Int
    let end: Int

    var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: chunk.base + start, count: end - start)
    }

    /// The piece right after this one, if `next` is that, as one piece.
    func joined(with next: Piece) -> Piece? {
        chunk === next.chunk && end == next.start ? Piece(chunk: chunk, start: start, end: next.end) : nil
    }
}

/// Where something was just written, while its element is still open: a trivial value, so that
/// passing it around costs no reference counting (which was a fifth of build time in profiles).
/// Never stored beyond one element's construction; the context keeps the chunk alive meanwhile.
struct Written {
    let chunk: Unmanaged<Chunk>
    let start: Int
    let end: Int

    var chunkID: UInt { UInt(bitPattern: chunk.toOpaque()) }

    func isInChunk(of other: Written) -> Bool {
        chunkID == other.chunkID
    }

    /// A piece from `start` to `through.end` (same chunk), holding the chunk.
    func piece(through last: Written) -> Piece {
        Piece(chunk: chunk.takeUnretainedValue(), start: start, end: last.end)
    }
}
