/// The bytes of a rendered element, in one allocation (count header + bytes).
///
/// Not `[UInt8]`: creating an Array through `init(unsafeUninitializedCapacity:)` went through an
/// unspecialized stdlib path that looked up generic metadata on every call (a tenth of build time
/// in profiles); a non-generic ManagedBuffer subclass has static metadata.
struct RenderedBytes: @unchecked Sendable {
    // @unchecked: the storage is written once in `make`, before anything else can see it, and is
    // immutable afterwards. (ManagedBuffer is explicitly not Sendable, hence this wrapper.)
    private let storage: Storage

    private final class Storage: ManagedBuffer<Int, UInt8> {}

    /// Sized for the worst case up front (`HTML.maximumByteCount`), so `body` never needs to grow it.
    static func make(capacity: Int, _ body: (inout ByteWriter) -> Void) -> RenderedBytes {
        let storage = Storage.create(minimumCapacity: capacity) { _ in 0 }
        storage.withUnsafeMutablePointers { count, elements in
            var writer = ByteWriter(UnsafeMutableBufferPointer(start: elements, count: capacity))
            body(&writer)
            count.pointee = writer.count
        }
        return RenderedBytes(storage: unsafeDowncast(storage, to: Storage.self))
    }

    var count: Int { storage.header }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeMutablePointers { count, elements in
            body(UnsafeBufferPointer(start: elements, count: count.pointee))
        }
    }
}
