import Domain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Reads and writes learners' attempts. Every write that could race (two tabs starting, two
/// submissions at once) is decided by the database: a unique attempt number, a submission that
/// only happens to an attempt not yet submitted.
enum QuizAttemptStore {
    /// The person's attempts at the quiz in the cohort, oldest first.
    static func attempts(of personID: UUID, at activityID: UUID, in cohortID: UUID, on db: any Database) async throws -> [QuizAttemptRecord] {
        try await QuizAttemptRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$activityID == activityID)
            .filter(\.$personID == personID).sort(\.$number).all()
    }

    /// The attempt with that id in the cohort, or 404.
    static func attempt(_ text: String?, in cohortID: UUID, on db: any Database) async throws -> QuizAttemptRecord {
        guard let text, let id = UUID(uuidString: text),
              let attempt = try await QuizAttemptRecord.query(on: db).filter(\.$id == id).filter(\.$cohortID == cohortID).first()
        else { throw AppError.notFound() }
        return attempt
    }

    /// The open attempt, or a new one when the quiz allows it.
    static func startOrResume(_ access: LearningAccess, activityID: UUID, settings: QuizSettings, now: Date = Date(),
                              on db: any Database) async throws -> QuizAttemptRecord {
        let existing = try await attempts(of: access.personID, at: activityID, in: access.cohortID, on: db)
        if let open = existing.last(where: { $0.submittedAt == nil }) { return open }
        try AttemptRules.checkStart(attemptsUsed: existing.count, settings: settings)
        let bank = try await QuestionBankStore.entries(of: access.courseID, on: db).map { ($0.id.lowercasedText, $0.question) }
        let items = try AttemptPlan.make(settings, bank: bank, seed: UInt64.random(in: 0...UInt64.max))
        let attempt = QuizAttemptRecord()
        attempt.organizationID = access.context.organizationID
        attempt.cohortID = access.cohortID
        attempt.activityID = activityID
        attempt.personID = access.personID
        attempt.number = existing.count + 1
        attempt.startedAt = now
        attempt.deadline = AttemptRules.deadline(startedAt: now, settings: settings)
        attempt.itemsJSON = String(decoding: try JSONEncoder.questions.encode(items), as: UTF8.self)
        do {
            try await attempt.create(on: db)
            return attempt
        } catch {
            // Another tab started it a moment ago (the attempt number is unique): that one is the open attempt.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let open = try await attempts(of: access.personID, at: activityID, in: access.cohortID, on: db)
                    .last(where: { $0.submittedAt == nil }) else { throw error }
            return open
        }
    }

    /// The saved answers of an attempt, by position.
    static func responses(of attemptID: UUID, on db: any Database) async throws -> [Int: QuestionResponse] {
        try await QuizAnswerRecord.query(on: db).filter(\.$attemptID == attemptID).all()
            .reduce(into: [:]) { result, row in if let response = row.response { result[row.position] = response } }
    }

    /// Saves answers (a position with no response clears it). One statement per answer, so two
    /// autosaves of different questions never overwrite each other.
    static func save(_ responses: [Int: QuestionResponse?], to attemptID: UUID, on db: any Database) async throws {
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            for (position, response) in responses.sorted(by: { $0.key < $1.key }) {
                guard let response else {
                    try await sql.raw("DELETE FROM quiz_answers WHERE attempt_id = \(bind: attemptID) AND position = \(bind: position)").run()
                    continue
                }
                let json = String(decoding: try JSONEncoder.questions.encode(response), as: UTF8.self)
                try await sql.raw("""
                    INSERT INTO quiz_answers (id, attempt_id, position, response) VALUES (\(bind: UUID()), \(bind: attemptID), \(bind: position), \(bind: json)) \
                    ON CONFLICT (attempt_id, position) DO UPDATE SET response = excluded.response
                    """).run()
            }
        }
    }

    /// Grades and closes the attempt; false when it was already submitted (by another request).
    static func submit(_ attempt: QuizAttemptRecord, now: Date = Date(), on db: any Database) async throws -> Bool {
        let responses = try await responses(of: attempt.id!, on: db)
        let (marks, score) = AttemptResult.grade(attempt.items, responses: responses)
        return try await db.transaction { db in
            let sql = db as! any SQLDatabase
            let closed = try await sql.raw("""
                UPDATE quiz_attempts SET submitted_at = \(bind: now), earned = \(bind: score.earned), possible = \(bind: score.possible), \
                pending = \(bind: score.pending) WHERE id = \(bind: attempt.id!) AND submitted_at IS NULL RETURNING id
                """).all()
            guard !closed.isEmpty else { return false }
            for (position, mark) in marks.enumerated() where responses[position] != nil {
                try await sql.raw("""
                    UPDATE quiz_answers SET fraction = \(bind: mark.fraction) WHERE attempt_id = \(bind: attempt.id!) AND position = \(bind: position)
                    """).run()
            }
            attempt.submittedAt = now
            attempt.earned = score.earned
            attempt.possible = score.possible
            attempt.pending = score.pending
            return true
        }
    }

    /// A trainer's grade of the written answer at `position` of a submitted attempt; the
    /// attempt's score is added up again from every stored mark.
    static func grade(_ attempt: QuizAttemptRecord, position: Int, _ grade: EssayGrade, by trainerID: UUID, now: Date = Date(),
                      on db: any Database) async throws {
        try await db.transaction { db in
            guard let answer = try await QuizAnswerRecord.query(on: db).filter(\.$attemptID == attempt.id!)
                    .filter(\.$position == position).first() else { throw AppError.notFound() }
            answer.fraction = grade.fraction
            answer.comment = grade.comment.isEmpty ? nil : grade.comment
            answer.gradedBy = trainerID
            answer.gradedAt = now
            try await answer.save(on: db)
            let stored = try await QuizAnswerRecord.query(on: db).filter(\.$attemptID == attempt.id!).all()
                .reduce(into: [Int: Double?]()) { $0[$1.position] = $1.fraction }
            let score = QuizScore.total(attempt.items.enumerated().map { index, item in
                (item.points, QuestionMark(fraction: stored[index] ?? 0))
            })
            attempt.earned = score.earned
            attempt.possible = score.possible
            attempt.pending = score.pending
            try await attempt.save(on: db)
        }
    }

    /// Submits an attempt whose time is over (with the grace), as it stands; true if it was.
    static func closeIfTimeUp(_ attempt: QuizAttemptRecord, now: Date = Date(), on db: any Database) async throws -> Bool {
        guard attempt.submittedAt == nil, let deadline = attempt.deadline,
              now > deadline.addingTimeInterval(AttemptRules.grace) else { return false }
        _ = try await submit(attempt, now: now, on: db)
        return true
    }

    /// The score of a submitted attempt.
    static func score(of attempt: QuizAttemptRecord) -> QuizScore? {
        guard attempt.submittedAt != nil else { return nil }
        return QuizScore(stored: attempt.earned ?? 0, possible: attempt.possible ?? 0, pending: attempt.pending ?? 0)
    }
}
