import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// The two databases Atelier runs on, chosen by `AppConfig.database`.
enum DatabaseSetup {
    static func register(_ choice: AppConfig.Database, on app: Application) throws {
        switch choice {
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
            // One connection per event loop: the driver ignores any other number (more connections
            // would only contend for the thread pool's threads). Group commit has one of its own.
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let searchPath { configuration.searchPath = [searchPath] }
            // Several per event loop, as for SQLite: a request's queries need not queue behind another
            // request's, nor behind a peer review push holding one for its run (`PeerPushLock`).
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4), as: .psql)
        }
    }

    /// PostgreSQL with a search path (tests): create that schema, so tables land in it.
    static func prepare(_ app: Application) async throws {
        guard case .postgres(_, let searchPath?) = app.atelierConfig.database, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: searchPath)").run()
    }

    /// SQLite: write-ahead logging (kept in the file) so readers never wait for the writer. SQLiteNIO
    /// already retries on a busy database, and the default `synchronous=FULL` keeps every commit.
    static func tune(_ app: Application) async throws {
        guard case .sqliteFile = app.atelierConfig.database, let sql = app.db as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
