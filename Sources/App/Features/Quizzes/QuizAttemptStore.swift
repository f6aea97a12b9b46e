import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
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
              let row = try await (db as! any SQLDatabase).raw("""
                SELECT * FROM quiz_attempts WHERE id = \(bind: id) AND cohort_id = \(bind: cohortID)
                """).first()
        else { throw AppError.notFound() }
        return try QuizAttemptRecord(row)
    }

    /// The attempt with that id in the cohort, without its questions, and its learner's mastery
    /// (`QuizMastery.of`) in the same query (a result page's two reads), or 404.
    static func headAndMastery(_ text: String?, in cohortID: UUID, on db: any Database) async throws
        -> (QuizAttemptHead, mastery: [(topic: String, value: Double)]) {
        guard let text, let id = UUID(uuidString: text) else { throw AppError.notFound() }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT \(QuizAttemptHead.columns), m.topic, m.earned AS topic_earned, m.possible AS topic_possible FROM quiz_attempts a \
            LEFT JOIN quiz_topic_scores m ON m.cohort_id = a.cohort_id AND m.person_id = a.person_id \
            WHERE a.id = \(bind: id) AND a.cohort_id = \(bind: cohortID)
            """).all()
        guard let first = rows.first else { throw AppError.notFound() }
        return (try QuizAttemptHead(first), try QuizMastery.of(rows))
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
        attempt.revision = 0
        attempt.startedAt = now
        attempt.deadline = AttemptRules.deadline(startedAt: now, settings: settings)
        attempt.itemsJSON = try AttemptItemsCache.encode(items)
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

    /// An answer as saved: the response, and once submitted its mark and a trainer's comment.
    struct AnswerRow: Sendable {
        let position: Int
        let response: QuestionResponse?
        let fraction: Double?
        let comment: String?
    }

    /// The saved answers of an attempt, in plain rows (twenty Fluent records cost more than the query).
    static func answerRows(of attemptID: UUID, on sql: any SQLDatabase) async throws -> [AnswerRow] {
        try await sql.raw("SELECT position, response, fraction, comment FROM quiz_answers WHERE attempt_id = \(bind: attemptID)").all().map {
            AnswerRow(position: try $0.decode(column: "position", as: Int.self),
                      response: try? JSONDecoder.questions.decode(QuestionResponse.self, from: Data(try $0.decode(column: "response", as: String.self).utf8)),
                      fraction: try $0.decode(column: "fraction", as: Double?.self), comment: try $0.decode(column: "comment", as: String?.self))
        }
    }

    /// The saved answers of an attempt, by position.
    static func responses(of attemptID: UUID, on db: any Database) async throws -> [Int: QuestionResponse] {
        responses(in: try await answerRows(of: attemptID, on: db as! any SQLDatabase))
    }

    /// A response as `quiz_answers` keeps it (the JSON `JSONDecoder.questions` reads).
    /// Those of a choice, a truth, an order, a matching are kept: encoding twenty answers was a
    /// twentieth of a submission. Texts are written by hand (not kept: two spellings of one text
    /// are equal as Swift strings), in the encoder's shape, `{"text":{"_0":"…"}}`: the same value,
    /// though not always the same bytes (the encoder writes `/` as `\/`, a backspace as `\b`).
    static func storedText(_ response: QuestionResponse) throws -> String {
        switch response {
        case .text(let text): return storedText(text, as: "text")
        case .number(let text): return storedText(text, as: "number")
        case .choice, .choices, .truth, .matches, .order: break
        }
        if let text = storedTexts.withLockedValue({ $0[response] }) { return text }
        let text = String(decoding: try JSONEncoder.questions.encode(response), as: UTF8.self)
        storedTexts.withLockedValue { texts in
            if texts.count >= 10_000 { texts.removeAll(keepingCapacity: true) }
            texts[response] = text
        }
        return text
    }

    private static let storedTexts = NIOLockedValueBox([QuestionResponse: String]())

    private static func storedText(_ text: String, as kind: StaticString) -> String {
        var json = "{\"\(kind)\":{\"_0\":"
        json.reserveCapacity(json.utf8.count + text.utf8.count + 4)
        JSONText.appendString(text, to: &json)
        return json + "}}"
    }

    static func responses(in rows: [AnswerRow]) -> [Int: QuestionResponse] {
        rows.reduce(into: [:]) { result, row in if let response = row.response { result[row.position] = response } }
    }

    /// Saves answers (a position with no response clears it), in one statement for the ones
    /// given, while the attempt is open: an autosave that arrives after "Submit" (a save waits
    /// 600 ms in the page) is refused with `.alreadySubmitted` and changes nothing.
    static func save(_ responses: [Int: QuestionResponse?], to attemptID: UUID, commits: GroupCommit? = nil,
                     on db: any Database) async throws {
        // A refusal is a value, thrown once committed: thrown inside, it would fail the whole group commit.
        let saved = try await committed(commits, on: db) { db in
            let sql = db as! any SQLDatabase
            // Locks the attempt's row (PostgreSQL) until the answers are written.
            let open = try await sql.raw("""
                UPDATE quiz_attempts SET number = number WHERE id = \(bind: attemptID) AND submitted_at IS NULL RETURNING id
                """).all()
            guard !open.isEmpty else { return false }
            try await write(responses, to: attemptID, on: sql)
            return true
        }
        guard saved else { throw AttemptError.alreadySubmitted }
    }

    /// On SQLite, one quiz write at a time (`WriteSerializer`): two transactions meeting there make
    /// one sleep in SQLite's busy handler, which under load became most of a submission's time.
    private static func serialized<T>(_ writes: WriteSerializer?, _ body: () async throws -> T) async throws -> T {
        if let writes { return try await writes.run(body) }
        return try await body()
    }

    /// A write transaction; on SQLite, in the next group commit (`GroupCommit`).
    private static func committed<T: Sendable>(_ commits: GroupCommit?, on db: any Database,
                                               _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let commits { return try await commits.run(body) }
        return try await db.writeTransaction(body)
    }

    /// Upserts answers, not yet graded, and deletes the cleared ones.
    private static func write(_ answers: [Int: QuestionResponse?], to attemptID: UUID, on sql: any SQLDatabase) async throws {
        let cleared = answers.filter { $0.value == nil }.map(\.key)
        if !cleared.isEmpty {
            try await sql.delete(from: "quiz_answers").where("attempt_id", .equal, attemptID).where("position", .in, cleared).run()
        }
        let given = answers.compactMap { position, response in response.map { (position, $0) } }.sorted { $0.0 < $1.0 }
        guard !given.isEmpty else { return }
        let insert = sql.insert(into: "quiz_answers").columns("id", "attempt_id", "position", "response")
        for (position, response) in given {
            insert.values([UUID.timeOrdered(), attemptID, position, try storedText(response)] as [any Encodable & Sendable])
        }
        try await insert.onConflict(with: ["attempt_id", "position"]) { $0.set(excludedValueOf: "response") }.run()
    }

    /// Grades and closes the attempt with the answers saved so far and `adding` (the form sent
    /// with "Submit"), in one transaction that first locks the attempt (`QuizSubmission`): nil
    /// when another request closed it first, in which case nothing is written.
    /// The graded attempt goes to `caches` for its result page.
    @discardableResult
    static func submit(_ attempt: QuizAttemptRecord, adding: [Int: QuestionResponse?] = [:], now: Date = Date(),
                       commits: GroupCommit? = nil, caches: ReadCaches? = nil, on db: any Database) async throws -> QuizSubmission.Submitted? {
        let submission = try QuizSubmission(attempt, adding: adding, now: now)
        let outcome = if let commits { try await commits.run(submission) } else { try await submission.runAlone(on: db) }
        guard let submitted = outcome else { return nil }
        attempt.submittedAt = now
        attempt.earned = submitted.score.earned
        attempt.possible = submitted.score.possible
        attempt.pending = submitted.score.pending
        if let cache = caches?.quizzes.graded {
            cache.store(submitted.graded, for: QuizCaches.gradedKey(QuizAttemptHead(attempt)), loadedIn: cache.generation, now: now)
        }
        return submitted
    }

    /// A trainer's grade of the written answer at `position` of a submitted attempt; the
    /// attempt's score is added up again from every stored mark.
    static func grade(_ attempt: QuizAttemptRecord, position: Int, _ grade: EssayGrade, by trainerID: UUID, now: Date = Date(),
                      writes: WriteSerializer? = nil, on db: any Database) async throws {
        try await serialized(writes) { try await db.writeTransaction { db in
            // Two trainers grading two answers of one attempt: the second waits, then adds up both.
            // The revision moves on here, from the row: two grades at once make two revisions.
            let locked = try await (db as! any SQLDatabase).raw("""
                UPDATE quiz_attempts SET revision = revision + 1 WHERE id = \(bind: attempt.id!) RETURNING revision
                """).first()
            guard let locked else { throw AppError.notFound() }
            guard let answer = try await QuizAnswerRecord.query(on: db).filter(\.$attemptID == attempt.id!)
                    .filter(\.$position == position).first() else { throw AppError.notFound() }
            // Mastery follows the grade: a first grade adds the question, a new one the difference.
            let item = attempt.items[position]
            let before = answer.fraction
            let delta = QuizMastery.deltas([item], marks: [QuestionMark(fraction: grade.fraction)]).map { topic, earned, possible in
                (topic, earned - item.points * (before ?? 0), before == nil ? possible : 0)
            }
            try await QuizMastery.add(delta, cohortID: attempt.cohortID, personID: attempt.personID, on: db as! any SQLDatabase)
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
            attempt.revision = try locked.decode(column: "revision", as: Int.self)  // its result page is read again
            // The score only: the rest of the row (its questions) stays as it is.
            try await (db as! any SQLDatabase).raw("""
                UPDATE quiz_attempts SET earned = \(bind: score.earned), possible = \(bind: score.possible), pending = \(bind: score.pending) \
                WHERE id = \(bind: attempt.id!)
                """).run()
            try await QuizStandings.regraded(.init(attempt), on: db as! any SQLDatabase)
        } }
    }

    /// Submits an attempt whose time is over (with the grace), as it stands; true if it was.
    static func closeIfTimeUp(_ attempt: QuizAttemptRecord, now: Date = Date(), commits: GroupCommit? = nil, caches: ReadCaches,
                              on db: any Database) async throws -> Bool {
        guard attempt.submittedAt == nil, AttemptRules.isTimeUp(now: now, deadline: attempt.deadline) else { return false }
        if let submitted = try await submit(attempt, now: now, commits: commits, caches: caches, on: db) {
            try await updateProgress(of: attempt, othersMayPass: false, wasDone: submitted.quizWasDone, caches: caches, on: db)
        }
        return true
    }

    /// The quiz counts as done for its learner while one of their submitted attempts passes
    /// (a grade lowered below the pass mark undoes it); otherwise it stays started.
    ///
    /// `othersMayPass: false` (a learner's own submission) looks at this attempt only: a new
    /// attempt adds a pass or nothing, so the learner's other attempts need not be read.
    /// `wasDone`: whether the quiz counted as done, when the caller read it already (a submission,
    /// in its batch). Read before the commit rather than after it: a trainer's grade that undoes
    /// the quiz between the two could leave a new pass unmarked, until the next submission or
    /// grade (a trainer regrading at the very moment the learner submits).
    static func updateProgress(of attempt: QuizAttemptRecord, othersMayPass: Bool = true, wasDone: Bool? = nil, caches: ReadCaches,
                               on db: any Database) async throws {
        let done = if let wasDone { wasDone } else { try await (db as! any SQLDatabase).raw("""
            SELECT state FROM activity_progress WHERE cohort_id = \(bind: attempt.cohortID) AND person_id = \(bind: attempt.personID) \
            AND activity_id = \(bind: attempt.activityID)
            """).first()?.decode(column: "state", as: String.self) == ActivityState.done.rawValue }
        // Done already, and a new attempt adds a pass or nothing: nothing changes.
        if done, !othersMayPass { return }
        // Read fresh, not from the caches: it decides a write.
        let settings = try await QuizAuthoring.quiz(of: attempt.activityID, on: db).settings
        let passMark = Double(settings.passPercent)
        var passed = score(of: attempt)?.passed(atPercent: passMark) == true
        if !passed, othersMayPass {
            passed = try await QuizAttemptRecord.query(on: db).filter(\.$cohortID == attempt.cohortID)
                .filter(\.$activityID == attempt.activityID).filter(\.$personID == attempt.personID).filter(\.$submittedAt != nil)
                .filter(\.$id != attempt.id!).all().contains { score(of: $0)?.passed(atPercent: passMark) == true }
        }
        guard passed != done else { return }
        let learner = ProgressStore.Learner(organizationID: attempt.organizationID, cohortID: attempt.cohortID, personID: attempt.personID)
        try await ProgressStore.setDone(passed, learner, activityID: attempt.activityID, visited: false, caches: caches, on: db)
    }

    /// The score of a submitted attempt.
    static func score(of attempt: QuizAttemptRecord) -> QuizScore? {
        guard attempt.submittedAt != nil else { return nil }
        return QuizScore(stored: attempt.earned ?? 0, possible: attempt.possible ?? 0, pending: attempt.pending ?? 0)
    }
}
