@testable import App
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The database the app tests run on: in-memory SQLite, or the PostgreSQL named by
/// `ATELIER_TEST_DATABASE_URL` (CI runs the suite on both). On PostgreSQL each test gets its own
/// schema, so tests run in parallel without seeing each other's rows.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["ATELIER_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func fresh() -> AppConfig.Database {
        guard let url = postgresURL else { return .sqliteMemory }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        return .postgres(url: url, searchPath: schema)
    }
}

/// Runs `body` against a freshly configured app with an empty database.
func withApp(mailer: (any Mailer)? = nil, configure adjust: (inout AppConfig) -> Void = { _ in },
             _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    // A thread pool of its own (for SQLite's statements and files), shut down with the app: on the
    // process's shared one, a test's queries queued behind every other test's (TestAppTests).
    app.threadPool = NIOThreadPool(numberOfThreads: 2)
    // Uploaded files go to a directory of this test's own, removed afterwards.
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-test-\(UUID().uuidString)").path
    var config = AppConfig(dataDirectory: dataDirectory, database: TestDatabase.fresh(), publicURL: "http://atelier.test")
    config.bcryptCost = 4
    config.publicDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Public/").standardized.path + "/"
    adjust(&config)
    do {
        try await configure(app, config: config)
        if let mailer { app.mailer = mailer }
        try await body(app)
    } catch {
        await dropSchema(app, config)
        try? await app.asyncShutdown()
        try? FileManager.default.removeItem(atPath: config.dataDirectory)
        throw error
    }
    await dropSchema(app, config)
    try await app.asyncShutdown()
    try? FileManager.default.removeItem(atPath: config.dataDirectory)
}

private func dropSchema(_ app: Application, _ config: AppConfig) async {
    guard case .postgres(_, let schema?) = config.database, let sql = app.db as? any SQLDatabase else { return }
    try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
}
