@testable import App
import Foundation
import SQLKit
import Testing

/// On SQLite a deferred transaction that reads, and writes after another connection committed,
/// fails at once with "database is locked" (its snapshot is stale; no busy handler can help).
/// `writeTransaction` takes the write lock first, so the other writer waits instead.
@Suite struct WriteTransactionTests {
    @Test func aTransactionThatReadsThenWritesSurvivesAWriterCommittingInBetween() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/race.sqlite") }) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE tally (n INTEGER NOT NULL)").run()
            let (hasRead, reading) = AsyncStream.makeStream(of: Void.self)
            async let first: Void = app.db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                _ = try await sql.raw("SELECT count(*) AS n FROM tally").all()
                reading.yield()
                try await Task.sleep(for: .milliseconds(150))
                try await sql.raw("INSERT INTO tally (n) VALUES (1)").run()
            }
            for await _ in hasRead { break }
            try await sql.raw("INSERT INTO tally (n) VALUES (2)").run()
            try await first
            let rows = try await sql.raw("SELECT n FROM tally ORDER BY rowid").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [1, 2])  // the other writer waited for the transaction to commit
        }
    }

    @Test func everyTransactionInTheAppTakesTheWriteLockFirst() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/App").standardized
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var plain: [String] = []
        for case let file as URL in files where file.pathExtension == "swift" && file.lastPathComponent != "WriteTransaction.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            if text.contains(".transaction {") || text.contains(".transaction({") { plain.append(file.lastPathComponent) }
        }
        #expect(plain.isEmpty, "use db.writeTransaction, not db.transaction, in \(plain)")
    }
}
