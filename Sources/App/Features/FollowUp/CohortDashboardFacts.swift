import Domain
import Fluent
import Foundation
import SQLKit

extension CohortDashboard {
    /// What the board reads of the cohort, the same whoever looks (all but the viewer's unread
    /// messages): the board made of it is kept in `ReadCaches.dashboards`.
    struct Facts: Sendable {
        let thresholds: RiskThresholds
        let learners: [Learner]
        let progress: [UUID: ProgressSummary.Learner]
        let recent: [UUID: Int]
        let quizzes: QuizFacts
        let peer: PeerFacts
        let live: LiveFacts
        let help: [UUID: Int]
        let posts: [UUID: PostCount]

        static func load(_ cohortID: UUID, only: UUID?, activities: [Activity], now: Date, caches: ReadCaches,
                         on db: any Database, _ sql: any SQLDatabase) async throws -> Facts {
            let thresholds = try await CohortRecord.find(cohortID, on: db)?.riskThresholds ?? .standard
            let learners = try await CohortDashboard.learners(cohortID, only: only, on: sql)
            let progress = try await ProgressSummary.load(cohortID, activities: activities, on: sql)
            let recent = try await sql.raw("""
                SELECT person_id, CAST(SUM(seconds) AS BIGINT) AS seconds FROM learning_days
                WHERE cohort_id = \(bind: cohortID) AND day >= \(bind: Day(utc: now).adding(days: 1 - recentDays).description)
                GROUP BY person_id
                """).all(decoding: PersonSum.self)
            let quizzes = try await QuizFacts.load(cohortID, activities: activities, on: sql, db)
            let peer = try await PeerFacts.load(cohortID, activities: activities, on: sql, db)
            let live = try await LiveFacts.load(cohortID, now: now, memo: caches.heldAttendance, on: db)
            let help = try await sql.raw("""
                SELECT person_id, COUNT(*) AS count FROM help_requests WHERE cohort_id = \(bind: cohortID) AND status = 'open' GROUP BY person_id
                """).all(decoding: PersonCount.self)
            let posts = try await sql.raw("""
                SELECT p.author_id AS person_id, COUNT(*) AS count, MAX(p.created_at) AS last FROM forum_posts p
                JOIN forum_threads t ON t.id = p.thread_id WHERE t.cohort_id = \(bind: cohortID) AND p.deleted_at IS NULL GROUP BY p.author_id
                """).all(decoding: PostCount.self)
            return Facts(thresholds: thresholds, learners: learners, progress: progress,
                         recent: Dictionary(recent.map { ($0.person_id, $0.seconds ?? 0) }, uniquingKeysWith: +), quizzes: quizzes,
                         peer: peer, live: live, help: Dictionary(help.map { ($0.person_id, $0.count) }, uniquingKeysWith: +),
                         posts: Dictionary(posts.map { ($0.person_id, $0) }, uniquingKeysWith: { a, _ in a }))
        }

        /// One row per learner: every figure but the viewer's unread messages, with the risk as of `now`.
        func board(_ access: Scope, outline: CourseQueries.Outline, now: Date) -> Board {
            let start = access.start.startInUTC
            let today = Day(utc: now)
            // The same for every learner: worked out once.
            let dueDays = Dictionary(outline.flatMap(\.activities).map { ($0.id, access.dueDay(of: $0)) }, uniquingKeysWith: { a, _ in a })
            let dueDay = { (activity: Activity) in dueDays[activity.id] ?? nil }
            let openActivities = outline.filter { access.isOpen($0.module, today: today) }.flatMap(\.activities)
            let rows = learners.map { learner -> Row in
                let person = learner.person_id
                let mine = progress[person]
                let states = mine?.states ?? [:]
                let quiz = quizzes.byPerson[person]
                let lastActive = [mine?.lastVisitedAt, posts[person]?.last, quiz?.lastSubmittedAt].compactMap { $0 }.max()
                let since = max(start, learner.created_at ?? start)
                let attended = live.attended(by: person, since: since)
                let open = openActivities.filter { states[$0.id] != .done }
                let facts = LearnerFacts(
                    since: since, lastActiveAt: lastActive,
                    modulesBehind: RiskRules.modulesBehind(outline, states: states, dueDay: dueDay, today: today),
                    failedQuizzes: quiz?.failed ?? [], missedLiveInARow: RiskRules.missedInARow(attended),
                    posts: posts[person]?.count ?? 0)
                return Row(personID: person, name: learner.name, progress: CourseProgress(outline: outline, states: states).course,
                           lastActiveAt: lastActive, secondsLastWeek: recent[person] ?? 0, quizAverage: quiz?.average,
                           weakestTopic: quizzes.weakest[person], reviewsDone: peer.done[person] ?? 0, reviewsDue: peer.due[person] ?? 0,
                           liveAttended: attended.filter { $0 }.count, liveHeld: attended.count, openHelpRequests: help[person] ?? 0,
                           unreadFromThem: 0, facts: facts, risk: RiskRules.assess(facts, thresholds: thresholds, now: now),
                           next: open.first.map { ($0, dueDay($0)) },
                           dueSoon: open.compactMap { activity in dueDay(activity).flatMap { $0 >= today ? (activity, $0) : nil } }
                               .min { $0.1 < $1.1 },
                           missedLive: live.lastMissed(by: person, since: since))
            }
            return Board(rows: rows, thresholds: thresholds)
        }
    }
}
