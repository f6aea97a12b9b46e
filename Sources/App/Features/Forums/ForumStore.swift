import Domain
import Fluent
import Foundation
import SQLKit
import Views

/// Reads and writes a cohort's forum.
enum ForumStore {
    /// The cohort's spaces in order, made if missing: the general one, then one per module of
    /// its course (a module added later gets its space on the next visit), then staff's own.
    /// Where questions about a module's activities go: its space, or the general one.
    static func space(ofModule moduleID: UUID?, in cohort: CohortRecord, caches: ReadCaches?, on db: any Database) async throws -> ForumSpaceRecord? {
        let spaces = try await spaces(of: cohort, caches: caches, on: db)
        return spaces.first { $0.moduleID != nil && $0.moduleID == moduleID } ?? spaces.first { $0.kind == .general }
    }

    /// (A GET may make or rename spaces here: `caches` then forgets what the forum pages cached;
    /// nil only where no server runs yet, as in the seeds.)
    static func spaces(of cohort: CohortRecord, caches: ReadCaches?, on db: any Database) async throws -> [ForumSpaceRecord] {
        let cohortID = cohort.id!
        var wrote = false
        defer { if wrote { caches?.forumPages.cohorts.invalidate() } }
        var existing = try await ForumSpaceRecord.query(on: db).filter(\.$cohortID == cohortID).all()
        let modules = try await ModuleRecord.query(on: db).filter(\.$course.$id == cohort.$course.id).sort(\.$position).all()
        var wanted: [ForumSpaceRecord] = [
            ForumSpaceRecord(organizationID: cohort.$organization.id, cohortID: cohortID, kind: .general, moduleID: nil, title: "General",
                             position: 0, uniqueKey: "general:\(cohortID.lowercasedText)"),
        ]
        wanted += modules.map { module in
            ForumSpaceRecord(organizationID: cohort.$organization.id, cohortID: cohortID, kind: .module, moduleID: module.id, title: module.title,
                             position: 1 + module.position, uniqueKey: "module:\(cohortID.lowercasedText):\(module.id!.lowercasedText)")
        }
        let known = Set(existing.map(\.uniqueKey))
        for space in wanted where !known.contains(space.uniqueKey) {
            do {
                wrote = true
                try await space.create(on: db)
                existing.append(space)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Made by a visit at the same moment.
                if let made = try await ForumSpaceRecord.query(on: db).filter(\.$uniqueKey == space.uniqueKey).first() { existing.append(made) }
            }
        }
        // A module's space follows its module's title and place.
        for space in existing where space.kind == .module {
            guard let module = modules.first(where: { $0.id == space.moduleID }) else { continue }
            if space.title != module.title || space.position != 1 + module.position {
                space.title = module.title
                space.position = 1 + module.position
                wrote = true
                try await space.save(on: db)
            }
        }
        return existing.sorted { ($0.kind == .custom ? 1 : 0, $0.position, $0.title) < ($1.kind == .custom ? 1 : 0, $1.position, $1.title) }
    }

    /// A space staff add, after the others.
    static func addSpace(titled title: String, to cohort: CohortRecord, on db: any Database) async throws -> ForumSpaceRecord {
        let last = try await ForumSpaceRecord.query(on: db).filter(\.$cohortID == cohort.id!).max(\.$position) ?? 0
        let id = UUID()
        let space = ForumSpaceRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, kind: .custom, moduleID: nil, title: title,
                                     position: last + 1, uniqueKey: "custom:\(id.lowercasedText)")
        space.id = id
        try await space.create(on: db)
        return space
    }

    /// A new thread and its opening post (number 1).
    static func startThread(in space: ForumSpaceRecord, kind: ThreadKind, title: String, body: String, author: UUID, anonymous: Bool = false,
                            activityID: UUID? = nil, now: Date = Date(),
                            on db: any Database, broadcaster: (any Broadcaster)? = nil) async throws -> ForumThreadRecord {
        let thread = ForumThreadRecord()
        thread.id = UUID()
        thread.organizationID = space.organizationID
        thread.cohortID = space.cohortID
        thread.spaceID = space.id!
        thread.kind = kind
        thread.title = title
        thread.authorID = author
        thread.postCount = 0
        thread.lastPostAt = now
        thread.pinned = false
        thread.locked = false
        thread.createdAt = now
        thread.anonymous = anonymous
        thread.activityID = activityID
        try await thread.create(on: db)
        do {
            try await reply(to: thread, body: body, author: author, anonymous: anonymous, now: now, on: db, broadcaster: broadcaster)
        } catch {
            // No thread without its opening post.
            try? await thread.delete(on: db)
            throw error
        }
        return try await ForumThreadRecord.find(thread.id!, on: db) ?? thread
    }

    /// A post at the end of the thread. Its number comes from the insert itself (the next after
    /// the highest), retried if two replies meet, so numbers stay unique and in order.
    @discardableResult
    static func reply(to thread: ForumThreadRecord, body: String, author: UUID, replyTo: Int? = nil, anonymous: Bool = false, now: Date = Date(),
                      on db: any Database, broadcaster: (any Broadcaster)? = nil) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let html = Markdown.render(body).rawValue
        var attempts = 0
        var number = 0
        let id = UUID()
        while true {
            do {
                let row = try await sql.raw("""
                    INSERT INTO forum_posts (id, organization_id, thread_id, number, author_id, body, html, reply_to_number, created_at, \
                    upvotes, anonymous) \
                    SELECT \(bind: id), \(bind: thread.organizationID), \(bind: thread.id!), COALESCE(MAX(number), 0) + 1, \(bind: author), \
                    \(bind: body), \(bind: html), \(bind: replyTo), \(bind: now), 0, \(bind: anonymous) FROM forum_posts WHERE thread_id = \(bind: thread.id!) \
                    RETURNING number
                    """).first()
                number = try row?.decode(column: "number", as: Int.self) ?? 0
                break
            } catch {
                // Another reply took the number; but a thread or author gone is no reason to try again.
                guard (error as? any DatabaseError)?.isConstraintFailure == true, attempts < 50,
                      try await ForumThreadRecord.find(thread.id!, on: db) != nil else { throw error }
                attempts += 1
            }
        }
        // Row-level arithmetic, so two replies at once both count (a COUNT read at the start of
        // each statement could let the later one write the lower number on PostgreSQL).
        try await sql.raw("""
            UPDATE forum_threads SET post_count = post_count + 1, \
            last_post_at = CASE WHEN last_post_at < \(bind: now) THEN \(bind: now) ELSE last_post_at END WHERE id = \(bind: thread.id!)
            """).run()
        // The author has read up to their post (and what it notified them of, with a broadcaster).
        if let broadcaster { try await read(thread.id!, by: author, upTo: number, on: db, broadcaster: broadcaster) }
        else { try await markRead(thread.id!, by: author, upTo: number, on: db) }
        try await ForumSearch.index(post: id, cohort: thread.cohortID, title: number == 1 ? thread.title : nil, body: body, on: sql)
        // Saved: the cohort's open pages hear of it, followers and the people mentioned get a
        // notification (best effort; the post is there either way).
        try await ForumFollowing.follow(thread.id!, by: author, onlyIfUnset: true, on: db)
        if let broadcaster {
            if let event = try? await event(forPost: id, on: db) { await broadcaster.publish(event) }
            try? await ForumFollowing.notify(aboutPost: id, in: thread, on: db, broadcaster: broadcaster)
        }
        return number
    }

    /// A saved post as its cohort's pages receive it live.
    static func event(forPost id: UUID, on db: any Database) async throws -> RealtimeEvent? {
        guard let post = try await ForumPostRecord.find(id, on: db), let thread = try await ForumThreadRecord.find(post.threadID, on: db) else {
            return nil
        }
        // Everyone receives the same frame: an anonymous post is anonymous in it, even for staff.
        let name = ForumIdentity.publicName(realName: try await PersonRecord.find(post.authorID, on: db)?.name ?? "Someone", anonymous: post.anonymous)
        let frame = ServerFrame.ForumPost(thread: thread.id!.lowercasedText, space: thread.spaceID.lowercasedText, number: post.number,
                                          authorName: name, html: post.html, createdAt: post.createdAt)
        let audience = try await ChatStore.cohortAudience(cohortID: thread.cohortID, organizationID: thread.organizationID, on: db)
        return .forumPost(.init(postID: id, audience: audience, json: ServerFrame.forumPost(frame).json))
    }

    /// Moves the person's position in the thread forward (never back); what the thread notified
    /// them of up to there is read too.
    static func read(_ threadID: UUID, by person: UUID, upTo number: Int, on db: any Database, broadcaster: any Broadcaster) async throws {
        try await markRead(threadID, by: person, upTo: number, on: db)
        try await NotificationStore.readConversation(threadID, personID: person, upTo: number, on: db, broadcaster: broadcaster)
    }

    static func markRead(_ threadID: UUID, by person: UUID, upTo number: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO forum_reads (id, thread_id, person_id, read_up_to) VALUES (\(bind: UUID()), \(bind: threadID), \(bind: person), \(bind: number)) \
            ON CONFLICT (thread_id, person_id) DO UPDATE SET read_up_to = \
            CASE WHEN forum_reads.read_up_to < excluded.read_up_to THEN excluded.read_up_to ELSE forum_reads.read_up_to END
            """).run()
    }

    /// The names of these people.
    static func names(_ people: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        try await ForumRows.names(people, on: db)
    }
}
