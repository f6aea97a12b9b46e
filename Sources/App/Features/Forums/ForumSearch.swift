import Domain
import Fluent
import Foundation
import SQLKit

/// Full-text search over a cohort's forum, one interface over two engines: an FTS5 table on
/// SQLite, a `tsvector` column with a GIN index on PostgreSQL. Each post has one row: its plain
/// text and, for a thread's opening post, the thread's title (weighted higher).
enum ForumSearch {
    struct Filters: Sendable {
        var spaceID: UUID?
        var answered: Bool?
        /// Only what the person wrote or the threads they started.
        var mine = false
    }

    struct Hit: Sendable {
        let postID: UUID
        let number: Int
        let threadID: UUID
        let threadTitle: String
        let threadKind: ThreadKind
        let answered: Bool
        let authorID: UUID
        let anonymous: Bool
        let createdAt: Date
        /// Plain text with the matched words between `SearchHighlight` marks.
        let snippet: String
    }

    static let pageSize = 20

    static func isSQLite(_ sql: any SQLDatabase) -> Bool { sql.dialect.name == "sqlite" }

    static func createIndex(on sql: any SQLDatabase) async throws {
        if isSQLite(sql) {
            try await sql.raw("""
                CREATE VIRTUAL TABLE forum_search USING fts5(title, body, post_id UNINDEXED, cohort_id UNINDEXED, \
                tokenize = 'unicode61 remove_diacritics 0')
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE forum_search (post_id uuid PRIMARY KEY REFERENCES forum_posts (id) ON DELETE CASCADE, \
                cohort_id uuid NOT NULL, title text NOT NULL, body text NOT NULL, \
                document tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', body)) STORED)
                """).run()
            try await sql.raw("CREATE INDEX forum_search_document_idx ON forum_search USING GIN (document)").run()
            try await sql.raw("CREATE INDEX forum_search_cohort_idx ON forum_search (cohort_id)").run()
        }
    }

    /// The text a post is found by: its Markdown as plain words.
    static func plain(_ markdown: String) -> String {
        SearchHighlight.clean(plainExcerpt(markdown, limit: Int.max))
    }

    /// Makes (or remakes, after an edit) the post's row.
    static func index(post: UUID, cohort: UUID, title: String?, body: String, on sql: any SQLDatabase) async throws {
        let title = SearchHighlight.clean(title ?? "")
        if isSQLite(sql) {
            try await remove(post: post, on: sql)
            try await sql.raw("""
                INSERT INTO forum_search (title, body, post_id, cohort_id) VALUES (\(bind: title), \(bind: plain(body)), \(bind: post), \(bind: cohort))
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO forum_search (post_id, cohort_id, title, body) VALUES (\(bind: post), \(bind: cohort), \(bind: title), \(bind: plain(body))) \
                ON CONFLICT (post_id) DO UPDATE SET title = excluded.title, body = excluded.body
                """).run()
        }
    }

    /// A deleted post is no longer found.
    static func remove(post: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM forum_search WHERE post_id = \(bind: post)").run()
    }

    /// One page (from 1) of the posts matching the words, best first; a 21st hit tells there is more.
    /// Deleted posts are never found; hidden ones only by staff.
    static func search(_ terms: [String], cohort: UUID, filters: Filters, reader: UUID, staff: Bool, page: Int,
                       on sql: any SQLDatabase) async throws -> [Hit] {
        guard !terms.isEmpty else { return [] }
        let sqlite = isSQLite(sql)
        var conditions: [SQLQueryString] = sqlite
            ? ["forum_search MATCH \(bind: ForumSearchQuery.fts5(terms))", "forum_search.cohort_id = \(bind: cohort)"]
            : ["forum_search.document @@ q.query", "forum_search.cohort_id = \(bind: cohort)"]
        conditions.append("p.deleted_at IS NULL")
        conditions.append("t.cohort_id = \(bind: cohort)")
        if !staff { conditions.append("p.hidden_at IS NULL") }
        if let space = filters.spaceID { conditions.append("t.space_id = \(bind: space)") }
        if let answered = filters.answered {
            conditions.append(answered ? "t.accepted_post_id IS NOT NULL" : "(t.kind = 'question' AND t.accepted_post_id IS NULL)")
        }
        if filters.mine { conditions.append("(p.author_id = \(bind: reader) OR t.author_id = \(bind: reader))") }
        let snippet: SQLQueryString = sqlite
            ? "snippet(forum_search, 1, '\(unsafeRaw: String(SearchHighlight.start))', '\(unsafeRaw: String(SearchHighlight.end))', '…', 24)"
            : "ts_headline('simple', forum_search.body, q.query, \(bind: headlineOptions))"
        let from: SQLQueryString = sqlite
            ? "forum_search"
            : "forum_search CROSS JOIN (SELECT to_tsquery('simple', \(bind: ForumSearchQuery.tsquery(terms))) AS query) q"
        let order: SQLQueryString = sqlite ? "bm25(forum_search, 5.0, 1.0)" : "ts_rank(forum_search.document, q.query) DESC"
        let offset = (max(1, page) - 1) * pageSize
        let query: SQLQueryString = """
            SELECT p.id AS post_id, p.number, p.author_id, p.anonymous, p.created_at, t.id AS thread_id, t.title AS thread_title, \
            t.kind, t.accepted_post_id, \(snippet) AS snippet \
            FROM \(from) JOIN forum_posts p ON p.id = forum_search.post_id JOIN forum_threads t ON t.id = p.thread_id \
            WHERE \(conditions.joined(separator: " AND ")) \
            ORDER BY \(order), p.created_at DESC, p.id LIMIT \(unsafeRaw: String(pageSize + 1)) OFFSET \(unsafeRaw: String(offset))
            """
        return try await sql.raw(query).all().map { row in
            Hit(postID: try row.decode(column: "post_id", as: UUID.self), number: try row.decode(column: "number", as: Int.self),
                threadID: try row.decode(column: "thread_id", as: UUID.self), threadTitle: try row.decode(column: "thread_title", as: String.self),
                threadKind: ThreadKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .discussion,
                answered: try row.decode(column: "accepted_post_id", as: UUID?.self) != nil,
                authorID: try row.decode(column: "author_id", as: UUID.self), anonymous: try row.decode(column: "anonymous", as: Bool.self),
                createdAt: try row.decode(column: "created_at", as: Date.self), snippet: try row.decode(column: "snippet", as: String.self))
        }
    }

    /// A page of hits and their authors' names.
    struct Page: Sendable {
        let hits: [Hit]
        let names: [UUID: String]
    }

    /// `search`, and the names of the hits' authors, from `ReadCaches.forumPages.searches`: a
    /// cohort's readers ask the same questions again (and page back and forth), and the search is
    /// the forum's dearest read (a few milliseconds in the index). Every write on this server empties
    /// the cache, and it lives `ATELIER_READ_CACHE_SECONDS` (5), so a post written on another node
    /// is found then.
    static func page(_ terms: [String], cohort: UUID, filters: Filters, reader: UUID, staff: Bool, page: Int, caches: ReadCaches,
                     on db: any Database) async throws -> Page {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        // Every input the result depends on; the reader only when "mine" makes it theirs.
        let key = [cohort.lowercasedText, staff ? "staff" : "learner", filters.mine ? reader.lowercasedText : "-",
                   filters.spaceID?.lowercasedText ?? "-", filters.answered.map { $0 ? "answered" : "unanswered" } ?? "-", String(page)]
            .joined(separator: "/") + "/" + terms.joined(separator: "\u{1}")
        return try await caches.forumPages.searches.value(for: key) {
            let hits = try await search(terms, cohort: cohort, filters: filters, reader: reader, staff: staff, page: page, on: sql)
            return Page(hits: hits, names: try await ForumRows.names(Set(hits.map(\.authorID)), on: db))
        }
    }

    private static let headlineOptions =
        "StartSel=\(SearchHighlight.start), StopSel=\(SearchHighlight.end), MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \""
}
