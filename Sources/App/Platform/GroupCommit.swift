import Fluent
import NIOConcurrencyHelpers
import SQLKit

/// Group commit, on SQLite. Every commit flushes the log to disk (`synchronous=FULL`: nothing
/// acknowledged is lost), and one at a time those flushes capped quiz submissions at about 150 a
/// second, the processors half idle. Here a write that arrives while a batch commits waits for
/// the next one, and a batch runs every write waiting in one transaction: one flush for them all.
///
/// - A write that throws rolls its batch back; its writes then run again one by one, each in a
///   transaction of its own, so the one that failed changes nothing and the others commit.
///   (Savepoints would do it without running anything twice, but each costs two statements and,
///   on SQLite, a temporary file, for errors that should not happen.) A write's body must
///   therefore only touch the database it is given, and may run twice.
/// - Each caller learns its outcome only once its write is committed: nothing is acknowledged
///   before it is on disk.
/// - Batches hold the `WriteSerializer`, so they take turns with the writes that do not batch.
/// - A write's body is given the batch's database, already in its transaction
///   (`writeTransaction` inside it nests); it must not write through another.
/// - A refusal that is part of the job (an answer saved after the submission) is better returned
///   as a value and thrown once committed: thrown inside, it fails its whole batch.
final class GroupCommit: Sendable {
    /// The application's database (never a request's, nor one in a transaction): batches outlive
    /// the request that started them.
    let db: any Database
    let writes: WriteSerializer
    /// At most this many writes a batch.
    let limit: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var waiting: [any BatchedWrite] = []
        var draining = false
    }

    init(db: any Database, writes: WriteSerializer, limit: Int = 64) {
        self.db = db
        self.writes = writes
        self.limit = limit
    }

    /// Runs `body` in the next batch and answers with its value once the batch is committed.
    func run<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let starts = state.withLockedValue { state in
                state.waiting.append(Write(body: body, continuation: continuation))
                if state.draining { return false }
                state.draining = true
                return true
            }
            // High priority: under load every submission waits for this task, which otherwise
            // queued behind the requests' own work between its statements (373 a second, not 280).
            if starts { Task(priority: .high) { await self.drain() } }
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

    /// Takes each batch once it holds the serializer: the writes that came while it waited join.
    private func drain() async {
        while await writes.run({ await commitNextBatch() }) {}
    }

    /// False when no write was waiting (and the next one starts a new drain).
    private func commitNextBatch() async -> Bool {
        guard let batch = next() else { return false }
        do {
            try await commit(batch)
            for write in batch { write.finish(nil) }
        } catch where batch.count == 1 {
            batch[0].finish(error)
        } catch {
            for write in batch {
                do {
                    try await commit([write])
                    write.finish(nil)
                } catch {
                    write.finish(error)
                }
            }
        }
        return true
    }

    private func commit(_ batch: [any BatchedWrite]) async throws {
        try await db.writeTransaction { db in
            for write in batch { try await write.run(on: db) }
        }
    }
}

private protocol BatchedWrite: Sendable {
    /// Runs the write in the batch's transaction and keeps its value; throws what it throws.
    func run(on db: any Database) async throws
    /// Answers the caller: with `failure` if its transaction failed, otherwise with the value.
    func finish(_ failure: (any Error)?)
}

/// (Its value is set by `run` and read by `finish`, one after the other on the draining task.)
private final class Write<T: Sendable>: BatchedWrite, @unchecked Sendable {
    let body: @Sendable (any Database) async throws -> T
    let continuation: CheckedContinuation<T, any Error>
    private var value: T?

    init(body: @escaping @Sendable (any Database) async throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func run(on db: any Database) async throws {
        value = try await body(db)
    }

    func finish(_ failure: (any Error)?) {
        if let failure {
            continuation.resume(throwing: failure)
        } else if let value {
            continuation.resume(returning: value)
        } else {
            continuation.resume(throwing: GroupCommitError.notRun)
        }
    }
}

enum GroupCommitError: Error {
    /// Committed without having run (it cannot happen: a batch runs every write it took).
    case notRun
}
