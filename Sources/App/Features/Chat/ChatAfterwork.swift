import Domain
import Fluent
import Foundation
import SQLKit

/// What follows a message once it is saved and delivered: its conversation's summary, its
/// author's read position, and the notifications it makes. Written for many messages at once:
/// under a steady stream each message cost three more writes, which queued behind one another
/// (on SQLite one at a time) until delivery itself waited seconds. Here one flush at a time
/// writes everything that arrived meanwhile in at most four statements.
actor ChatAfterwork {
    struct Item: Sendable {
        let conversationID: UUID
        let authorID: UUID
        let sequence: Int
        let drafts: [NotificationStore.Draft]
    }

    private let db: any Database
    private let broadcaster: any Broadcaster
    private let writes: WriteSerializer?
    private var queue: [Item] = []
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var flushing = false
    /// The most items one flush writes (well under SQLite's limit on bound values).
    static let batchLimit = 200
    static let gatherWindow: Duration = .milliseconds(100)

    init(db: any Database, broadcaster: any Broadcaster, writes: WriteSerializer?) {
        self.db = db
        self.broadcaster = broadcaster
        self.writes = writes
    }

    /// Queues the work; with `wait`, returns once it is written.
    func submit(_ item: Item, wait: Bool) async {
        queue.append(item)
        if wait {
            await withCheckedContinuation { waiter in
                waiters.append(waiter)
                startIfIdle()
            }
        } else {
            startIfIdle()
        }
    }

    private func startIfIdle() {
        guard !flushing else { return }
        flushing = true
        Task { await drain() }
    }

    private func drain() async {
        while !queue.isEmpty {
            // Gather a little more before writing, unless a request waits for it: every flush is
            // a few commits (fsyncs), and under a steady stream fewer, larger flushes keep the
            // disk from stalling the inserts that deliver messages.
            if waiters.isEmpty { try? await Task.sleep(for: Self.gatherWindow) }
            let batch = Array(queue.prefix(Self.batchLimit))
            queue.removeFirst(batch.count)
            // Waiters of items still queued wait for a later round; resuming all after the
            // queue empties keeps it simple and is at most one round late.
            let done = queue.isEmpty ? waiters : []
            if queue.isEmpty { waiters = [] }
            do {
                try await Self.write(batch, on: db, broadcaster: broadcaster, writes: writes)
            } catch {
                db.logger.warning("\(batch.count) message(s) saved; updating their conversations or notifications failed: \(error)")
            }
            for waiter in done { waiter.resume() }
        }
        for waiter in waiters { waiter.resume() }
        waiters = []
        flushing = false
    }

    /// The writes for a batch: conversations' summaries, authors' read positions, notifications.
    static func write(_ batch: [Item], now: Date = Date(), on db: any Database, broadcaster: any Broadcaster,
                      writes: WriteSerializer?) async throws {
        guard !batch.isEmpty, let sql = db as? any SQLDatabase else { return }
        let conversations = Array(Set(batch.map(\.conversationID)))
        var authorReads: [String: (UUID, UUID, Int)] = [:]
        for item in batch {
            let key = item.conversationID.lowercasedText + item.authorID.lowercasedText
            if (authorReads[key]?.2 ?? 0) < item.sequence { authorReads[key] = (item.conversationID, item.authorID, item.sequence) }
        }
        let summaries: SQLQueryString = """
            UPDATE conversations SET \
            last_sequence = (SELECT MAX(sequence) FROM chat_messages WHERE conversation_id = conversations.id), \
            last_message_at = (SELECT MAX(sent_at) FROM chat_messages WHERE conversation_id = conversations.id), \
            last_author_id = (SELECT author_id FROM chat_messages WHERE conversation_id = conversations.id ORDER BY sequence DESC LIMIT 1) \
            WHERE id IN (\(binds: conversations))
            """
        let rows = authorReads.values.map { conversation, person, sequence -> SQLQueryString in
            "(\(bind: UUID()), \(bind: conversation), \(bind: person), \(bind: sequence))"
        }
        let reads: SQLQueryString = "INSERT INTO conversation_members (id, conversation_id, person_id, last_read_sequence) VALUES "
            + rows.joined(separator: ", ") + """
             ON CONFLICT (conversation_id, person_id) DO UPDATE SET last_read_sequence = \
            CASE WHEN conversation_members.last_read_sequence < excluded.last_read_sequence \
            THEN excluded.last_read_sequence ELSE conversation_members.last_read_sequence END
            """
        let chat = {
            try await sql.raw(summaries).run()
            try await sql.raw(reads).run()
        }
        if let writes { try await writes.run(chat) } else { try await chat() }
        try await NotificationStore.notify(batch.flatMap(\.drafts), now: now, on: db, broadcaster: broadcaster, writes: writes)
    }
}
