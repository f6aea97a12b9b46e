import Domain
import Fluent
import Foundation
import SQLKit

/// The cohort as a whole, for its staff: completion by module, quiz topics, forum weeks and live
/// attendance, read in a fixed number of queries (each reads the whole cohort at once), whatever
/// the cohort's size. `InsightRules` sums them up.
enum CohortInsights {
    struct Facts: Sendable {
        var learners = 0
        var outline: CourseQueries.Outline = []
        var funnel = InsightRules.Funnel(modules: [], course: .init(started: 0, completed: 0, learners: 0, activities: 0))
        var topics: [InsightRules.Topic] = []
        /// The lessons that teach each topic (the question bank's links), by title.
        var lessons: [String: [Activity]] = [:]
        var weeks: [InsightRules.ForumWeek] = []
        /// The classes held, oldest first, with how many of today's learners attended each.
        var classes: [(session: LiveSession, attended: Int)] = []
    }

    static func load(_ access: LearningAccess, now: Date, caches: ReadCaches, on db: any Database) async throws -> Facts {
        guard let sql = db as? any SQLDatabase else { return Facts() }
        let cohortID = access.cohortID
        let learners = try await CohortDashboard.learners(cohortID, only: nil, on: sql).map { Person.ID($0.person_id) }
        let outline = try await CourseQueries.cachedOutline(of: access.courseID, caches: caches, on: db)
        let progress = try await sql.raw("""
            SELECT person_id, activity_id, state FROM activity_progress WHERE cohort_id = \(bind: cohortID)
            """).all(decoding: ProgressRow.self)
        let scores = try await sql.raw("""
            SELECT person_id, topic, earned, possible FROM quiz_topic_scores WHERE cohort_id = \(bind: cohortID) AND possible > 0
            """).all(decoding: QuizFacts.TopicScore.self)
        let posts = try await sql.raw("""
            SELECT p.author_id, p.number, p.created_at FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id
            WHERE t.cohort_id = \(bind: cohortID) AND p.created_at >= \(bind: InsightRules.firstForumDay(now: now).startInUTC)
              AND p.deleted_at IS NULL
            """).all(decoding: PostRow.self)
        let live = try await LiveFacts.load(cohortID, now: now, memo: caches.heldAttendance, on: db)

        var facts = Facts()
        facts.learners = learners.count
        facts.outline = outline
        var states: [Person.ID: [Activity.ID: ActivityState]] = [:]
        for row in progress {
            states[.init(row.person_id), default: [:]][.init(row.activity_id)] = ActivityState(rawValue: row.state) ?? .started
        }
        facts.funnel = InsightRules.funnel(outline: outline, states: states, learners: learners)
        let group = Set(learners)
        facts.topics = InsightRules.topics(scores.map { .init(person: .init($0.person_id), topic: $0.topic, earned: $0.earned,
                                                              possible: $0.possible) }, learners: group)
        if !facts.topics.isEmpty {
            let links = try await QuestionBankStore.topicLessons(of: access.courseID, on: db)
            let lessons = Dictionary(outline.flatMap(\.activities).filter { $0.kind == .lesson }.map { ($0.id, $0) },
                                     uniquingKeysWith: { a, _ in a })
            for topic in facts.topics {
                facts.lessons[topic.topic] = (links[topic.topic] ?? []).compactMap { lessons[$0] }.sorted { ($0.title, $0.position) < ($1.title, $1.position) }
            }
        }
        facts.weeks = InsightRules.forumWeeks(posts.map { .init(at: $0.created_at, author: .init($0.author_id), opensThread: $0.number == 1) },
                                              learners: group, now: now)
        facts.classes = zip(live.sessions, live.held).map { session, attendance in
            (session, learners.filter { attendance[$0]?.attended ?? false }.count)
        }
        return facts
    }

    struct ProgressRow: Decodable { let person_id: UUID; let activity_id: UUID; let state: String }
    struct PostRow: Decodable { let author_id: UUID; let number: Int; let created_at: Date }
}
