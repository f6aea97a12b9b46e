@testable import App
import Dispatch
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Testing

/// `withApp` itself: tests run all at once, and one must not wait for the others' work.
@Suite struct TestAppTests {
    /// SQLite's statements run on a thread pool. The process's shared one has a thread per core:
    /// with every test migrating its database at once, a test's queries queued behind all of that,
    /// and one that made 40 at once waited past the connection pool's 10 seconds (a CI run failed
    /// so). Here every thread of the shared pool is kept busy while the test's app answers.
    @Test func aTestsQueriesDoNotWaitForTheSharedThreadPool() async throws {
        try await withApp { app in
            let shared = NIOSingletons.posixBlockingThreadPool
            let threads = NIOSingletons.blockingPoolThreadCountSuggestion
            let started = NIOLockedValueBox(0)
            let release = DispatchSemaphore(value: 0)
            let releasedInTime = NIOLockedValueBox(0)
            for _ in 0..<threads {
                shared.submit { _ in
                    started.withLockedValue { $0 += 1 }
                    if release.wait(timeout: .now() + 10) == .success { releasedInTime.withLockedValue { $0 += 1 } }
                }
            }
            // Released however the test ends: other tests need the shared pool too.
            var released = false
            defer { if !released { for _ in 0..<threads { release.signal() } } }
            for _ in 0..<1_000 where started.withLockedValue({ $0 }) < threads { try await Task.sleep(for: .milliseconds(20)) }
            try #require(started.withLockedValue { $0 } == threads)
            let sql = try #require(app.db as? any SQLDatabase)
            let one = try await sql.raw("SELECT 1 AS one").first()?.decode(column: "one", as: Int.self)
            for _ in 0..<threads { release.signal() }
            released = true
            #expect(one == 1)
            // Each blocked thread takes its signal; let them go back before counting.
            for _ in 0..<100 where releasedInTime.withLockedValue({ $0 }) < threads { try await Task.sleep(for: .milliseconds(20)) }
            #expect(releasedInTime.withLockedValue { $0 } == threads, "the query was answered while the shared pool was busy")
        }
    }
}
