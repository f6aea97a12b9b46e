#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vapor

/// A blob being received into a temporary file of a `FileBlobStore`, hashed as it is written.
/// An actor: chunks arrive one after another from the request's task, and `discard` may come
/// from an error path; the descriptor is never used by two at once.
actor FileBlobDraft: BlobDraft {
    private let store: FileBlobStore
    private let tempPath: String
    private var fd: Int32?
    private var hasher = SHA256()

    init(store: FileBlobStore, tempPath: String, fd: Int32) {
        self.store = store
        self.tempPath = tempPath
        self.fd = fd
    }

    func append(_ chunk: ByteBuffer) async throws {
        guard let fd else { throw Abort(.internalServerError, reason: "blob draft already finished") }
        chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        try await store.threadPool.runIfActive { try POSIXFile.writeAll(fd, chunk) }
    }

    func commit() async throws -> BlobKey {
        guard let fd else { throw Abort(.internalServerError, reason: "blob draft already finished") }
        self.fd = nil
        let key = BlobKey(hex: hasher.finalize().map { String(format: "%02x", $0) }.joined())!
        let path = tempPath
        do {
            // On the disk before it gets its name: a blob under its hash is always complete.
            try await store.threadPool.runIfActive {
                defer { close(fd) }
                _ = try POSIXFile.check(fsync(fd), "fsync \(path)")
            }
            try await store.publish(path, as: key)
        } catch {
            unlink(path)
            throw error
        }
        return key
    }

    func discard() async {
        guard let fd else { return }
        self.fd = nil
        close(fd)
        unlink(tempPath)
    }

    deinit {
        // A request that failed between two chunks: leave no temporary file behind.
        if let fd {
            close(fd)
            unlink(tempPath)
        }
    }
}

/// The few POSIX calls the file store needs, with errors that name the file.
enum POSIXFile {
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }

    @discardableResult
    static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
        guard result >= 0 else { throw Failure(operation: operation(), code: errno) }
        return result
    }

    static func writeAll(_ fd: Int32, _ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw Failure(operation: "write", code: errno) }
                offset += written
            }
        }
    }

    static func read(_ fd: Int32, count: Int, at offset: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
            while true {
                let got = pread(fd, target.baseAddress!, count, off_t(offset))
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else { throw Failure(operation: "read", code: errno) }
                return got
            }
        }
        return buffer
    }

    static func makeDirectories(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    static func syncDirectory(_ path: String) throws {
        let fd = try check(open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), "open \(path)")
        defer { close(fd) }
        try check(fsync(fd), "fsync \(path)")
    }
}
