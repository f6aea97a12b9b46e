import Fluent
import Foundation
import Vapor

/// Queues mail in the database, inside the caller's transaction, for the worker to send.
enum Outbox {
    static func enqueue(_ message: MailMessage, on db: any Database) async throws {
        let data = try JSONEncoder().encode(message)
        try await OutboxMailRecord(payload: String(decoding: data, as: UTF8.self), now: Date()).save(on: db)
    }

    /// Sends every due mail once. Failures are retried with exponential backoff (30 s, 1 min, 2 min…
    /// up to 6 h) and kept: nothing is dropped. Returns how many were sent.
    @discardableResult
    static func drain(app: Application, now: Date = Date(), limit: Int = 50) async throws -> Int {
        guard let mailer = app.mailer else { return 0 }
        let due = try await OutboxMailRecord.query(on: app.db)
            .filter(\.$sentAt == nil)
            .filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt)
            .limit(limit)
            .all()
        var sent = 0
        for mail in due {
            do {
                let message = try JSONDecoder().decode(MailMessage.self, from: Data(mail.payload.utf8))
                try await mailer.send(message)
                mail.sentAt = Date()
                mail.lastError = nil
                // Sent mail may carry single-use links: keep only that it was sent, not what it said.
                mail.payload = ""
                sent += 1
            } catch {
                mail.attempts += 1
                let delay = min(30 * pow(2, Double(mail.attempts - 1)), 6 * 3600)
                mail.nextAttemptAt = now.addingTimeInterval(delay)
                mail.lastError = String(describing: error).prefix(500).description
                app.logger.warning("Mail not sent; will retry", metadata: ["attempts": "\(mail.attempts)", "error": "\(error)"])
            }
            try await mail.save(on: app.db)
        }
        return sent
    }
}

/// Work done again and again while the server runs, `interval` apart: sending queued mail,
/// looking for notifications to e-mail. An error is logged; the next round runs anyway.
struct RepeatingJob: LifecycleHandler {
    final class Box: @unchecked Sendable {
        // Only touched from the lifecycle callbacks, which Vapor calls one at a time.
        var task: Task<Void, Never>?
    }
    let name: String
    let interval: Duration
    let work: @Sendable (Application) async throws -> Void
    let box = Box()

    func didBootAsync(_ app: Application) async throws {
        box.task = Task {
            while !Task.isCancelled {
                do { try await work(app) }
                catch { app.logger.error("\(name): \(error)") }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        box.task?.cancel()
        await box.task?.value
    }

    /// Sends queued mail every second (a new job each time: each holds its own task).
    static var outbox: RepeatingJob {
        RepeatingJob(name: "Outbox worker", interval: .seconds(1)) { try await Outbox.drain(app: $0) }
    }
}
