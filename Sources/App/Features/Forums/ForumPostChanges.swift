import Domain
import Fluent
import Foundation
import SQLKit
import Views

/// What happens to a post after it is written: edits (the earlier text kept for staff), deletion
/// by its author (soft), hiding by a moderator, upvotes, reports; and to a thread: moving it.
enum ForumPostChanges {
    /// The post with this number in the thread, or nil.
    static func post(_ number: Int, in thread: ForumThreadRecord, on db: any Database) async throws -> ForumPostRecord? {
        try await ForumPostRecord.query(on: db).filter(\.$threadID == thread.id!).filter(\.$number == number).first()
    }

    /// New text for a post; the one it replaces goes to the post's history. A thread's opening
    /// post keeps the thread's title in the search index.
    static func edit(_ post: ForumPostRecord, in thread: ForumThreadRecord, body: String, now: Date = Date(), on db: any Database) async throws {
        guard body != post.body else { return }
        try await db.writeTransaction { db in
            try await ForumPostVersionRecord(postID: post.id!, body: post.body, replacedAt: now).create(on: db)
            post.body = body
            post.html = Markdown.render(body).rawValue
            post.editedAt = now
            try await post.save(on: db)
            if let sql = db as? any SQLDatabase {
                try await ForumSearch.index(post: post.id!, cohort: thread.cohortID, title: post.number == 1 ? thread.title : nil, body: body, on: sql)
            }
        }
    }

    /// Deleted by its author: shown as deleted, no longer found; staff keep its text in the history.
    static func delete(_ post: ForumPostRecord, now: Date = Date(), on db: any Database) async throws {
        guard post.deletedAt == nil else { return }
        try await db.writeTransaction { db in
            try await ForumPostVersionRecord(postID: post.id!, body: post.body, replacedAt: now).create(on: db)
            post.deletedAt = now
            try await post.save(on: db)
            if let sql = db as? any SQLDatabase { try await ForumSearch.remove(post: post.id!, on: sql) }
            // Its upvotes go with it.
            try await ForumVotes.clear(post.id!, on: db)
        }
    }

    /// Hidden by a moderator (with the reason), or shown again (`reason` nil). Open reports of
    /// the post are settled by hiding it.
    static func hide(_ post: ForumPostRecord, reason: String?, by moderator: UUID, now: Date = Date(), on db: any Database) async throws {
        try await db.writeTransaction { db in
            post.hiddenAt = reason == nil ? nil : now
            post.hiddenReason = reason
            post.hiddenBy = reason == nil ? nil : moderator
            try await post.save(on: db)
            if reason != nil {
                try await ForumReportRecord.query(on: db).filter(\.$postID == post.id!).filter(\.$status == .open)
                    .set(\.$status, to: .hidden).set(\.$handledBy, to: moderator).set(\.$handledAt, to: now).update()
            }
        }
    }

    enum ReportOutcome { case saved, alreadyReported }

    /// A learner's report; one per person and post.
    static func report(_ post: ForumPostRecord, thread: ForumThreadRecord, reason: String, by reporter: UUID, now: Date = Date(),
                       on db: any Database) async throws -> ReportOutcome {
        let report = ForumReportRecord()
        report.organizationID = thread.organizationID
        report.cohortID = thread.cohortID
        report.postID = post.id!
        report.reporterID = reporter
        report.reason = reason
        report.createdAt = now
        report.status = .open
        do {
            try await report.create(on: db)
            return .saved
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadyReported
        }
    }

    /// A moving thread lands in another space of the same cohort.
    static func move(_ thread: ForumThreadRecord, to space: ForumSpaceRecord, on db: any Database) async throws {
        thread.spaceID = space.id!
        try await thread.save(on: db)
    }

    /// Whether learners of the cohort may post anonymously to their peers.
    static func anonymousAllowed(in cohortID: UUID, on db: any Database) async throws -> Bool {
        try await ForumSettingsRecord.query(on: db).filter(\.$cohortID == cohortID).first()?.anonymousAllowed ?? false
    }

    static func allowAnonymous(_ allowed: Bool, in cohortID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO forum_settings (id, cohort_id, anonymous_allowed) VALUES (\(bind: UUID()), \(bind: cohortID), \(bind: allowed)) \
            ON CONFLICT (cohort_id) DO UPDATE SET anonymous_allowed = excluded.anonymous_allowed
            """).run()
    }
}

/// One upvote per person and post; the post keeps the count.
enum ForumVotes {
    /// Adds the person's upvote, or takes it back if they had one; true when it is now on.
    static func toggle(_ post: ForumPostRecord, by person: UUID, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        return try await db.writeTransaction { db in
            let sql = db as? any SQLDatabase ?? sql
            let removed = try await sql.raw("DELETE FROM forum_votes WHERE post_id = \(bind: post.id!) AND person_id = \(bind: person) RETURNING id").all()
            if removed.isEmpty {
                try await sql.raw("""
                    INSERT INTO forum_votes (id, post_id, person_id) VALUES (\(bind: UUID()), \(bind: post.id!), \(bind: person)) \
                    ON CONFLICT (post_id, person_id) DO NOTHING
                    """).run()
            }
            try await recount(post.id!, on: sql)
            return removed.isEmpty
        }
    }

    static func clear(_ postID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM forum_votes WHERE post_id = \(bind: postID)").run()
        try await recount(postID, on: sql)
    }

    private static func recount(_ postID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE forum_posts SET upvotes = (SELECT COUNT(*) FROM forum_votes WHERE post_id = \(bind: postID)) WHERE id = \(bind: postID)")
            .run()
    }
}
