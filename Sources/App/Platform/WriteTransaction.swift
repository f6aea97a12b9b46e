import Fluent
import SQLKit

extension Database {
    /// A transaction that writes — every transaction in Atelier (a test holds the sources to it).
    ///
    /// On SQLite it waits for the write lock before its first statement (`BEGIN IMMEDIATE`). Fluent
    /// begins deferred transactions: one that reads (a position, a count) and then writes, after
    /// another connection committed in between, fails at once with "database is locked" — its
    /// snapshot is stale and no busy handler can help it; the job runner's writes at start-up were
    /// enough to make an author's first "Add lesson" fail now and then. PostgreSQL needs nothing.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if !self.inTransaction, let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // Fluent's deferred transaction has run nothing yet: exchange it for an immediate one,
                // which Fluent's COMMIT or ROLLBACK then ends.
                try await sql.raw("COMMIT").run()
                try await sql.raw("BEGIN IMMEDIATE").run()
            }
            return try await body(db)
        }
    }
}
