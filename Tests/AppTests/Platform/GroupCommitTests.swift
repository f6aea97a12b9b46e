@testable import App
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

/// Writes committed together (`GroupCommit`): each one's value comes back only once it is on
/// disk, and one that fails takes nothing of the others with it.
@Suite struct GroupCommitTests {
    /// The serializer held, as by a batch in progress, until `release`: writes queue meanwhile.
    static func hold(_ commits: GroupCommit) async -> (release: @Sendable () -> Void, holder: Task<Void, Never>) {
        let (held, hold) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let holder = Task { await commits.writes.run { hold.yield(); for await _ in release { break } } }
        for await _ in held { break }
        return ({ releasing.yield() }, holder)
    }

    private func withTally(_ body: @escaping (Application, any SQLDatabase, GroupCommit) async throws -> Void) async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/batched.sqlite") }) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("CREATE TABLE tally (n INTEGER NOT NULL UNIQUE)").run()
            try await body(app, sql, try #require(app.realtime.commits))
        }
    }

    @Test func manyWritesAtOnceAreEachOnDiskWhenTheirCallerHearsBack() async throws {
        try await withTally { app, sql, commits in
            let seen = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 1...40 {
                    group.addTask {
                        let value = try await commits.run { db in
                            try await (db as! any SQLDatabase).raw("INSERT INTO tally (n) VALUES (\(bind: n))").run()
                            return n
                        }
                        #expect(value == n)
                        // Read on another connection of the pool: only a committed row shows there.
                        let rows = try await sql.raw("SELECT n FROM tally WHERE n = \(bind: n)").all()
                        return rows.count == 1
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(seen.count == 40 && seen.allSatisfy { $0 })
        }
    }

    @Test func aWriteThatFailsChangesNothingAndTheOthersCommit() async throws {
        try await withTally { app, sql, commits in
            struct Refused: Error {}
            try await sql.raw("INSERT INTO tally (n) VALUES (0)").run()  // there before any of them: 7 fails whatever their order
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for n in 1...12 {
                    group.addTask {
                        do {
                            try await commits.run { db in
                                let sql = db as! any SQLDatabase
                                try await sql.raw("INSERT INTO tally (n) VALUES (\(bind: n))").run()
                                if n == 5 {
                                    try await sql.raw("INSERT INTO tally (n) VALUES (100)").run()
                                    throw Refused()
                                }
                                if n == 7 { try await sql.raw("INSERT INTO tally (n) VALUES (0)").run() }  // a constraint fails
                            }
                            return (n, true)
                        } catch {
                            return (n, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { !$0.value }.keys.sorted() == [5, 7])
            let rows = try await sql.raw("SELECT n FROM tally ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [0, 1, 2, 3, 4, 6, 8, 9, 10, 11, 12], "neither 5's rows nor 7's")
        }
    }

    @Test func writesWaitingTogetherCommitAsOneAndAFailureRunsThemAgainAlone() async throws {
        try await withTally { app, sql, commits in
            struct Refused: Error {}
            let runs = NIOLockedValueBox([Int: Int]())
            let held = await Self.hold(commits)
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for n in 1...6 {
                    group.addTask {
                        do {
                            try await commits.run { db in
                                runs.withLockedValue { $0[n, default: 0] += 1 }
                                try await (db as! any SQLDatabase).raw("INSERT INTO tally (n) VALUES (\(bind: n))").run()
                                if n == 4 { throw Refused() }
                            }
                            return (n, true)
                        } catch {
                            return (n, false)
                        }
                    }
                }
                try await Task.sleep(for: .milliseconds(100))  // all six queued behind the holder
                held.release()
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            await held.holder.value
            #expect(outcomes == [1: true, 2: true, 3: true, 4: false, 5: true, 6: true])
            let rows = try await sql.raw("SELECT n FROM tally ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [1, 2, 3, 5, 6])
            // 4 ran in a batch with others, which its failure rolled back, then alone: twice. (Alone
            // from the start, it would have run once.) The others ran once or twice, by their place.
            let counts = runs.withLockedValue { $0 }
            #expect(counts[4] == 2)
            #expect(counts.count == 6 && counts.values.allSatisfy { $0 == 1 || $0 == 2 })
        }
    }

    /// Puts its number in the tally, with the others of its run, in one statement.
    private struct Tally: GroupedWrite {
        let n: Int
        let calls: NIOLockedValueBox<[[Int]]>

        static func runAll(_ writes: [Tally], on db: any Database) async throws -> [Int] {
            writes.first?.calls.withLockedValue { $0.append(writes.map(\.n)) }
            let insert = (db as! any SQLDatabase).insert(into: "tally").columns("n")
            for write in writes { insert.values([write.n] as [any Encodable & Sendable]) }
            try await insert.run()
            return writes.map { $0.n * 10 }
        }
    }

    @Test func groupedWritesThatFollowEachOtherRunAsOneAndTheirOrderIsKept() async throws {
        try await withTally { app, sql, commits in
            let calls = NIOLockedValueBox([[Int]]())
            let held = await Self.hold(commits)
            // Queued in this order behind the holder: 1, 2, 3 grouped; 4 a closure that sees them; 5, 6 grouped; 7 a duplicate of 1.
            var tasks: [Task<Int, any Error>] = []
            for n in 1...7 {
                if n == 4 {
                    tasks.append(Task {
                        try await commits.run { db in
                            try await (db as! any SQLDatabase).raw("SELECT count(*) AS n FROM tally").first()!.decode(column: "n", as: Int.self)
                        }
                    })
                } else {
                    tasks.append(Task { try await commits.run(Tally(n: n == 7 ? 1 : n, calls: calls)) })
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            held.release()
            await held.holder.value
            var outcomes: [Result<Int, any Error>] = []
            for task in tasks { outcomes.append(await task.result) }
            // 1 again breaks the unique rule: that batch is rolled back and its writes run again alone.
            #expect(calls.withLockedValue { $0 } == [[1, 2, 3], [5, 6, 1], [1], [2], [3], [5], [6], [1]])
            #expect(outcomes.prefix(6).map { try? $0.get() } == [10, 20, 30, 3, 50, 60], "4 saw the three before it")
            #expect((try? outcomes[6].get()) == nil)
            let rows = try await sql.raw("SELECT n FROM tally ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            #expect(rows == [1, 2, 3, 5, 6])
        }
    }
}
