import Fluent
import Foundation
import SQLKit
import Vapor

/// Background work that must happen once whichever node runs it — the follow-up scan (risk facts
/// and automatic nudges), the notification digest mail: a row in `jobs`, claimed by
/// one runner at a time for a lease, retried with backoff when it fails, marked done when it
/// succeeds. Runs in every `atelier serve` (unless `ATELIER_JOBS=worker`) and in `atelier worker`
/// processes; any number of them may share a database.
///
/// Jobs must be idempotent: a runner that dies mid-job leaves it to be claimed again when its
/// lease ends. Periodic work (the follow-up scan) is enqueued once per period under a key made of
/// the period, so every node may try and one row results.
struct JobRunner: Sendable {
    typealias Handler = @Sendable (Application, JobRecord) async throws -> Void

    /// Work enqueued again every `interval`, as one job per period.
    struct Periodic: Sendable {
        let kind: String
        let interval: TimeInterval
    }

    let node: String
    let handlers: [String: Handler]
    let periodic: [Periodic]
    /// How long a claim holds: a job still running after it may be claimed by another runner.
    var lease: TimeInterval = 600
    static let maximumAttempts = 8

    /// Everything Atelier runs as jobs.
    static func standard(node: String = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)") -> JobRunner {
        JobRunner(node: node,
                  handlers: [FollowUpScan.kind: { app, _ in _ = try await FollowUpScan.run(app: app) },
                             NotificationMailer.job.kind: { app, _ in _ = try await NotificationMailer.run(app: app) }],
                  periodic: [Periodic(kind: FollowUpScan.kind, interval: FollowUpScan.interval), NotificationMailer.job])
    }

    /// Adds a job unless one with the same key exists (done or not). Returns whether it was added.
    @discardableResult
    static func enqueue(kind: String, key: String, payload: String = "", runAt: Date = Date(), on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let rows = try await sql.raw("""
            INSERT INTO jobs (id, kind, key, payload, run_at, attempts, created_at)
            VALUES (\(bind: UUID()), \(bind: kind), \(bind: key), \(bind: payload), \(bind: runAt), 0, \(bind: Date()))
            ON CONFLICT (key) DO NOTHING RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Enqueues the current period of each periodic job.
    func schedule(now: Date, on db: any Database) async throws {
        for job in periodic {
            let slot = (now.timeIntervalSince1970 / job.interval).rounded(.down)
            try await Self.enqueue(kind: job.kind, key: "\(job.kind)@\(Int(slot))",
                                   runAt: Date(timeIntervalSince1970: slot * job.interval), on: db)
        }
    }

    /// Claims the next due job in one statement: the first due and unclaimed (or whose claim
    /// lapsed), locked for `lease`. PostgreSQL skips rows another runner is claiming right now.
    func claim(now: Date, on db: any Database) async throws -> JobRecord? {
        guard let sql = db as? any SQLDatabase else { return nil }
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        let row = try await sql.raw("""
            UPDATE jobs SET locked_by = \(bind: node), locked_until = \(bind: now.addingTimeInterval(lease)), attempts = attempts + 1
            WHERE id = (SELECT id FROM jobs WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= \(bind: now)
                          AND (locked_until IS NULL OR locked_until < \(bind: now))
                        ORDER BY run_at, id LIMIT 1 \(skipLocked))
              AND (locked_until IS NULL OR locked_until < \(bind: now))
            RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
        return try await JobRecord.find(id, on: db)
    }

    /// Runs due jobs one after the other until none is left or `limit` ran; how many ran.
    @discardableResult
    func runDue(app: Application, now: @Sendable () -> Date = { Date() }, limit: Int = 20) async throws -> Int {
        var ran = 0
        while ran < limit, let job = try await claim(now: now(), on: app.db) {
            ran += 1
            // Written only while the claim is still ours: a runner whose lease lapsed (and whose job
            // another runner took) changes nothing.
            let id = job.id!, node = self.node
            let mine = { JobRecord.query(on: app.db).filter(\.$id == id).filter(\.$lockedBy == node).set(\.$lockedBy, to: nil).set(\.$lockedUntil, to: nil) }
            do {
                guard let handler = handlers[job.kind] else { throw JobError.unknownKind(job.kind) }
                try await handler(app, job)
                try await mine().set(\.$doneAt, to: now()).set(\.$lastError, to: nil).update()
            } catch {
                let failedAt = now()
                let message = String(String(describing: error).prefix(500))
                if job.attempts >= Self.maximumAttempts {
                    try await mine().set(\.$failedAt, to: failedAt).set(\.$lastError, to: message).update()
                    app.logger.error("Job \(job.kind) failed for good", metadata: ["key": "\(job.key)", "error": "\(error)"])
                } else {
                    try await mine().set(\.$runAt, to: failedAt.addingTimeInterval(Self.backoff(attempts: job.attempts)))
                        .set(\.$lastError, to: message).update()
                    app.logger.warning("Job \(job.kind) failed; will retry", metadata: ["attempts": "\(job.attempts)", "error": "\(error)"])
                }
            }
        }
        return ran
    }

    /// 30 s after the first failure, doubling, at most an hour.
    static func backoff(attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(attempts, 1) - 1)), 3600)
    }

    /// How long done jobs are kept: a day of history (a period's key only matters within its period).
    static let keptFor: TimeInterval = 86_400

    /// One round: schedule the periodic jobs, run what is due, forget what was done long ago.
    func tick(app: Application) async throws {
        let now = Date()
        try await schedule(now: now, on: app.db)
        try await runDue(app: app)
        try await JobRecord.query(on: app.db).filter(\.$doneAt < now.addingTimeInterval(-Self.keptFor)).delete()
    }

    enum JobError: Error { case unknownKind(String) }
}

extension RepeatingJob {
    /// The job runner in this process, one round a second.
    static func jobs(_ runner: JobRunner) -> RepeatingJob {
        RepeatingJob(name: "Jobs", interval: .seconds(1)) { try await runner.tick(app: $0) }
    }
}
