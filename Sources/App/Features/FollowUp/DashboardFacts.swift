import Domain
import Fluent
import Foundation
import SQLKit

/// What the dashboard reads of quizzes: per learner, each quiz's best graded score, the quizzes
/// failed and not passed since, the weakest topic; three queries for the whole cohort.
struct QuizFacts {
    struct Learner {
        var average: Int?
        var failed: [LearnerFacts.FailedQuiz]
        var lastSubmittedAt: Date?
    }

    var byPerson: [UUID: Learner] = [:]
    var weakest: [UUID: (topic: String, percent: Int)] = [:]

    struct Attempt: Decodable {
        let person_id: UUID
        let activity_id: UUID
        let earned: Double?
        let possible: Double?
        let pending: Int?
        let submitted_at: Date
    }

    struct TopicScore: Decodable { let person_id: UUID; let topic: String; let earned: Double; let possible: Double }

    static func load(_ cohortID: UUID, activities: [Activity], on sql: any SQLDatabase, _ db: any Database) async throws -> QuizFacts {
        let quizzes = Dictionary(activities.filter { $0.kind == .quiz }.map { ($0.id.uuid, $0.title) }, uniquingKeysWith: { a, _ in a })
        // Failures are counted per quiz id (two quizzes may share a title), then named.
        let titles = Dictionary(quizzes.map { ($0.key.uuidString, $0.value) }, uniquingKeysWith: { a, _ in a })
        var facts = QuizFacts()
        guard !quizzes.isEmpty else { return facts }
        let passMarks = Dictionary(try await QuizRecord.query(on: db).filter(\.$activityID ~~ Array(quizzes.keys)).all()
            .map { ($0.activityID, Double($0.settings.passPercent)) }, uniquingKeysWith: { a, _ in a })
        let attempts = try await sql.raw("""
            SELECT person_id, activity_id, earned, possible, pending, submitted_at FROM quiz_attempts
            WHERE cohort_id = \(bind: cohortID) AND submitted_at IS NOT NULL ORDER BY submitted_at, id
            """).all(decoding: Attempt.self)
        for (person, theirs) in Dictionary(grouping: attempts, by: \.person_id) {
            var best: [UUID: Double] = [:]
            var outcomes: [(quiz: String, passed: Bool)] = []
            for attempt in theirs {
                guard quizzes[attempt.activity_id] != nil else { continue }  // an activity since removed
                let score = QuizScore(stored: attempt.earned ?? 0, possible: attempt.possible ?? 0, pending: attempt.pending ?? 0)
                guard let passed = score.passed(atPercent: passMarks[attempt.activity_id] ?? 60) else { continue }
                best[attempt.activity_id] = max(best[attempt.activity_id] ?? 0, score.percent)
                outcomes.append((attempt.activity_id.uuidString, passed))
            }
            let average = best.isEmpty ? nil : Int((best.values.reduce(0, +) / Double(best.count)).rounded())
            let failed = RiskRules.failedQuizzes(outcomes).map { LearnerFacts.FailedQuiz(title: titles[$0.title] ?? $0.title, failures: $0.failures) }
            facts.byPerson[person] = Learner(average: average, failed: failed,
                                             lastSubmittedAt: theirs.map(\.submitted_at).max())
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

/// Who attended each live class the cohort has held, oldest first: three queries.
struct LiveFacts {
    /// The classes held, oldest first, and each one's attendance by person.
    var sessions: [LiveSession] = []
    var held: [[Person.ID: Attendance]] = []

    /// Their attendance at each class held since `since` (they joined), oldest first: a class
    /// held before they were in the cohort is not one they missed.
    func attended(by person: UUID, since: Date = .distantPast) -> [Bool] {
        zip(sessions, held).filter { $0.0.start >= since }.map { $0.1[.init(person)]?.attended ?? false }
    }

    /// The last class held since `since`, when they missed it.
    func lastMissed(by person: UUID, since: Date) -> LiveSession? {
        guard let index = sessions.lastIndex(where: { $0.start >= since }),
              held[index][Person.ID(person)]?.attended != true else { return nil }
        return sessions[index]
    }

    static func load(_ cohortID: UUID, learners: [UUID], now: Date, on db: any Database) async throws -> LiveFacts {
        let sessions = try await LiveSessionRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$cancelled == false)
            .filter(\.$startsAt <= now).sort(\.$startsAt).all().filter { $0.domain().heldEnd <= now }
        guard !sessions.isEmpty else { return LiveFacts() }
        let ids = sessions.map { $0.id! }
        let events = Dictionary(grouping: try await LivePresenceRecord.query(on: db).filter(\.$sessionID ~~ ids).all(), by: \.sessionID)
        let corrections = Dictionary(grouping: try await LiveAttendanceCorrectionRecord.query(on: db).filter(\.$sessionID ~~ ids).all(),
                                     by: \.sessionID)
        let expected = learners.map { Person.ID($0) }
        return LiveFacts(sessions: sessions.map { $0.domain() }, held: sessions.map { session in
            AttendanceRules.compute(
                session: session.domain(), events: (events[session.id!] ?? []).map { $0.domain() }, now: now,
                corrections: Dictionary((corrections[session.id!] ?? []).map { (Person.ID($0.personID), $0.attended) },
                                        uniquingKeysWith: { $1 }),
                expected: expected)
        })
    }
}
