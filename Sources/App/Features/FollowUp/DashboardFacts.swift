import Domain
import Fluent
import Foundation
import SQLKit

/// What the dashboard reads of quizzes: per learner, each quiz's best graded score, the quizzes
/// failed and not passed since, the weakest topic; from the standings kept per learner and quiz
/// (`QuizStandings`) and the running sums per topic, three queries for the whole cohort.
struct QuizFacts {
    struct Learner {
        var average: Int?
        var failed: [LearnerFacts.FailedQuiz]
        var lastSubmittedAt: Date?
    }

    var byPerson: [UUID: Learner] = [:]
    var weakest: [UUID: (topic: String, percent: Int)] = [:]

    struct TopicScore: Decodable { let person_id: UUID; let topic: String; let earned: Double; let possible: Double }

    static func load(_ cohortID: UUID, activities: [Activity], on sql: any SQLDatabase, _ db: any Database) async throws -> QuizFacts {
        // In the course's order; a quiz since removed from the course counts no more.
        let quizzes = activities.filter { $0.kind == .quiz }
        var facts = QuizFacts()
        guard !quizzes.isEmpty else { return facts }
        let passMarks = Dictionary(try await QuizRecord.query(on: db).filter(\.$activityID ~~ quizzes.map(\.id.uuid)).all()
            .map { ($0.activityID, Double($0.settings.passPercent)) }, uniquingKeysWith: { a, _ in a })
        let standings = try await QuizStandings.of(cohort: cohortID, on: sql)
        for (person, rows) in Dictionary(grouping: standings, by: \.person_id) {
            let byQuiz = Dictionary(rows.map { ($0.activity_id, $0) }, uniquingKeysWith: { a, _ in a })
            var bests: [Double] = []
            var failed: [LearnerFacts.FailedQuiz] = []
            var last: Date?
            for quiz in quizzes {
                guard let row = byQuiz[quiz.id.uuid] else { continue }
                last = [last, row.last_submitted_at].compactMap { $0 }.max()
                guard let standing = QuizStanding(stored: row.trail), let best = standing.best else { continue }
                bests.append(best)
                let failures = standing.failures(atPercent: passMarks[quiz.id.uuid] ?? 60)
                if failures > 0 { failed.append(LearnerFacts.FailedQuiz(title: quiz.title, failures: failures)) }
            }
            let average = bests.isEmpty ? nil : Int((bests.reduce(0, +) / Double(bests.count)).rounded())
            facts.byPerson[person] = Learner(average: average, failed: failed, lastSubmittedAt: last)
        }
        let topics = try await sql.raw("""
            SELECT person_id, topic, earned, possible FROM quiz_topic_scores WHERE cohort_id = \(bind: cohortID) AND possible > 0
            """).all(decoding: TopicScore.self)
        for (person, theirs) in Dictionary(grouping: topics, by: \.person_id) {
            let ranked = theirs.map { ($0.topic, min(max($0.earned / $0.possible, 0), 1)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            if let weakest = ranked.first { facts.weakest[person] = (weakest.0, Int((weakest.1 * 100).rounded())) }
        }
        return facts
    }
}

/// Peer reviews each learner has done, and owes: the reviews their assignments ask of each
/// learner who handed work in.
struct PeerFacts {
    var done: [UUID: Int] = [:]
    var due: [UUID: Int] = [:]

    struct Submission: Decodable { let person_id: UUID; let activity_id: UUID }

    static func load(_ cohortID: UUID, activities: [Activity], on sql: any SQLDatabase, _ db: any Database) async throws -> PeerFacts {
        let assignments = activities.filter { $0.kind == .peerAssignment }.map(\.id.uuid)
        var facts = PeerFacts()
        guard !assignments.isEmpty else { return facts }
        let required = Dictionary(try await PeerAssignmentRecord.query(on: db).filter(\.$activityID ~~ assignments).all()
            .map { ($0.activityID, $0.settings.reviewsRequired) }, uniquingKeysWith: { a, _ in a })
        let submissions = try await sql.raw("""
            SELECT person_id, activity_id FROM peer_submissions WHERE cohort_id = \(bind: cohortID)
            """).all(decoding: Submission.self)
        for submission in submissions {
            facts.due[submission.person_id, default: 0] += required[submission.activity_id] ?? 0
        }
        let reviews = try await sql.raw("""
            SELECT reviewer_id AS person_id, COUNT(*) AS count FROM peer_reviews
            WHERE cohort_id = \(bind: cohortID) AND kind = 'peer' AND completed_at IS NOT NULL GROUP BY reviewer_id
            """).all(decoding: CohortDashboard.PersonCount.self)
        for review in reviews { facts.done[review.person_id] = review.count }
        return facts
    }
}

/// Each learner's state per activity and last visit, one row per learner: the activities' ids
/// and states joined into one text, read back by matching the course's ids, as a cohort of 100
/// a year in has 4,700 rows of progress to decode otherwise.
enum ProgressSummary {
    struct Learner {
        var states: [Activity.ID: ActivityState] = [:]
        var lastVisitedAt: Date?
    }

    private struct Row: Decodable { let person_id: UUID; let states: String?; let last: Date? }

    static func load(_ cohortID: UUID, activities: [Activity], on sql: any SQLDatabase) async throws -> [UUID: Learner] {
        let joined: SQLQueryString = sql.dialect.name == "postgresql"
            ? "string_agg(CAST(activity_id AS TEXT) || ' ' || state, ',')" : "group_concat(activity_id || ' ' || state, ',')"
        let rows = try await sql.raw("""
            SELECT person_id, \(joined) AS states, MAX(last_visited_at) AS last FROM activity_progress
            WHERE cohort_id = \(bind: cohortID) GROUP BY person_id
            """).all(decoding: Row.self)
        // Ids as either database spells them.
        var ids: [Substring: Activity.ID] = [:]
        for activity in activities {
            ids[Substring(activity.id.uuid.uuidString)] = activity.id
            ids[Substring(activity.id.uuid.uuidString.lowercased())] = activity.id
        }
        var learners: [UUID: Learner] = [:]
        for row in rows {
            var learner = Learner(lastVisitedAt: row.last)
            for pair in (row.states ?? "").split(separator: ",") {
                guard let space = pair.firstIndex(of: " "), let id = ids[pair[..<space]] else { continue }  // an activity since removed
                let state = ActivityState(rawValue: String(pair[pair.index(after: space)...])) ?? .started
                if learner.states[id] == nil { learner.states[id] = state }
            }
            learners[row.person_id] = learner
        }
        return learners
    }
}
