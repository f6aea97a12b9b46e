import Fluent
import NIOConcurrencyHelpers
import SQLKit

/// Group commit, on SQLite. Every commit flushes the log to disk (`synchronous=FULL`: nothing
/// acknowledged is lost), and one at a time those flushes capped quiz submissions at about 150 a
/// second, the processors half idle. Here a write that arrives while a batch commits waits for
/// the next one, and a batch runs every write waiting, each in its own savepoint, in one
/// transaction: one flush for them all.
///
/// - A write that throws is rolled back to its savepoint and changes nothing; the others commit.
/// - Each caller learns its outcome only once its batch is committed: nothing is acknowledged
///   before it is on disk. A failed commit (or savepoint) fails every write of the batch.
/// - Batches hold the `WriteSerializer`, so they take turns with the writes that do not batch.
/// - A write's body is given the batch's database, already in its transaction
///   (`writeTransaction` inside it nests); it must not write through another.
final class GroupCommit: Sendable {
    let writes: WriteSerializer
    /// At most this many writes a batch.
    let limit: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var waiting: [any BatchedWrite] = []
        var draining = false
    }

    init(writes: WriteSerializer, limit: Int = 64) {
        self.writes = writes
        self.limit = limit
    }

    /// Runs `body` in the next batch and answers with its value once the batch is committed.
    /// `db` is what the batch runs on if this write starts one.
    func run<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLockedValue { state in
                state.waiting.append(Write(body: body, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            if starts { Task { await self.drain(on: db) } }
        }
    }

    private func next() -> [any BatchedWrite]? {
        state.withLockedValue { state in
            guard !state.waiting.isEmpty else {
                state.draining = false
                return nil
            }
            let batch = Array(state.waiting.prefix(limit))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }

    private func drain(on db: any Database) async {
        while let batch = next() {
            do {
                try await writes.run {
                    try await db.writeTransaction { db in
                        for write in batch { try await write.run(on: db) }
                    }
                }
                for write in batch { write.finish(nil) }
            } catch {
                // BEGIN, a savepoint or COMMIT failed: none of the batch is written.
                for write in batch { write.finish(error) }
            }
        }
    }
}

private protocol BatchedWrite: Sendable {
    /// Runs the write in a savepoint of the batch's transaction and keeps its outcome; throws
    /// only when a savepoint cannot be taken or ended, which fails the whole batch.
    func run(on db: any Database) async throws
    /// Answers the caller: with `failure` if the batch failed, otherwise with the write's outcome.
    func finish(_ failure: (any Error)?)
}

/// (Its outcome is set by `run` and read by `finish`, one after the other on the draining task.)
private final class Write<T: Sendable>: BatchedWrite, @unchecked Sendable {
    let body: @Sendable (any Database) async throws -> T
    let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error> = .failure(GroupCommitError.notRun)

    init(body: @escaping @Sendable (any Database) async throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("SAVEPOINT batched_write").run()
        do {
            outcome = .success(try await body(db))
        } catch {
            outcome = .failure(error)
            try await sql.raw("ROLLBACK TO batched_write").run()
        }
        try await sql.raw("RELEASE batched_write").run()
    }

    func finish(_ failure: (any Error)?) {
        continuation.resume(with: failure.map { .failure($0) } ?? outcome)
    }
}

enum GroupCommitError: Error {
    /// The batch ended before this write ran (it cannot: a batch runs every write it took).
    case notRun
}
