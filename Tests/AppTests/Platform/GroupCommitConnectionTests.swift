@testable import App
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

/// On a SQLite file the group commit has a connection, an event loop and a thread of its own.
@Suite struct GroupCommitConnectionTests {
    /// The application's lifecycle handlers in the order they were registered (Vapor keeps the
    /// list to itself).
    static func handlers(_ app: Application) -> [any LifecycleHandler] {
        Mirror(reflecting: app.lifecycle).children.first { $0.label == "handlers" }?.value as? [any LifecycleHandler] ?? []
    }

    @Test func aBatchRunsOnTheGroupCommitsOwnLoopAndConnection() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/own.sqlite") }) { app in
            let commits = try #require(app.realtime.commits)
            let loop = try #require(commits.executor as? EventLoopTaskExecutor).loop
            #expect(!app.eventLoopGroup.makeIterator().contains { $0 === loop }, "not one of the loops serving requests")
            let (onLoop, database) = try await commits.run { db in (loop.inEventLoop, db.eventLoop === loop) }
            #expect(onLoop, "the batch's statements go on on its own loop")
            #expect(database, "on its own connection")
            try await commits.run { db in try await (db as! any SQLDatabase).raw("CREATE TABLE own (n INTEGER)").run() }
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT count(*) AS n FROM own").all()
            #expect(rows.count == 1, "what it committed shows on the application's connections")
        }
    }

    @Test func itStopsAfterTheRequestsInFlight() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/order.sqlite") }) { app in
            let handlers = Self.handlers(app)
            let closes = try #require(handlers.firstIndex { $0 is GroupCommitShutdown })
            let drains = try #require(handlers.firstIndex { $0 is InFlightRequests.Drain })
            #expect(closes < drains, "handlers stop in the reverse order: the drain first, then the connection")
        }
    }

    @Test func inMemoryTheGroupCommitUsesTheApplicationsDatabase() async throws {
        try await withApp(configure: { $0.database = .sqliteMemory }) { app in
            let commits = try #require(app.realtime.commits)
            #expect(commits.executor == nil)
            #expect(!Self.handlers(app).contains { $0 is GroupCommitShutdown })
        }
    }
}
