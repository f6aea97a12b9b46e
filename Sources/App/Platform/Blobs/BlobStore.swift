import Vapor

/// The name of stored bytes: the hex SHA-256 of the content, so the same file uploaded twice (or
/// named by a course and its copy) is stored once, and a name can never point at other bytes.
struct BlobKey: Hashable, Sendable, CustomStringConvertible {
    let hex: String

    /// Only 64 lowercase hex digits: a key also becomes a path on disk.
    init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        self.hex = hex
    }

    var description: String { hex }
}

/// Where uploaded files' bytes live: a directory of the data directory on one machine, a shared
/// volume or an S3-compatible store behind the same protocol when several nodes serve one database.
protocol BlobStore: Sendable {
    /// Starts receiving a new blob; nothing is visible until `commit`.
    func makeDraft() async throws -> any BlobDraft
    /// The size of a stored blob, or nil if it is not there.
    func size(of key: BlobKey) async throws -> Int?
    /// Hands the bytes of `range` of a stored blob to `consume`, one chunk at a time, waiting for
    /// each to be taken: a slow phone playing a 200 MB video never makes the server buffer it.
    func read(_ key: BlobKey, range: Range<Int>, to consume: @Sendable (ByteBuffer) async throws -> Void) async throws
}

/// Bytes on their way into the store, hashed as they arrive.
protocol BlobDraft: Sendable {
    func append(_ chunk: ByteBuffer) async throws
    /// Makes the bytes durable under their hash and returns it. Content already stored is kept
    /// as it is and the draft dropped.
    func commit() async throws -> BlobKey
    /// Forgets the bytes received (a refused upload leaves nothing behind).
    func discard() async
}

extension BlobStore {
    /// Stores a small blob held in memory (the demo's files, tests).
    func store(_ bytes: [UInt8]) async throws -> BlobKey {
        let draft = try await makeDraft()
        do {
            try await draft.append(ByteBuffer(bytes: bytes))
            return try await draft.commit()
        } catch {
            await draft.discard()
            throw error
        }
    }
}

extension Application {
    private struct BlobStoreKey: StorageKey { typealias Value = any BlobStore }

    /// Registered by `configure` (a `FileBlobStore` in the data directory); tests may put another.
    var blobStore: any BlobStore {
        get {
            guard let store = storage[BlobStoreKey.self] else { fatalError("configure() registers the blob store") }
            return store
        }
        set { storage[BlobStoreKey.self] = newValue }
    }
}

extension Request {
    var blobStore: any BlobStore { application.blobStore }
}
