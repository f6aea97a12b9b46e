import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Views

/// The forum's busiest reads, as plain SQL: a page of posts, a page of threads, names, and (in
/// ForumPageReads.swift) what else the pages read. Fluent decodes a model through reflection (about 0.1 ms a row here), which made a
/// page of fifty posts cost ten times a cached page, and each `@Field` read after goes through its
/// property wrapper: the pages' rows are plain values (`ForumPostRow`, `ForumThreadRow`), decoded column by column.
enum ForumRows {
    private static let postColumns = """
        id, number, author_id, body, html, reply_to_number, created_at, edited_at, deleted_at, hidden_at, hidden_reason, upvotes, anonymous
        """

    /// The posts of a thread numbered `range`, in order.
    static func posts(of thread: UUID, numbered range: ClosedRange<Int>, on db: any Database) async throws -> [ForumPostRow] {
        try await posts(where: "thread_id = \(bind: thread) AND number >= \(bind: range.lowerBound) AND number <= \(bind: range.upperBound)", on: db)
    }

    /// What a page of a thread shows of its posts: them, the earlier ones they reply to, and
    /// their authors' names.
    struct ThreadPage: Sendable {
        let posts: [ForumPostRow]
        let byNumber: [Int: ForumPostRow]
        let names: [UUID: String]
        /// The posts' list items as rendered so far, for each kind of reader: they live as long
        /// as these rows (a write, a new post or the cache's lifetime makes a new page).
        let items = PostItems()
    }

    /// What a post's item depends on besides its row (fixed for a cached page): the reader's
    /// role, whether they wrote it or the post it replies to (names, anonymity, what they may do),
    /// their upvote, and the thread's state. Readers with the same key see the same markup.
    struct PostItemKey: Hashable, Sendable {
        let number: Int
        let role: ForumRole
        let byReader: Bool
        let replyByReader: Bool?
        let upvoted: Bool
        let accepted: Bool
        let locked: Bool
        let canAccept: Bool
        let question: Bool
    }

    /// Rendered list items of one page's posts, by what differs between readers; at most
    /// `capacity` of them (a page's 50 posts for about six kinds of reader), past which an item is
    /// rendered each time it is asked for.
    final class PostItems: Sendable {
        static let capacity = 300
        private let items = NIOLockedValueBox([PostItemKey: TrustedHTML]())

        func item(_ key: PostItemKey, render: () -> TrustedHTML) -> TrustedHTML {
            if let item = items.withLockedValue({ $0[key] }) { return item }
            let item = render()
            items.withLockedValue { if $0.count < Self.capacity { $0[key] = item } }
            return item
        }
    }

    /// A page of a thread, from `ReadCaches.forumPages` (every write empties it, and a new post
    /// changes the key): reading a page again costs no query.
    static func page(of thread: ForumThreadRecord, page: Int, caches: ReadCaches, on db: any Database) async throws -> ThreadPage {
        let key = "\(thread.id!.lowercasedText)/\(page)/\(thread.postCount)"
        return try await caches.forumPages.threads.value(for: key) {
            let posts = try await posts(of: thread.id!, numbered: ForumInput.postNumbers(onPage: page), on: db)
            var byNumber = Dictionary(posts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            let missing = Set(posts.compactMap(\.replyToNumber)).subtracting(byNumber.keys)
            for post in try await Self.posts(of: thread.id!, numbers: missing, on: db) { byNumber[post.number] = post }
            let names = try await names(Set(byNumber.values.map(\.authorID)), on: db)
            return ThreadPage(posts: posts, byNumber: byNumber, names: names)
        }
    }

    /// How many posts each lesson's "Discuss this" thread of a cohort holds, by activity: one
    /// query a cohort, shared by its lesson pages through `ReadCaches.forumPages.discussions`
    /// (every forum write empties it).
    static func discussionPostCounts(in cohort: UUID, caches: ReadCaches, on db: any Database) async throws -> [UUID: Int] {
        try await caches.forumPages.discussions.value(for: cohort.lowercasedText) {
            guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
            let rows = try await sql.raw("""
                SELECT activity_id, post_count FROM forum_threads WHERE cohort_id = \(bind: cohort) AND activity_id IS NOT NULL
                """).all()
            return try Dictionary(rows.map { (try $0.decode(column: "activity_id", as: UUID.self), try $0.decode(column: "post_count", as: Int.self)) },
                                  uniquingKeysWith: max)
        }
    }

    /// These posts of a thread (the ones a page's replies quote).
    static func posts(of thread: UUID, numbers: Set<Int>, on db: any Database) async throws -> [ForumPostRow] {
        guard !numbers.isEmpty else { return [] }
        return try await posts(where: "thread_id = \(bind: thread) AND number IN (\(binds: Array(numbers)))", on: db)
    }

    private static func posts(where condition: SQLQueryString, on db: any Database) async throws -> [ForumPostRow] {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let rows = try await sql.raw("SELECT \(unsafeRaw: postColumns) FROM forum_posts WHERE \(condition) ORDER BY number").all()
        return try rows.map { row in
            ForumPostRow(id: try row.decode(column: "id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
                         authorID: try row.decode(column: "author_id", as: UUID.self), body: try row.decode(column: "body", as: String.self),
                         html: try row.decode(column: "html", as: String.self),
                         replyToNumber: try row.decode(column: "reply_to_number", as: Int?.self),
                         createdAt: try row.decode(column: "created_at", as: Date.self),
                         editedAt: try row.decode(column: "edited_at", as: Date?.self),
                         deletedAt: try row.decode(column: "deleted_at", as: Date?.self),
                         hiddenAt: try row.decode(column: "hidden_at", as: Date?.self),
                         hiddenReason: try row.decode(column: "hidden_reason", as: String?.self),
                         upvotes: try row.decode(column: "upvotes", as: Int.self), anonymous: try row.decode(column: "anonymous", as: Bool.self))
        }
    }

    /// What a page of a space shows of its threads (the page asked for, within the pages there are).
    struct SpacePage: Sendable {
        let threads: [ForumThreadRow]
        let names: [UUID: String]
        let page: Int
        let pageCount: Int
    }

    /// A page of a space's threads, from `ReadCaches.forumPages` (every write empties it).
    static func page(of space: UUID, filter: ForumSpaceModel.Filter, page requested: Int, caches: ReadCaches,
                     on db: any Database) async throws -> SpacePage {
        let condition: SQLQueryString? = switch filter {
        case .all: nil
        case .unanswered: "kind = 'question' AND accepted_post_id IS NULL"
        case .answered: "accepted_post_id IS NOT NULL"
        }
        let key = "space/\(space.lowercasedText)/\(filter.rawValue)/\(requested)"
        return try await caches.forumPages.spaces.value(for: key) {
            guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
            let count = try await sql.raw("""
                SELECT COUNT(*) AS n FROM forum_threads WHERE space_id = \(bind: space)\(condition.map { " AND " + $0 } ?? "")
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            let perPage = ForumInput.threadsPerPage
            let pageCount = max(1, (count + perPage - 1) / perPage)
            let page = min(max(1, requested), pageCount)
            let threads = try await threads(in: space, filter: condition, limit: perPage, offset: (page - 1) * perPage, on: db)
            return SpacePage(threads: threads, names: try await names(Set(threads.map(\.authorID)), on: db), page: page, pageCount: pageCount)
        }
    }

    /// A page of a space's threads, pinned first then the latest, with the filter's condition.
    static func threads(in space: UUID, filter: SQLQueryString?, limit: Int, offset: Int, on db: any Database) async throws -> [ForumThreadRow] {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let rows = try await sql.raw("""
            SELECT id, title, author_id, anonymous, kind, post_count, accepted_post_id, locked, pinned, last_post_at FROM forum_threads WHERE space_id = \(bind: space)\(filter.map { " AND " + $0 } ?? "") \
            ORDER BY pinned DESC, last_post_at DESC, id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        return try rows.map { row in
            ForumThreadRow(id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                           authorID: try row.decode(column: "author_id", as: UUID.self),
                           anonymous: try row.decode(column: "anonymous", as: Bool.self),
                           kind: ThreadKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .discussion,
                           postCount: try row.decode(column: "post_count", as: Int.self),
                           acceptedPostID: try row.decode(column: "accepted_post_id", as: UUID?.self),
                           locked: try row.decode(column: "locked", as: Bool.self), pinned: try row.decode(column: "pinned", as: Bool.self),
                           lastPostAt: try row.decode(column: "last_post_at", as: Date.self))
        }
    }

    static let threadColumns = """
        id, organization_id, cohort_id, space_id, kind, title, author_id, post_count, last_post_at, accepted_post_id, pinned, locked, \
        created_at, anonymous, activity_id
        """

    /// A thread from a row of `threadColumns`, for reading only: filled by hand, Fluent takes it
    /// for a new row, so never save one.
    static func thread(from row: any SQLRow) throws -> ForumThreadRecord {
        let thread = ForumThreadRecord()
        thread.id = try row.decode(column: "id", as: UUID.self)
        thread.organizationID = try row.decode(column: "organization_id", as: UUID.self)
        thread.cohortID = try row.decode(column: "cohort_id", as: UUID.self)
        thread.spaceID = try row.decode(column: "space_id", as: UUID.self)
        thread.kind = ThreadKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .discussion
        thread.title = try row.decode(column: "title", as: String.self)
        thread.authorID = try row.decode(column: "author_id", as: UUID.self)
        thread.postCount = try row.decode(column: "post_count", as: Int.self)
        thread.lastPostAt = try row.decode(column: "last_post_at", as: Date.self)
        thread.acceptedPostID = try row.decode(column: "accepted_post_id", as: UUID?.self)
        thread.pinned = try row.decode(column: "pinned", as: Bool.self)
        thread.locked = try row.decode(column: "locked", as: Bool.self)
        thread.createdAt = try row.decode(column: "created_at", as: Date.self)
        thread.anonymous = try row.decode(column: "anonymous", as: Bool.self)
        thread.activityID = try row.decode(column: "activity_id", as: UUID?.self)
        return thread
    }

    /// The names of these people.
    static func names(_ people: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        try await PersonRecord.names(people, on: db)
    }

    struct SpaceSummary { let threads: Int; let unread: Int; let lastPostAt: Date? }

    /// Per space of the cohort: its threads, the posts the reader has not read, the latest post.
    /// (PostgreSQL sums bigints as numeric: the cast brings it back to an integer.)
    static func spaceSummaries(of cohort: UUID, reader: UUID, on db: any Database) async throws -> [UUID: SpaceSummary] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("""
            SELECT t.space_id, COUNT(*) AS threads, MAX(t.last_post_at) AS last_post_at, \
            CAST(SUM(CASE WHEN t.post_count > COALESCE(r.read_up_to, 0) THEN t.post_count - COALESCE(r.read_up_to, 0) ELSE 0 END) AS BIGINT) \
            AS unread \
            FROM forum_threads t LEFT JOIN forum_reads r ON r.thread_id = t.id AND r.person_id = \(bind: reader) \
            WHERE t.cohort_id = \(bind: cohort) GROUP BY t.space_id
            """).all()
        return Dictionary(try rows.map { row in
            (try row.decode(column: "space_id", as: UUID.self),
             SpaceSummary(threads: try row.decode(column: "threads", as: Int.self), unread: try row.decode(column: "unread", as: Int?.self) ?? 0,
                          lastPostAt: try row.decode(column: "last_post_at", as: Date?.self)))
        }, uniquingKeysWith: { first, _ in first })
    }
}
