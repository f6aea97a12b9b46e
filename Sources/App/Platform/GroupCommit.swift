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
    /// The application's database, or the group commit's own connection on a SQLite file (never a
    /// request's, nor one in a transaction): batches outlive the request that started them.
    let db: any Database
    let writes: WriteSerializer
    /// At most this many writes a batch.
    let limit: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var waiting: [any BatchedWrite] = []
        var draining = false
    }

    /// Where batches run (`GroupCommitConnection`); nil: with the requests' tasks.
    let executor: (any TaskExecutor)?

    init(db: any Database, writes: WriteSerializer, executor: (any TaskExecutor)? = nil, limit: Int = 64) {
        self.db = db
        self.writes = writes
        self.executor = executor
        self.limit = limit
    }

    /// How many writes wait for the next batch (tests see there that writes queued together).
    var waiting: Int { state.withLockedValue { $0.waiting.count } }

    /// Runs `body` in the next batch and answers with its value once the batch is committed.
    func run<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { enqueue(Write(body: body, continuation: $0)) }
    }

    /// Runs `write` in the next batch, together with the writes of its kind that wait beside it
    /// (`GroupedWrite`), and answers with its outcome once the batch is committed.
    func run<W: GroupedWrite>(_ write: W) async throws -> W.Outcome {
        try await withCheckedThrowingContinuation { enqueue(Grouped(write: write, continuation: $0)) }
    }

    private func enqueue(_ write: any BatchedWrite) {
        let starts = state.withLockedValue { state in
            state.waiting.append(write)
            if state.draining { return false }
            state.draining = true
            return true
        }
        // High priority: under load every submission waits for this task, which otherwise
        // queued behind the requests' own work between its statements (373 a second, not 280);
        // on its own event loop (`executor`), nothing else runs there.
        if starts { Task(executorPreference: executor, priority: .high) { await self.drain() } }
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

    /// In order; the writes of one kind that follow each other run as one.
    private func commit(_ batch: [any BatchedWrite]) async throws {
        try await db.writeTransaction { db in
            // Fluent runs this in a task of its own, which does not inherit the drain's preference.
            try await withTaskExecutorPreference(self.executor) { try await self.run(batch, on: db) }
        }
    }

    private func run(_ batch: [any BatchedWrite], on db: any Database) async throws {
        var start = 0
        while start < batch.count {
            var end = start + 1
            while end < batch.count, batch[end].kind == batch[start].kind { end += 1 }
            try await batch[start].run(batch[start..<end], on: db)
            start = end
        }
    }
}

/// A write that runs with the others of its kind waiting in the same batch: one statement for
/// all their rows rather than a few statements each. Under load the batch, not the processors,
/// limits how many are committed a second, and each statement costs a turn on SQLite's thread.
protocol GroupedWrite: Sendable {
    associatedtype Outcome: Sendable
    /// Runs `writes`, as if one after the other in the order given, in the caller's transaction:
    /// one outcome each, in the same order. Throwing rolls back every one of them.
    static func runAll(_ writes: [Self], on db: any Database) async throws -> [Outcome]
}

extension GroupedWrite {
    /// This write alone, in a transaction of its own: what runs where there is no group commit.
    func runAlone(on db: any Database) async throws -> Outcome {
        try await db.writeTransaction { db in
            let outcomes = try await Self.runAll([self], on: db)
            guard outcomes.count == 1 else { throw GroupCommitError.outcomes }
            return outcomes[0]
        }
    }
}

private protocol BatchedWrite: Sendable {
    /// Writes of one kind that follow each other in a batch run together.
    var kind: ObjectIdentifier { get }
    /// Runs `run`, writes of this one's kind with this one first, in the batch's transaction and
    /// keeps their values; throws what they throw.
    func run(_ run: ArraySlice<any BatchedWrite>, on db: any Database) async throws
    /// Answers the caller: with `failure` if its transaction failed, otherwise with the value.
    func finish(_ failure: (any Error)?)
}

/// A caller waiting for its value. (The value is set by `run` and read by `finish`, one after the
/// other on the draining task.)
private class Waiting<T: Sendable>: @unchecked Sendable {
    let continuation: CheckedContinuation<T, any Error>
    var value: T?

    init(continuation: CheckedContinuation<T, any Error>) {
        self.continuation = continuation
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

/// A closure: each runs on its own, even beside others.
private final class Write<T: Sendable>: Waiting<T>, BatchedWrite, @unchecked Sendable {
    let body: @Sendable (any Database) async throws -> T

    init(body: @escaping @Sendable (any Database) async throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        super.init(continuation: continuation)
    }

    var kind: ObjectIdentifier { ObjectIdentifier(Self.self) }

    func run(_ run: ArraySlice<any BatchedWrite>, on db: any Database) async throws {
        for write in run {
            let write = write as! Write<T>
            write.value = try await write.body(db)
        }
    }
}

private final class Grouped<W: GroupedWrite>: Waiting<W.Outcome>, BatchedWrite, @unchecked Sendable {
    let write: W

    init(write: W, continuation: CheckedContinuation<W.Outcome, any Error>) {
        self.write = write
        super.init(continuation: continuation)
    }

    var kind: ObjectIdentifier { ObjectIdentifier(Self.self) }

    func run(_ run: ArraySlice<any BatchedWrite>, on db: any Database) async throws {
        let members = run.map { $0 as! Grouped<W> }
        let outcomes = try await W.runAll(members.map(\.write), on: db)
        guard outcomes.count == members.count else { throw GroupCommitError.outcomes }
        for (member, outcome) in zip(members, outcomes) { member.value = outcome }
    }
}

enum GroupCommitError: Error {
    /// Committed without having run (it cannot happen: a batch runs every write it took).
    case notRun
    /// A `GroupedWrite` gave a number of outcomes other than one per write.
    case outcomes
}
