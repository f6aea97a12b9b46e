@testable import App
import Domain
import Foundation
import SQLKit
import Testing
import Vapor

/// Pushes decide one at a time per assignment and cohort: on one node, and across nodes on a
/// shared PostgreSQL (on SQLite there is one node).
@Suite struct PeerPushLockTests {
    /// A run that holds the lock until released.
    private actor Gate {
        private var waiting: [CheckedContinuation<Void, Never>] = []
        private(set) var entered = false
        func hold() async {
            entered = true
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() { waiting.forEach { $0.resume() }; waiting = [] }
    }

    private func place() -> PeerReviewStore.Place {
        PeerReviewStore.Place(organizationID: UUID(), cohortID: UUID(), activityID: UUID(), settings: .starter,
                              deadlines: PeerDeadlines(due: nil, settings: .starter))
    }

    private func settle(until condition: @escaping @Sendable () async -> Bool) async {
        for _ in 0..<1_000 where !(await condition()) { try? await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func aSecondRunIsTurnedAwayWhileTheFirstDecidesAndTheNextRunsAfter() async throws {
        try await withApp { app in
            let here = place(), gate = Gate()
            let first = Task { try await PeerPushLock.exclusively(here, on: app.db) { _ in await gate.hold(); return 1 } }
            await settle { await gate.entered }
            let second = try await PeerPushLock.exclusively(here, on: app.db) { _ in 2 }
            #expect(second == nil, "the same place, while the first runs")
            let elsewhere = try await PeerPushLock.exclusively(place(), on: app.db) { _ in 3 }
            #expect(elsewhere == 3, "another place runs at once")
            await gate.release()
            let firstResult = try await first.value
            #expect(firstResult == 1)
            let later = try await PeerPushLock.exclusively(here, on: app.db) { _ in 4 }
            #expect(later == 4, "free again")
        }
    }

    /// The advisory locks held on `place` by any session (PostgreSQL; 0 on SQLite). Locks are
    /// re-entrant within a session, so taking the lock again on a pooled connection would not show
    /// one left behind: `pg_locks` does. Two-key locks keep their keys as unsigned in classid/objid.
    private func held(_ place: PeerReviewStore.Place, _ app: Application) async throws -> Int {
        guard TestDatabase.postgresURL != nil, let sql = app.db as? any SQLDatabase else { return 0 }
        let (a, b) = PeerPushLock.keys(of: place)
        let row = try await sql.raw("""
            SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
            AND classid::bigint = \(bind: Int64(UInt32(bitPattern: a))) AND objid::bigint = \(bind: Int64(UInt32(bitPattern: b)))
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    @Test func onPostgreSQLAnotherNodeIsTurnedAwayToo() async throws {
        try await withApp { app in
            let here = place(), gate = Gate()
            let first = Task { try await PeerPushLock.exclusively(here, on: app.db) { _ in await gate.hold(); return 1 } }
            await settle { await gate.entered }
            // What another node runs: only the database's lock stands in its way.
            let other = try await PeerPushLock.acrossNodes(here, on: app.db) { _ in 2 }
            #expect(other == (TestDatabase.postgresURL == nil ? 2 : nil))
            #expect(try await held(here, app) == (TestDatabase.postgresURL == nil ? 0 : 1))
            await gate.release()
            let firstResult = try await first.value
            #expect(firstResult == 1)
            #expect(try await held(here, app) == 0, "released with the run")
            let after = try await PeerPushLock.acrossNodes(here, on: app.db) { _ in 3 }
            #expect(after == 3, "the lock went with the run")
            // A run that fails lets go of the lock as well.
            await #expect(throws: CancellationError.self) {
                _ = try await PeerPushLock.exclusively(here, on: app.db) { _ -> Int in throw CancellationError() }
            }
            #expect(try await held(here, app) == 0, "released when the run fails")
            let afterFailure = try await PeerPushLock.acrossNodes(here, on: app.db) { _ in 4 }
            #expect(afterFailure == 4)
        }
    }
}
