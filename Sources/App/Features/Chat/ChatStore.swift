import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Views

/// Reads and writes conversations and messages. Who may read a conversation:
/// - a cohort's channel: the cohort's learners and staff, and the organization's admins;
/// - a direct conversation: its two people, no one else (admins neither).
enum ChatStore {
    /// A conversation the person may read, or nil (the caller answers 404 either way).
    static func readable(_ id: UUID, personID: UUID, organizationID: UUID, roles: Set<Role>,
                         on db: any Database) async throws -> ConversationRecord? {
        guard let conversation = try await ConversationRecord.find(id, on: db), conversation.organizationID == organizationID else {
            return nil
        }
        return try await readable(conversation, personID: personID, roles: roles, on: db)
    }

    /// The same check for a conversation already loaded (of the organization `roles` belong to).
    static func readable(_ conversation: ConversationRecord, personID: UUID, roles: Set<Role>,
                         on db: any Database) async throws -> ConversationRecord? {
        let id = conversation.id!
        switch conversation.kind {
        case .direct:
            let member = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == id)
                .filter(\.$personID == personID).first()
            return member == nil ? nil : conversation
        case .channel:
            if Permission.can(.viewAllCohorts, roles) { return conversation }
            let inCohort = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == conversation.cohortID)
                .filter(\.$person.$id == personID).first()
            return inCohort == nil ? nil : conversation
        }
    }

    /// The cohort's channel, made on first use (two first uses at once meet the unique key).
    static func channel(cohortID: UUID, organizationID: UUID, on db: any Database) async throws -> ConversationRecord {
        let key = ConversationRecord.channelKey(cohortID: cohortID)
        return try await findOrCreate(key: key, on: db) {
            ConversationRecord(organizationID: organizationID, cohortID: cohortID, kind: .channel, uniqueKey: key)
        } members: { _ in [] }
    }

    /// The private conversation of two people, made on first use with both as members.
    static func direct(between a: UUID, and b: UUID, cohortID: UUID, organizationID: UUID,
                       on db: any Database) async throws -> ConversationRecord {
        let key = ConversationRecord.directKey(a, b, organizationID: organizationID)
        return try await findOrCreate(key: key, on: db) {
            ConversationRecord(organizationID: organizationID, cohortID: cohortID, kind: .direct, uniqueKey: key)
        } members: { id in [ConversationMemberRecord(conversationID: id, personID: a), ConversationMemberRecord(conversationID: id, personID: b)] }
    }

    /// No multi-statement transaction here or in `send`: on SQLite a transaction holds the write
    /// lock between statements while other writers wait for it on the thread pool its own next
    /// statement needs, and under concurrent sends that stalled every query of the process.
    private static func findOrCreate(key: String, on db: any Database, make: () -> ConversationRecord,
                                     members: @escaping @Sendable (UUID) -> [ConversationMemberRecord]) async throws -> ConversationRecord {
        let conversation: ConversationRecord
        if let existing = try await ConversationRecord.query(on: db).filter(\.$uniqueKey == key).first() {
            conversation = existing
        } else {
            let made = make()
            do {
                try await made.create(on: db)
                conversation = made
            } catch {
                guard (error as? any DatabaseError)?.isConstraintFailure == true,
                      let existing = try await ConversationRecord.query(on: db).filter(\.$uniqueKey == key).first() else { throw error }
                conversation = existing
            }
        }
        // Every time, not only on creation: a crash between the two writes must not leave a
        // private conversation that neither of its people can open.
        for member in members(conversation.id!) {
            let exists = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == member.conversationID)
                .filter(\.$personID == member.personID).first() != nil
            guard !exists else { continue }
            do { try await member.create(on: db) } catch let error as any DatabaseError where error.isConstraintFailure {}
        }
        return conversation
    }

    /// Saves a message with the next number of its conversation, then tells every node.
    ///
    /// The number is taken by the insert itself (`INSERT … SELECT MAX(sequence) + 1`), one atomic
    /// statement: SQLite runs it under its write lock; on PostgreSQL two concurrent ones may take
    /// the same number, and the unique index (conversation, sequence) makes the later one fail and
    /// try again. So numbers are unique, gapless and in commit order, and number N + 1 can never be
    /// seen before N. The message is saved (committed) before anyone hears of it.
    @discardableResult
    ///
    /// What follows the delivery (the conversation's summary, the author's read position, the
    /// notifications) is awaited unless `waitForFollowUp` is false: a socket's own loop, which
    /// also delivers what others send to it, goes on as soon as the message is saved and sent.
    static func send(_ body: String, to conversation: ConversationRecord, author: Person, ref: String? = nil, now: Date = Date(),
                     on db: any Database, broadcaster: any Broadcaster, caches: ReadCaches? = nil,
                     writes: WriteSerializer? = nil, afterwork: ChatAfterwork? = nil, waitForFollowUp: Bool = true) async throws -> ChatMessage {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        // Sent before under this reference (its acknowledgement was lost): that one, not a second.
        // Found when the insert meets the unique index (conversation, author, reference), so a
        // first send costs no extra query.
        func earlier() async throws -> ChatMessage? {
            guard let ref else { return nil }
            return try await MessageRecord.query(on: db).filter(\.$conversationID == conversation.id!).filter(\.$authorID == author.id.uuid)
                .filter(\.$clientRef == ref).first()?.domain(authorName: author.name)
        }
        let html = Markdown.render(body).rawValue
        let conversationID = conversation.id!, authorID = author.id.uuid, id = UUID()
        // The writes, one at a time on SQLite (see `WriteSerializer`). Only the insert stands
        // between sending and everyone receiving; the conversation's summary follows.
        /// The new number, or nil when the same reference won a race meanwhile.
        func insert() async throws -> Int? {
            var attempts = 0
            while true {
                do {
                    let row = try await sql.raw("""
                        INSERT INTO chat_messages (id, organization_id, conversation_id, sequence, author_id, body, html, sent_at, client_ref) \
                        SELECT \(bind: id), \(bind: conversation.organizationID), \(bind: conversationID), COALESCE(MAX(sequence), 0) + 1, \
                        \(bind: authorID), \(bind: body), \(bind: html), \(bind: now), \(bind: ref) \
                        FROM chat_messages WHERE conversation_id = \(bind: conversationID) \
                        RETURNING sequence
                        """).first()
                    return (try? row?.decode(column: "sequence", as: Int.self)) ?? 0
                } catch let error as any DatabaseError where error.isConstraintFailure && attempts < 50 {
                    if ref != nil, try await earlier() != nil { return nil }
                    attempts += 1
                }
            }
        }
        let inserted = if let writes { try await writes.run { try await insert() } } else { try await insert() }
        guard let sequence = inserted else {
            guard let earlier = try await earlier() else { throw ChatError.noSuchMessage }
            return earlier
        }
        // Saved: from here on nothing may make the sender believe it was not (they would send it
        // again). The rest is best effort; the message itself is what counts.
        let message = ChatMessage(id: .init(id), conversationID: .init(conversationID), sequence: sequence, authorID: author.id,
                                  authorName: author.name, body: body, sentAt: now)
        let audience = (try? await self.audience(of: conversation, on: db, caches: caches)) ?? [authorID]
        await broadcaster.publish(.message(.init(frame: .init(message, html: html), conversationID: message.conversationID,
                                                 audience: audience)))
        // The rest (summary, author's read position, notifications) goes to the batch writer,
        // or is written right here when there is none.
        let followUp: @Sendable () async -> Void = {
            do {
                let item = ChatAfterwork.Item(conversationID: conversationID, authorID: authorID, sequence: sequence,
                                              drafts: try await drafts(for: message, in: conversation, audience: audience, on: db))
                if let afterwork {
                    await afterwork.submit(item, wait: waitForFollowUp)
                } else {
                    try await ChatAfterwork.write([item], on: db, broadcaster: broadcaster, writes: writes)
                }
            } catch {
                db.logger.warning("Message \(id) saved; updating its conversation or notifications failed: \(error)")
            }
        }
        if waitForFollowUp { await followUp() } else { Task { await followUp() } }
        return message
    }

    /// The bell: the other person of a private conversation hears of every message (one
    /// notification per conversation while unread), people of a channel only when @mentioned.
    private static func drafts(for message: ChatMessage, in conversation: ConversationRecord, audience: Set<UUID>,
                               on db: any Database) async throws -> [NotificationStore.Draft] {
        var others = audience
        others.remove(message.authorID.uuid)
        guard !others.isEmpty else { return [] }
        let conversationID = conversation.id!
        let url = SiteRoute.conversation(.init(conversation.organizationID), .init(conversationID)).path + "#message-\(message.sequence)"
        let excerpt = plainExcerpt(message.body)
        func draft(_ person: UUID, _ kind: NotificationKind, subject: String, title: String) -> NotificationStore.Draft {
            .init(organizationID: conversation.organizationID, personID: person, kind: kind, subjectKey: subject, sourceID: conversationID,
                  sourcePosition: message.sequence, title: title, excerpt: excerpt, url: url)
        }
        switch conversation.kind {
        case .direct:
            return others.map { draft($0, .message, subject: "conversation:\(conversationID.lowercasedText)", title: message.authorName) }
        case .channel:
            guard message.body.contains("@") else { return [] }
            let people = try await PersonRecord.query(on: db).filter(\.$id ~~ others).all()
            let mentioned = Mentions.find(in: message.body, among: people.map { .init(id: $0.id!, name: $0.name) })
            guard !mentioned.isEmpty else { return [] }
            let place = try await CohortRecord.find(conversation.cohortID, on: db)?.name ?? "the cohort"
            return mentioned.map {
                draft($0, .mention, subject: "mention:\(message.id.uuid.lowercasedText)", title: "\(message.authorName) mentioned you in \(place)")
            }
        }
    }

    /// What another node announced: the saved message, rendered, and who may receive it.
    static func event(forMessage id: UUID, on db: any Database) async throws -> RealtimeEvent? {
        guard let record = try await MessageRecord.find(id, on: db),
              let conversation = try await ConversationRecord.find(record.conversationID, on: db) else { return nil }
        let name = try await PersonRecord.find(record.authorID, on: db)?.name ?? "Someone"
        return .message(.init(frame: record.frame(authorName: name), conversationID: .init(record.conversationID),
                              audience: try await audience(of: conversation, on: db)))
    }

    /// The same for a message edited or deleted.
    static func event(forChanged id: UUID, on db: any Database) async throws -> RealtimeEvent? {
        guard case .message(let message)? = try await event(forMessage: id, on: db) else { return nil }
        return .changed(.init(messageID: id, audience: message.audience, json: ServerFrame.changed(message.frame).json))
    }

    /// The author edits (`body`) or deletes (nil) their message, within `ChatMessage.changeWindow`
    /// of sending it; the pages showing it show it anew, and what it notified says so too.
    /// Throws `ChatError.cannotChange` for anyone else's message, a deleted one, or too late.
    @discardableResult
    static func change(_ sequence: Int, in conversation: ConversationRecord, by author: Person, to body: String?, now: Date = Date(),
                       on db: any Database, broadcaster: any Broadcaster, caches: ReadCaches? = nil) async throws -> MessageRecord {
        guard let record = try await MessageRecord.query(on: db).filter(\.$conversationID == conversation.id!)
            .filter(\.$sequence == sequence).first() else { throw ChatError.noSuchMessage }
        guard ChatMessage.canChange(authorID: .init(record.authorID), by: author.id, sentAt: record.sentAt, isDeleted: record.deletedAt != nil,
                                    now: now) else { throw ChatError.cannotChange }
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        // One conditional statement: an edit racing a deletion cannot bring the text back, and
        // the window is checked by the write itself.
        let cutoff = now.addingTimeInterval(-ChatMessage.changeWindow)
        let changed = if let body {
            try await sql.raw("""
                UPDATE chat_messages SET body = \(bind: body), html = \(bind: Markdown.render(body).rawValue), edited_at = \(bind: now) \
                WHERE id = \(bind: record.id!) AND author_id = \(bind: author.id.uuid) AND deleted_at IS NULL AND sent_at >= \(bind: cutoff) \
                RETURNING id
                """).all()
        } else {
            try await sql.raw("""
                UPDATE chat_messages SET body = '', html = '', deleted_at = \(bind: now) \
                WHERE id = \(bind: record.id!) AND author_id = \(bind: author.id.uuid) AND deleted_at IS NULL AND sent_at >= \(bind: cutoff) \
                RETURNING id
                """).all()
        }
        guard !changed.isEmpty, let record = try await MessageRecord.find(record.id!, on: db) else { throw ChatError.cannotChange }
        try await NotificationStore.messageChanged(conversation.id!, at: sequence, excerpt: body.map { plainExcerpt($0) }, now: now,
                                                   on: db, broadcaster: broadcaster)
        let audience = try await self.audience(of: conversation, on: db, caches: caches)
        await broadcaster.publish(.changed(.init(messageID: record.id!, audience: audience,
                                                 json: ServerFrame.changed(record.frame(authorName: author.name)).json)))
        return record
    }

    /// Who may receive a conversation's messages live, read now (so whoever left no longer does):
    /// for a private conversation its two people, for a channel the cohort's members and the
    /// organization's admins; in both cases only people still in the organization.
    static func audience(of conversation: ConversationRecord, on db: any Database, caches: ReadCaches? = nil) async throws -> Set<UUID> {
        // The same for every message of a conversation until someone joins or leaves, which goes
        // through a request that empties the caches.
        guard let caches else { return try await loadAudience(of: conversation, on: db) }
        return try await caches.chatAudiences.value(for: conversation.id!.lowercasedText) { try await loadAudience(of: conversation, on: db) }
    }

    private static func loadAudience(of conversation: ConversationRecord, on db: any Database) async throws -> Set<UUID> {
        switch conversation.kind {
        case .direct:
            let candidates = Set(try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == conversation.id!).all().map(\.personID))
            return try await stillIn(conversation.organizationID, candidates, on: db)
        case .channel:
            return try await cohortAudience(cohortID: conversation.cohortID, organizationID: conversation.organizationID, on: db)
        }
    }

    /// Who reads what a whole cohort reads (its channel, its forum): its members and the
    /// organization's admins, of those still in the organization.
    static func cohortAudience(cohortID: UUID, organizationID: UUID, on db: any Database) async throws -> Set<UUID> {
        var candidates = Set(try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID).all().map(\.$person.id))
        // Admins read every cohort (`Permission.viewAllCohorts`); a contains-filter narrows the rows, `roles` decides.
        let admins = try await MembershipRecord.query(on: db).filter(\.$organization.$id == organizationID)
            .filter(\.$rolesText ~~ Role.admin.rawValue).all()
        candidates.formUnion(admins.filter { Permission.can(.viewAllCohorts, $0.roles) }.map(\.$person.id))
        return try await stillIn(organizationID, candidates, on: db)
    }

    private static func stillIn(_ organizationID: UUID, _ candidates: Set<UUID>, on db: any Database) async throws -> Set<UUID> {
        guard !candidates.isEmpty else { return [] }
        let stillIn = try await MembershipRecord.query(on: db).filter(\.$organization.$id == organizationID)
            .filter(\.$person.$id ~~ candidates).all()
        return Set(stillIn.map(\.$person.id))
    }

    /// The person has read up to `sequence`: their position moves forward and, in a private
    /// conversation, the other person hears of it (a read receipt).
    static func read(_ conversation: ConversationRecord, by personID: UUID, upTo sequence: Int, on db: any Database,
                     broadcaster: any Broadcaster) async throws {
        let moved = try await markRead(conversationID: conversation.id!, personID: personID, upTo: sequence, on: db)
        // Every time, not only when the position moved: a notification may have been saved just
        // after the position got there (the message is delivered before it is notified).
        try await NotificationStore.readConversation(conversation.id!, personID: personID, upTo: sequence, on: db, broadcaster: broadcaster)
        guard moved, conversation.kind == .direct else { return }
        var audience = try await self.audience(of: conversation, on: db)
        audience.remove(personID)
        await broadcaster.publish(.receipt(.init(conversationID: .init(conversation.id!), reader: .init(personID), sequence: sequence,
                                                 audience: audience)))
    }

    /// The highest message number saved in a conversation: its summary (`last_sequence`) follows
    /// a moment after a message is delivered, so a reader may already have seen a later one.
    static func latestSequence(in conversationID: UUID, on db: any Database) async throws -> Int {
        try await MessageRecord.query(on: db).filter(\.$conversationID == conversationID).max(\.$sequence) ?? 0
    }

    /// Moves the person's read position forward (never back, whatever order two tabs' updates
    /// arrive in), making their row if needed.
    /// True when it moved.
    @discardableResult
    static func markRead(conversationID: UUID, personID: UUID, upTo sequence: Int, on db: any Database) async throws -> Bool {
        let row = try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == conversationID)
            .filter(\.$personID == personID).first()
        if let row {
            guard row.lastReadSequence < sequence else { return false }
            try await ConversationMemberRecord.query(on: db).filter(\.$conversationID == conversationID).filter(\.$personID == personID)
                .filter(\.$lastReadSequence < sequence).set(\.$lastReadSequence, to: sequence).update()
            return true
        }
        do {
            try await ConversationMemberRecord(conversationID: conversationID, personID: personID, lastReadSequence: sequence).create(on: db)
            return true
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another tab made the row meanwhile: move it forward instead.
            return try await markRead(conversationID: conversationID, personID: personID, upTo: sequence, on: db)
        }
    }

    /// Messages not read yet, over the person's private conversations and their cohorts' channels.
    static func unreadTotal(personID: UUID, on db: any Database) async throws -> Int {
        let rows = try await ConversationMemberRecord.query(on: db).filter(\.$personID == personID).all()
        let readUpTo = Dictionary(rows.map { ($0.conversationID, $0.lastReadSequence) }, uniquingKeysWith: max)
        let cohorts = try await CohortMemberRecord.query(on: db).filter(\.$person.$id == personID).all().map(\.$cohort.id)
        let channelKeys = cohorts.map { ConversationRecord.channelKey(cohortID: $0) }
        var conversations = rows.isEmpty ? [] : try await ConversationRecord.query(on: db).filter(\.$id ~~ rows.map(\.conversationID)).all()
        if !channelKeys.isEmpty {
            let known = Set(conversations.compactMap(\.id))
            conversations += try await ConversationRecord.query(on: db).filter(\.$uniqueKey ~~ channelKeys).all().filter { !known.contains($0.id!) }
        }
        return conversations.reduce(0) { $0 + max(0, $1.lastSequence - (readUpTo[$1.id!] ?? 0)) }
    }

    /// The most messages one catch-up query returns; callers loop for more.
    static let pageLimit = 500

    /// Messages after `after`, oldest first, at most `limit`.
    static func messages(in conversationID: UUID, after: Int, through: Int? = nil, limit: Int = pageLimit,
                         on db: any Database) async throws -> [(MessageRecord, String)] {
        var query = MessageRecord.query(on: db).filter(\.$conversationID == conversationID).filter(\.$sequence > after)
        if let through { query = query.filter(\.$sequence <= through) }
        return try await withAuthors(query.sort(\.$sequence, .ascending).limit(limit).all(), on: db)
    }

    /// The `limit` messages before `before` (or the latest), oldest first: a page of history.
    static func page(of conversationID: UUID, before: Int?, limit: Int = 50, on db: any Database) async throws -> [(MessageRecord, String)] {
        var query = MessageRecord.query(on: db).filter(\.$conversationID == conversationID)
        if let before { query = query.filter(\.$sequence < before) }
        let newestFirst = try await query.sort(\.$sequence, .descending).limit(limit).all()
        return try await withAuthors(newestFirst.reversed(), on: db)
    }

    private static func withAuthors(_ records: [MessageRecord], on db: any Database) async throws -> [(MessageRecord, String)] {
        let ids = Set(records.map(\.authorID))
        guard !ids.isEmpty else { return [] }
        let names = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) },
                               uniquingKeysWith: { first, _ in first })
        return records.map { ($0, names[$0.authorID] ?? "Someone") }
    }
}

enum ChatError: Error {
    case unsupportedDatabase
    case noSuchMessage
    /// Not the author's, already deleted, or sent more than `ChatMessage.changeWindow` ago.
    case cannotChange
}
