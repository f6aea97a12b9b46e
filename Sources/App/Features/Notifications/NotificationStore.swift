import Domain
import Fluent
import Foundation
import SQLKit

/// Writes and reads people's notifications, and tells their open tabs (the bell's count).
enum NotificationStore {
    /// What happened, for one person.
    struct Draft: Sendable {
        let organizationID: UUID
        let personID: UUID
        let kind: NotificationKind
        let subjectKey: String
        let sourceID: UUID
        let sourcePosition: Int
        /// For a message, the author's name; for a mention, the whole line.
        let title: String
        let excerpt: String
        let url: String
    }

    /// Saves the notifications, or adds to each person's unread one about the same subject, in
    /// one statement (`ON CONFLICT … DO UPDATE` on the partial unique index, drafts about the
    /// same person and subject merged first), then marks read those whose message the person
    /// has already read (their open page got it before this was written), then tells their tabs.
    /// After an e-mail about one went out, more of the same re-arm the e-mail no sooner than the
    /// follow-up delay.
    static func notify(_ drafts: [Draft], now: Date = Date(), on db: any Database, broadcaster: any Broadcaster,
                       writes: WriteSerializer? = nil) async throws {
        guard !drafts.isEmpty, let sql = db as? any SQLDatabase else { return }
        var merged: [String: (draft: Draft, count: Int)] = [:]
        for draft in drafts {
            let key = draft.personID.lowercasedText + draft.subjectKey
            let earlier = merged[key]
            merged[key] = (earlier.map { $0.draft.sourcePosition > draft.sourcePosition ? $0.draft : draft } ?? draft, (earlier?.count ?? 0) + 1)
        }
        let preferences = try await self.preferences(of: Set(drafts.map(\.personID)), on: db)
        let rows = merged.values.map { draft, count -> SQLQueryString in
            let chosen = preferences[draft.personID] ?? .standard
            return """
                (\(bind: UUID()), \(bind: draft.organizationID), \(bind: draft.personID), \(bind: draft.kind.rawValue), \
                \(bind: draft.subjectKey), \(bind: draft.sourceID), \(bind: draft.sourcePosition), \(bind: draft.title), \
                \(bind: draft.excerpt), \(bind: draft.url), \(bind: count), \(bind: now), \(bind: now), \(bind: chosen.emailDue(draft.kind, now: now)), \
                \(bind: chosen.followUpDue(draft.kind, now: now)))
                """
        }
        // The follow-up due date travels in `email_follow_up_at`, read by the update only.
        let upsert: SQLQueryString = """
            INSERT INTO notifications (id, organization_id, person_id, kind, subject_key, source_id, source_position, title, \
            excerpt, url, item_count, created_at, updated_at, email_due_at, email_follow_up_at) VALUES
            """ + " " + rows.joined(separator: ", ") + """
             ON CONFLICT (person_id, subject_key) WHERE read_at IS NULL DO UPDATE SET \
            source_position = excluded.source_position, title = excluded.title, excerpt = excluded.excerpt, \
            url = excluded.url, item_count = notifications.item_count + excluded.item_count, updated_at = excluded.updated_at, \
            email_due_at = CASE WHEN notifications.emailed_at IS NULL THEN notifications.email_due_at ELSE excluded.email_follow_up_at END, \
            emailed_at = NULL \
            RETURNING id, person_id
            """
        let written = {
            let saved = try await sql.raw(upsert).all()
            let ids = saved.compactMap { try? $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else { return saved }
            // Read already: nothing new for them.
            try await sql.raw("""
                UPDATE notifications SET read_at = \(bind: now) WHERE id IN (\(binds: ids)) AND read_at IS NULL AND source_position <= \
                COALESCE((SELECT last_read_sequence FROM conversation_members m \
                WHERE m.conversation_id = notifications.source_id AND m.person_id = notifications.person_id), \
                (SELECT read_up_to FROM forum_reads r WHERE r.thread_id = notifications.source_id AND r.person_id = notifications.person_id), 0)
                """).run()
            return saved
        }
        let saved = if let writes { try await writes.run(written) } else { try await written() }
        var latest: [UUID: UUID] = [:]
        for row in saved {
            if let person = try? row.decode(column: "person_id", as: UUID.self), let id = try? row.decode(column: "id", as: UUID.self) {
                latest[person] = id
            }
        }
        for (person, id) in latest { await broadcaster.publish(try await notice(for: person, latest: id, on: db)) }
    }

    /// The bell's frame for a person: their unread count and, when one came, the notification.
    static func notice(for personID: UUID, latest id: UUID?, on db: any Database) async throws -> RealtimeEvent {
        let unread = try await unreadCount(personID: personID, on: db)
        var latest: ServerFrame.Notice?
        if let id, let record = try await NotificationRecord.find(id, on: db), record.personID == personID, record.readAt == nil {
            latest = .init(id: id.lowercasedText, kind: record.kind.rawValue, title: record.headline, excerpt: record.excerpt, url: record.url)
        }
        return .notice(.init(person: personID, id: id, json: ServerFrame.notifications(unread: unread, latest: latest).json))
    }

    static func unreadCount(personID: UUID, on db: any Database) async throws -> Int {
        try await NotificationRecord.query(on: db).filter(\.$personID == personID).filter(\.$readAt == nil).count()
    }

    /// The person's latest notifications, newest first.
    static func recent(personID: UUID, limit: Int = 50, on db: any Database) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: db).filter(\.$personID == personID).sort(\.$updatedAt, .descending).limit(limit).all()
    }

    /// The person read a conversation (or a forum thread) up to `sequence`: what it notified them of is read too.
    static func readConversation(_ conversationID: UUID, personID: UUID, upTo sequence: Int, now: Date = Date(),
                                 on db: any Database, broadcaster: any Broadcaster) async throws {
        let unread = NotificationRecord.query(on: db).filter(\.$personID == personID).filter(\.$readAt == nil)
            .filter(\.$sourceID == conversationID).filter(\.$sourcePosition <= sequence)
        guard try await unread.count() > 0 else { return }
        try await unread.set(\.$readAt, to: now).update()
        await broadcaster.publish(try await notice(for: personID, latest: nil, on: db))
    }

    /// A message was edited (`excerpt`) or deleted (nil): what it notified shows the new text, or
    /// says it was deleted; a notification of that message alone is then read (not e-mailed).
    /// The same for a forum post (`conversationID` is then the thread's), with its own words.
    static func messageChanged(_ conversationID: UUID, at sequence: Int, excerpt: String?, removed: String = "(This message was deleted.)",
                               now: Date = Date(), on db: any Database, broadcaster: any Broadcaster) async throws {
        let records = try await NotificationRecord.query(on: db).filter(\.$sourceID == conversationID)
            .filter(\.$sourcePosition == sequence).all()
        for record in records {
            record.excerpt = excerpt ?? removed
            let cleared = excerpt == nil && record.itemCount == 1 && record.readAt == nil
            if cleared { record.readAt = now }
            try await record.save(on: db)
            if cleared { await broadcaster.publish(try await notice(for: record.personID, latest: nil, on: db)) }
        }
    }

    /// Marks one of the person's notifications read; false when it is not theirs.
    static func markRead(_ id: UUID, personID: UUID, now: Date = Date(), on db: any Database, broadcaster: any Broadcaster) async throws -> Bool {
        guard let record = try await NotificationRecord.find(id, on: db), record.personID == personID else { return false }
        if record.readAt == nil {
            record.readAt = now
            try await record.save(on: db)
            await broadcaster.publish(try await notice(for: personID, latest: nil, on: db))
        }
        return true
    }

    static func markAllRead(personID: UUID, now: Date = Date(), on db: any Database, broadcaster: any Broadcaster) async throws {
        try await NotificationRecord.query(on: db).filter(\.$personID == personID).filter(\.$readAt == nil).set(\.$readAt, to: now).update()
        await broadcaster.publish(try await notice(for: personID, latest: nil, on: db))
    }

    static func preferences(of personID: UUID, on db: any Database) async throws -> NotificationPreferences {
        try await preferences(of: [personID], on: db)[personID] ?? .standard
    }

    static func preferences(of people: Set<UUID>, on db: any Database) async throws -> [UUID: NotificationPreferences] {
        let rows = try await NotificationPreferencesRecord.query(on: db).filter(\.$personID ~~ people).all()
        return Dictionary(rows.map { ($0.personID, $0.preferences) }, uniquingKeysWith: { first, _ in first })
    }

    /// Saves the person's choices; unread notifications not e-mailed yet follow them at once
    /// (a kind turned off is not e-mailed any more; a new delay counts from when each came).
    static func save(_ preferences: NotificationPreferences, for personID: UUID, on db: any Database) async throws {
        if let row = try await NotificationPreferencesRecord.query(on: db).filter(\.$personID == personID).first() {
            row.emailDelayMinutes = preferences.emailDelayMinutes
            row.mutedKinds = preferences.mutedText
            try await row.save(on: db)
        } else {
            do {
                try await NotificationPreferencesRecord(personID: personID, preferences: preferences).create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Saved at the same moment from another tab: this one's choice wins.
                return try await save(preferences, for: personID, on: db)
            }
        }
        let pending = try await NotificationRecord.query(on: db).filter(\.$personID == personID).filter(\.$readAt == nil)
            .filter(\.$emailedAt == nil).all()
        for record in pending {
            // One already e-mailed about keeps its follow-up wait, counted from its latest event.
            record.emailDueAt = record.emailCount > 0 ? preferences.followUpDue(record.kind, now: record.updatedAt)
                : preferences.emailDue(record.kind, now: record.createdAt)
            try await record.save(on: db)
        }
    }
}

extension NotificationRecord {
    /// What the bell and the e-mail say.
    var headline: String {
        NotificationText.headline(kind: kind, title: title, count: itemCount)
    }
}
