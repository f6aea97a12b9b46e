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
    ///
    /// The immediate transaction is begun here rather than Fluent's deferred one exchanged for it:
    /// each statement is a turn on SQLite's thread, and under load each turn waits about a
    /// millisecond for the event loop and the task to run again (a group commit of eleven
    /// submissions spent 3.4 of its 16 ms beginning).
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        return try await withConnection { connection in
            let db = SQLiteWriteTransaction(connection: connection as! any Database & SQLDatabase)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}

/// One SQLite connection inside the immediate transaction `writeTransaction` began: what runs on
/// it runs in that transaction, and a transaction begun inside it is part of this one (as in
/// Fluent's own).
private struct SQLiteWriteTransaction: Database, SQLDatabase {
    let connection: any Database & SQLDatabase

    var context: DatabaseContext { connection.context }
    var inTransaction: Bool { true }
    var logger: Logger { connection.logger }
    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { connection.version }
    var dialect: any SQLDialect { connection.dialect }
    var queryLogLevel: Logger.Level? { connection.queryLogLevel }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        connection.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { connection.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { connection.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        connection.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await connection.execute(sql: query, onRow)
    }
}
