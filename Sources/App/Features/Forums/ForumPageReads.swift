import Domain
import Fluent
import Foundation
import SQLKit

/// What the forum's thread and space pages read besides their rows (`ForumRows.page`): the
/// cohort's spaces and settings, cached (any write empties them), and the thread with the
/// reader's own marks in one plain query (a space page: the marks alone). They used to be five
/// queries through Fluent a page, about a quarter of a thread page's time.
extension ForumRows {
    /// A cohort's forum as every page of it sees it: its spaces' titles and whether learners may
    /// post anonymously.
    struct CohortFacts: Sendable {
        /// The spaces, id and title, in the forum's order (for a filter or a move menu).
        let spaces: [(id: UUID, title: String)]
        let anonymousAllowed: Bool

        /// The title of the space with that id, if the cohort has it (a cohort has a handful).
        func spaceTitle(_ id: UUID) -> String? { spaces.first { $0.id == id }?.title }
    }

    static func cohortFacts(of cohort: UUID, caches: ReadCaches, on db: any Database) async throws -> CohortFacts {
        try await caches.forumPages.cohorts.value(for: cohort.lowercasedText) {
            guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
            let spaces = try await sql.raw("""
                SELECT id, title FROM forum_spaces WHERE cohort_id = \(bind: cohort) \
                ORDER BY CASE WHEN kind = 'custom' THEN 1 ELSE 0 END, position, title
                """).all().map { (id: try $0.decode(column: "id", as: UUID.self), title: try $0.decode(column: "title", as: String.self)) }
            let settings = try await sql.raw("SELECT anonymous_allowed FROM forum_settings WHERE cohort_id = \(bind: cohort)").first()
            return CohortFacts(spaces: spaces,
                               anonymousAllowed: try settings?.decode(column: "anonymous_allowed", as: Bool.self) ?? false)
        }
    }

    /// A reader's marks on one page of a thread: how far they read it, whether they chose to
    /// follow it or its space (nil: never chose), and which of the posts numbered `numbers` they upvoted.
    struct ThreadMarks: Sendable {
        var readUpTo = 0
        var followsThread: Bool?
        var followsSpace: Bool?
        var upvoted: Set<Int> = []
        let numbers: ClosedRange<Int>
    }

    /// A thread of the cohort, for reading only (see `ForumRows.thread(from:)`), or nil when the
    /// cohort has none of that id, with the reader's `ThreadMarks` on its posts numbered `numbers`,
    /// in one query (each query is a trip to SQLite's thread pool, a twentieth of a thread page).
    /// Never cache it: the thread's post count is the key of its cached pages, and a post announced
    /// live (on any node) must be on the page a reader then loads.
    static func thread(_ id: UUID, in cohort: UUID, marksOf reader: UUID, numbers: ClosedRange<Int>,
                       on db: any Database) async throws -> (thread: ForumThreadRecord, marks: ThreadMarks)? {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        let numbersList: SQLQueryString = sql.dialect.name == "sqlite" ? "group_concat(p.number)" : "string_agg(CAST(p.number AS TEXT), ',')"
        let row = try await sql.raw("""
            SELECT \(unsafeRaw: threadColumns), \
            (SELECT r.read_up_to FROM forum_reads r WHERE r.thread_id = forum_threads.id AND r.person_id = \(bind: reader)) AS reader_read_up_to, \
            (SELECT CASE WHEN f.following THEN 1 ELSE 0 END FROM forum_follows f \
             WHERE f.person_id = \(bind: reader) AND f.target_id = forum_threads.id) AS reader_follows_thread, \
            (SELECT CASE WHEN f.following THEN 1 ELSE 0 END FROM forum_follows f \
             WHERE f.person_id = \(bind: reader) AND f.target_id = forum_threads.space_id) AS reader_follows_space, \
            (SELECT \(numbersList) FROM forum_posts p JOIN forum_votes v ON v.post_id = p.id \
             WHERE p.thread_id = forum_threads.id AND p.number >= \(bind: numbers.lowerBound) AND p.number <= \(bind: numbers.upperBound) \
             AND v.person_id = \(bind: reader)) AS reader_upvoted \
            FROM forum_threads WHERE id = \(bind: id) AND cohort_id = \(bind: cohort)
            """).first()
        guard let row else { return nil }
        var marks = ThreadMarks(numbers: numbers)
        marks.readUpTo = try row.decode(column: "reader_read_up_to", as: Int?.self) ?? 0
        marks.followsThread = try row.decode(column: "reader_follows_thread", as: Int?.self).map { $0 != 0 }
        marks.followsSpace = try row.decode(column: "reader_follows_space", as: Int?.self).map { $0 != 0 }
        marks.upvoted = Set((try row.decode(column: "reader_upvoted", as: String?.self) ?? "").split(separator: ",").compactMap { Int($0) })
        return (try thread(from: row), marks)
    }

    /// The reader's own marks on a space's page: how far they read each thread, and what they
    /// chose to follow or not among `followTargets` (the space).
    struct ReaderMarks: Sendable {
        var readUpTo: [UUID: Int] = [:]
        var following: [UUID: Bool] = [:]
    }

    static func readerMarks(of person: UUID, threads: [UUID], followTargets: [UUID], on db: any Database) async throws -> ReaderMarks {
        guard let sql = db as? any SQLDatabase else { throw ChatError.unsupportedDatabase }
        var parts: [SQLQueryString] = []
        if !threads.isEmpty {
            parts.append("SELECT 'read' AS mark, thread_id AS target, read_up_to AS n FROM forum_reads WHERE person_id = \(bind: person) AND thread_id IN (\(binds: threads))")
        }
        if !followTargets.isEmpty {
            parts.append("""
                SELECT 'follow' AS mark, target_id AS target, CASE WHEN following THEN 1 ELSE 0 END AS n FROM forum_follows \
                WHERE person_id = \(bind: person) AND target_id IN (\(binds: followTargets))
                """)
        }
        guard var query = parts.first else { return ReaderMarks() }
        for part in parts.dropFirst() { query = "\(query) UNION ALL \(part)" }
        var marks = ReaderMarks()
        for row in try await sql.raw(query).all() {
            let target = try row.decode(column: "target", as: UUID.self), n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "mark", as: String.self) {
            case "read": marks.readUpTo[target] = max(marks.readUpTo[target] ?? 0, n)
            default: marks.following[target] = n != 0
            }
        }
        return marks
    }
}
