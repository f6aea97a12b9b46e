@testable import App
import Domain
import Foundation
import Testing
import Vapor

/// The file blob store, the Range and Content-Disposition rules of serving, and the upload limits'
/// configuration.
@Suite struct BlobStoreTests {
    static func store(_ body: (FileBlobStore, String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        defer { try? FileManager.default.removeItem(atPath: root) }
        do { try await body(FileBlobStore(root: root, threadPool: pool), root) } catch {
            try? await pool.shutdownGracefully()
            throw error
        }
        try await pool.shutdownGracefully()
    }

    @Test func blobsAreNamedByTheirSHA256AndStoredOnce() async throws {
        try await Self.store { store, root in
            let bytes = Array("hello, blob".utf8)
            let key = try await store.store(bytes)
            #expect(key.hex == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
            #expect(FileManager.default.fileExists(atPath: "\(root)/\(key.hex.prefix(2))/\(key.hex.dropFirst(2))"))
            #expect(try await store.store(bytes) == key)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(key.hex.prefix(2))").count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").isEmpty)
            #expect(try await store.size(of: key) == bytes.count)
            #expect(try await store.size(of: BlobKey(hex: String(repeating: "0", count: 64))!) == nil)
        }
    }

    @Test func aDraftIsInvisibleUntilCommittedAndLeavesNothingWhenDiscarded() async throws {
        try await Self.store { store, root in
            let draft = try await store.makeDraft()
            try await draft.append(ByteBuffer(string: "half"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").count == 1)
            await draft.discard()
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["tmp"])
        }
    }

    @Test func draftsLeftByACrashAreRemovedOnceStale() async throws {
        try await Self.store { store, root in
            let fresh = try await store.makeDraft()
            try await fresh.append(ByteBuffer(string: "in progress"))
            let stale = "\(root)/tmp/left-by-a-crash"
            FileManager.default.createFile(atPath: stale, contents: Data("x".utf8))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)], ofItemAtPath: stale)
            try await store.removeStaleDrafts()
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/tmp").count == 1, "the upload in progress stays")
            #expect(!FileManager.default.fileExists(atPath: stale))
            #expect(try await fresh.commit().hex.count == 64)
        }
    }

    @Test func readingHandsOverTheAskedBytesInChunks() async throws {
        try await Self.store { store, _ in
            let bytes = (0 ..< 200_000).map { UInt8($0 % 253) }
            let key = try await store.store(bytes)
            let collected = Collected()
            try await store.read(key, range: 65_000 ..< 140_001) { await collected.add($0) }
            #expect(await collected.bytes == Array(bytes[65_000 ..< 140_001]))
            #expect(await collected.chunks >= 2)
        }
    }

    actor Collected {
        var bytes: [UInt8] = []
        var chunks = 0
        func add(_ buffer: ByteBuffer) { bytes += buffer.readableBytesView; chunks += 1 }
    }

    @Test(arguments: [
        (nil, 10, ByteRange.whole), ("bytes=0-0", 10, .part(0 ..< 1)), ("bytes=9-", 10, .part(9 ..< 10)),
        ("bytes=10-", 10, .unsatisfiable), ("bytes=-0", 10, .unsatisfiable), ("bytes=-20", 10, .part(0 ..< 10)),
        ("bytes=3-2", 10, .whole), ("bytes=+1-2", 10, .whole), ("bytes=a-b", 10, .whole), ("bytes=1-2,5-6", 10, .whole),
        ("BYTES=1-2", 10, .part(1 ..< 3)), ("bytes= 1 - 2 ", 10, .part(1 ..< 3)), ("bytes=0-", 0, .unsatisfiable),
        ("bytes=99999999999999999999-", 10, .whole), ("bytes=1", 10, .whole),
    ] as [(String?, Int, ByteRange)])
    func rangeHeaders(header: String?, size: Int, expected: ByteRange) {
        #expect(ByteRange.resolve(header, size: size) == expected)
    }

    @Test func contentDispositionCannotBeBrokenOutOf() {
        #expect(BlobResponse.contentDisposition("report.pdf", inline: false) == #"attachment; filename="report.pdf"; filename*=UTF-8''report.pdf"#)
        #expect(BlobResponse.contentDisposition("Schéma \"x\";\r\n.png", inline: true)
                == #"inline; filename="Sch_ma _x_;__.png"; filename*=UTF-8''Sch%C3%A9ma%20%22x%22%3B%0D%0A.png"#)
    }

    @Test func uploadLimitsComeFromTheEnvironment() throws {
        let config = try AppConfig.load(from: ["ATELIER_MAX_VIDEO_MB": "500", "ATELIER_MAX_UPLOAD_MB": "5"], demo: false)
        #expect(config.uploadLimits == UploadLimits(videoBytes: 500 * 1_048_576, otherBytes: 5 * 1_048_576))
        #expect(try AppConfig.load(from: [:], demo: false).uploadLimits == .standard)
        #expect(try AppConfig.load(from: ["ATELIER_DATA_DIR": "/srv/atelier"], demo: false).blobDirectory == "/srv/atelier/blobs")
        do {
            _ = try AppConfig.load(from: ["ATELIER_MAX_VIDEO_MB": "lots", "ATELIER_MAX_UPLOAD_MB": "0"], demo: false)
            Issue.record("bad limits must stop the boot")
        } catch let problems as AppConfig.Problems {
            #expect(problems.problems.count == 2)
            #expect(problems.description.contains("ATELIER_MAX_VIDEO_MB must be a whole number of megabytes"))
            #expect(problems.description.contains("ATELIER_MAX_UPLOAD_MB"))
        }
    }
}
