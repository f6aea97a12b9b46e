#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a thread writes the fragments it builds: the current chunk and the position in it.
///
/// Per thread, because element functions cannot be handed a writer without changing every call
/// site (`div { … }`), and building a fragment is synchronous, so it runs on one thread from its
/// open tag to its close tag. It is a cache, not state anyone depends on: output is the same
/// whatever the context holds, because fragments keep their own chunks alive.
///
/// A pointer to the thread's state rather than a class: a class reference is retained and
/// released around calls, and closures that borrow it without that were not always inlined.
struct RenderContext {
    private let state: UnsafeMutablePointer<State>

    private struct State {
        /// Owns the current chunk; `current`, `base` and `capacity` mirror it so that writing reads
        /// no reference (reading a class reference is a retain and a release).
        var chunk: Chunk
        var current: Unmanaged<Chunk>
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var used = 0
        /// Elements opened on this thread and not closed yet. Their open tags are `Written`, which
        /// holds no reference, so until this is back to 0 nothing is reset and no chunk is freed.
        var depth = 0
        var retired: [Chunk] = []

        init(_ chunk: Chunk) {
            self.chunk = chunk
            current = Unmanaged.passUnretained(chunk)
            base = chunk.base
            capacity = chunk.capacity
        }
    }

    static let chunkSize = 64 * 1024

    /// This thread's context; it lives until the thread ends.
    @inline(__always)
    static var current: RenderContext {
        RenderContext(state: (pthread_getspecific(key) ?? makeCurrent()).assumingMemoryBound(to: State.self))
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { freeContext($0) }
        return key
    }()

    @inline(never)
    private static func makeCurrent() -> UnsafeMutableRawPointer {
        let state = UnsafeMutablePointer<State>.allocate(capacity: 1)
        state.initialize(to: State(Chunk(capacity: chunkSize)))
        pthread_setspecific(key, state)
        return UnsafeMutableRawPointer(state)
    }

    fileprivate static func free(_ raw: UnsafeMutableRawPointer) {
        let state = raw.assumingMemoryBound(to: State.self)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Before a top-level write: start the chunk over when no fragment refers to it any more.
    @inline(__always)
    func recycle() {
        guard state.pointee.depth == 0 else { return }
        if !state.pointee.retired.isEmpty { state.pointee.retired.removeAll() }
        if state.pointee.used > 0, isKnownUniquelyReferenced(&state.pointee.chunk) {
            state.pointee.used = 0
            if state.pointee.capacity > 16 * Self.chunkSize { startChunk(minimum: 0) }  // not kept
        }
    }

    @inline(__always) func enter() { state.pointee.depth += 1 }
    @inline(__always) func leave() { state.pointee.depth -= 1 }

    /// Writes at most `maximum` bytes at the end of the current chunk.
    @inline(__always)
    func write(upTo maximum: Int, _ body: (inout ByteWriter) -> Void) -> Written {
        if state.pointee.capacity - state.pointee.used < maximum { startChunk(minimum: maximum) }
        let start = state.pointee.used
        var writer = ByteWriter(state.pointee.base + start, capacity: maximum)
        body(&writer)
        state.pointee.used = start + writer.count
        return Written(chunk: state.pointee.current, start: start, end: state.pointee.used)
    }

    @inline(never)
    private func startChunk(minimum: Int) {
        let old = state.pointee
        if old.depth > 0 { state.pointee.retired.append(old.chunk) }  // open tags may be in it
        let size = minimum == 0 ? Self.chunkSize : Swift.max(Self.chunkSize, old.capacity, 2 * minimum)
        let chunk = Chunk(capacity: size)
        state.pointee.chunk = chunk
        state.pointee.current = Unmanaged.passUnretained(chunk)
        state.pointee.base = chunk.base
        state.pointee.capacity = size
        state.pointee.used = 0
    }
}

/// The key's destructor, when a thread ends.
private func freeContext(_ raw: UnsafeMutableRawPointer?) {
    if let raw { RenderContext.free(raw) }
}
