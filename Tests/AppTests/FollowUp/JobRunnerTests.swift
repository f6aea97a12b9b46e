@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@Suite struct JobRunnerTests {
    /// Two runners (two nodes, or two `atelier worker`s) drain one queue: every job runs exactly
    /// once. On PostgreSQL (CI runs this suite there too) the claim skips rows locked by the other.
    @Test func twoRunnersRunEachJobOnce() async throws {
        try await withApp { app in
            let runs = NIOLockedValueBox([String: Int]())
            let handler: JobRunner.Handler = { _, job in
                try await Task.sleep(for: .milliseconds(2))
                runs.withLockedValue { $0[job.key, default: 0] += 1 }
            }
            for n in 0..<60 {
                #expect(try await JobRunner.enqueue(kind: "test", key: "test-\(n)", on: app.db))
            }
            #expect(try await JobRunner.enqueue(kind: "test", key: "test-0", on: app.db) == false, "one job per key")
            let a = JobRunner(node: "a", handlers: ["test": handler], periodic: [])
            let b = JobRunner(node: "b", handlers: ["test": handler], periodic: [])
            async let ranA = a.runDue(app: app, limit: 100)
            async let ranB = b.runDue(app: app, limit: 100)
            let (countA, countB) = try await (ranA, ranB)
            #expect(countA + countB == 60)
            #expect(runs.withLockedValue { $0.count == 60 && $0.values.allSatisfy { $0 == 1 } })
            #expect(try await JobRecord.query(on: app.db).filter(\.$doneAt == nil).count() == 0)
        }
    }

    @Test func aFailingJobIsRetriedWithBackoffThenGivenUp() async throws {
        try await withApp { app in
            let failing = JobRunner(node: "a", handlers: ["boom": { _, _ in throw Abort(.internalServerError) }], periodic: [])
            try await JobRunner.enqueue(kind: "boom", key: "boom-1", on: app.db)
            let start = Date()
            #expect(try await failing.runDue(app: app, now: { start }) == 1)
            let job = try #require(try await JobRecord.query(on: app.db).first())
            #expect(job.attempts == 1 && job.doneAt == nil && job.lockedBy == nil && job.lastError != nil)
            #expect(abs(job.runAt.timeIntervalSince(start) - 30) < 1, "again in 30 s")
            #expect(try await failing.runDue(app: app, now: { start.addingTimeInterval(10) }) == 0, "not before")
            var clock = start
            for _ in 2...JobRunner.maximumAttempts {
                clock = clock.addingTimeInterval(3_601)
                let now = clock
                #expect(try await failing.runDue(app: app, now: { now }) == 1)
            }
            let given = try #require(try await JobRecord.query(on: app.db).first())
            #expect(given.failedAt != nil && given.attempts == JobRunner.maximumAttempts)
            let dayAfter = clock.addingTimeInterval(86_400)
            #expect(try await failing.runDue(app: app, now: { dayAfter }) == 0, "kept, not run again")
            #expect(JobRunner.backoff(attempts: 3) == 120 && JobRunner.backoff(attempts: 20) == 3_600)
        }
    }

    @Test func aLapsedClaimIsTakenOverAndPeriodicJobsAreEnqueuedOncePerPeriod() async throws {
        try await withApp { app in
            let done = NIOLockedValueBox(0)
            let runner = JobRunner(node: "b", handlers: ["tick": { _, _ in done.withLockedValue { $0 += 1 } }],
                                   periodic: [.init(kind: "tick", interval: 300)])
            let now = Date(timeIntervalSince1970: 1_800_000_100)
            try await runner.schedule(now: now, on: app.db)
            try await runner.schedule(now: now.addingTimeInterval(60), on: app.db)
            #expect(try await JobRecord.query(on: app.db).count() == 1, "one per period, whoever schedules it")
            // Node a claimed it and died: after its lease, b runs it.
            let dead = JobRunner(node: "a", handlers: [:], periodic: [])
            #expect(try await dead.claim(now: now, on: app.db) != nil)
            #expect(try await runner.runDue(app: app, now: { now.addingTimeInterval(60) }) == 0, "still held")
            #expect(try await runner.runDue(app: app, now: { now.addingTimeInterval(601) }) == 1)
            #expect(done.withLockedValue { $0 } == 1)
            try await runner.schedule(now: now.addingTimeInterval(300), on: app.db)
            #expect(try await JobRecord.query(on: app.db).count() == 2, "the next period")
        }
    }

    @Test func aRunnerWhoseClaimWasTakenOverChangesNothing() async throws {
        try await withApp { app in
            // While a's job runs, its lease lapses and b takes the job over.
            let takeOver: JobRunner.Handler = { app, job in
                try await JobRecord.query(on: app.db).filter(\.$id == job.id!).set(\.$lockedBy, to: "b").update()
            }
            let a = JobRunner(node: "a", handlers: ["slow": takeOver], periodic: [])
            try await JobRunner.enqueue(kind: "slow", key: "slow-1", on: app.db)
            #expect(try await a.runDue(app: app) == 1)
            let job = try #require(try await JobRecord.query(on: app.db).first())
            #expect(job.doneAt == nil && job.lockedBy == "b", "b's claim stands; b finishes it")
        }
    }
}
