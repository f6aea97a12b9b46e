import Fluent
import Foundation

/// A mail waiting to be sent. Queued in the same transaction as what caused it, so an SMTP outage
/// or a crash loses nothing; the worker retries with backoff.
final class OutboxMailRecord: Model, @unchecked Sendable {
    static let schema = "outbox_mails"

    @ID(key: .id) var id: UUID?
    /// The `MailMessage` as JSON.
    @Field(key: "payload") var payload: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(payload: String, now: Date) {
        self.payload = payload
        self.attempts = 0
        self.nextAttemptAt = now
    }
}
