#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Vapor

/// Blobs as files under one directory, outside anything the web server serves:
/// `<root>/ab/cdef…` for the hash `abcdef…`. A new blob is written to `<root>/tmp/`, flushed to
/// the disk and renamed into place, so a blob is either whole or absent, even across `kill -9`.
/// The blocking file calls run on the thread pool, never on an event loop.
struct FileBlobStore: BlobStore {
    let root: String
    let threadPool: NIOThreadPool
    static let chunkSize = 65_536

    func path(of key: BlobKey) -> String {
        "\(root)/\(key.hex.prefix(2))/\(key.hex.dropFirst(2))"
    }

    func makeDraft() async throws -> any BlobDraft {
        let temp = "\(root)/tmp"
        let path = "\(temp)/\(UUID().lowercasedText)"
        let fd = try await threadPool.runIfActive {
            try POSIXFile.makeDirectories(temp)
            return try POSIXFile.check(open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600), "open \(path)")
        }
        return FileBlobDraft(store: self, tempPath: path, fd: fd)
    }

    func size(of key: BlobKey) async throws -> Int? {
        let path = path(of: key)
        return try await threadPool.runIfActive {
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_size) : nil
        }
    }

    func read(_ key: BlobKey, range: Range<Int>, to consume: @Sendable (ByteBuffer) async throws -> Void) async throws {
        let path = path(of: key)
        let fd = try await threadPool.runIfActive { try POSIXFile.check(open(path, O_RDONLY | O_CLOEXEC), "open \(path)") }
        defer { close(fd) }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = min(Self.chunkSize, range.upperBound - offset)
            let start = offset
            let chunk = try await threadPool.runIfActive { try POSIXFile.read(fd, count: count, at: start) }
            guard chunk.readableBytes > 0 else { throw Abort(.internalServerError, reason: "blob \(key) is shorter than recorded") }
            offset += chunk.readableBytes
            try await consume(chunk)
        }
    }

    /// Removes temporary files of uploads cut off by a crash. A day old, none is still being
    /// written (another node sharing the volume may be receiving the newer ones).
    func removeStaleDrafts(olderThan age: TimeInterval = 86_400, now: Date = Date()) async throws {
        let temp = "\(root)/tmp"
        try await threadPool.runIfActive {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: temp)) ?? []
            for name in names {
                let path = "\(temp)/\(name)"
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                if let modified, now.timeIntervalSince(modified) > age { unlink(path) }
            }
        }
    }

    /// Moves a finished temporary file to its content's name; content already there stays.
    func publish(_ tempPath: String, as key: BlobKey) async throws {
        let final = path(of: key)
        try await threadPool.runIfActive {
            let folder = "\(root)/\(key.hex.prefix(2))"
            try POSIXFile.makeDirectories(folder)
            if access(final, F_OK) == 0 {
                unlink(tempPath)
                return
            }
            _ = try POSIXFile.check(rename(tempPath, final), "rename to \(final)")
            // The rename itself must survive a crash: flush the directory entry too.
            try POSIXFile.syncDirectory(folder)
        }
    }
}
