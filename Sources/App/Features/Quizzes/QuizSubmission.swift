import Domain
import Fluent
import Foundation
import SQLKit

/// Submitting an attempt: its answers graded and stored with their marks, the attempt closed with
/// its score, the learner's mastery and standing moved on; all or nothing.
///
/// Submissions that wait in one group commit run together (`GroupedWrite`): five statements for
/// them all on SQLite, eight on PostgreSQL (one more if a form clears an answer; on PostgreSQL
/// one more per thousand answers), where each took seven and SQLite's one writer made the rest
/// wait. Alone (PostgreSQL, or one at a time) it is the same code with one submission.
struct QuizSubmission: GroupedWrite {
    let attemptID: UUID
    let learner: QuizStandings.Key
    let items: [AttemptItem]
    /// The form sent with "Submit": its answers replace the saved ones, and nil clears one.
    let adding: [Int: QuestionResponse?]
    /// The form's answers as stored, encoded before the batch: what runs in it runs one batch at a time.
    let addingTexts: [Int: String]
    let now: Date

    /// What was stored: the score, and what the result page shows (the marks, no comment yet).
    struct Submitted: Sendable {
        let score: QuizScore
        let graded: GradedAttempt
        /// Each answer as stored.
        fileprivate var texts: [Int: String] = [:]
        /// Whether the quiz already counted as done for the learner (read in the batch, once for
        /// all its submissions: each read it again after committing).
        var quizWasDone = false
    }

    /// Nil when the attempt was already submitted, by another request or earlier in the same
    /// batch: nothing was written for it.
    typealias Outcome = Submitted?

    init(_ attempt: QuizAttemptRecord, adding: [Int: QuestionResponse?], now: Date) throws {
        attemptID = attempt.id!
        learner = QuizStandings.Key(attempt)
        items = attempt.items
        self.adding = adding
        addingTexts = try adding.compactMapValues { try $0.map(QuizAttemptStore.storedText) }
        self.now = now
    }

    static func runAll(_ submissions: [QuizSubmission], on db: any Database) async throws -> [Submitted?] {
        let sql = db as! any SQLDatabase
        let before = try await Before.read(Set(submissions.map(\.attemptID)), on: sql)
        let (open, saved) = (before.open, before.saved)
        var closed: [(submission: QuizSubmission, submitted: Submitted)] = []
        var outcomes: [Submitted?] = []
        for submission in submissions {
            guard open.contains(submission.attemptID), !closed.contains(where: { $0.submission.attemptID == submission.attemptID }) else {
                outcomes.append(nil)
                continue
            }
            var answers = saved[submission.attemptID] ?? [:]
            for (position, response) in submission.adding {
                answers[position] = response.flatMap { response in submission.addingTexts[position].map { (response, $0) } }
            }
            answers = answers.filter { submission.items.indices.contains($0.key) }
            let responses = answers.mapValues(\.response)
            let (marks, score) = AttemptResult.grade(submission.items, responses: responses)
            let graded = GradedAttempt(items: submission.items, responses: responses, marks: marks, comments: [:])
            closed.append((submission, Submitted(score: score, graded: graded, texts: answers.mapValues(\.text))))
            outcomes.append(closed.last!.submitted)
        }
        guard !closed.isEmpty else { return outcomes }
        let done = if let done = before.done { done } else { try await quizzesDone(Set(closed.map(\.submission.learner)), on: sql) }
        for index in outcomes.indices where outcomes[index] != nil {
            outcomes[index]?.quizWasDone = done.contains(submissions[index].learner)
        }
        try await clear(closed.map(\.submission), on: sql)
        try await storeAnswers(closed, on: sql)
        try await close(closed, on: sql)
        try await QuizMastery.add(closed.map { submission, submitted in
            (submission.learner.cohort, submission.learner.person, QuizMastery.deltas(submission.items, marks: submitted.graded.marks))
        }, on: sql)
        try await QuizStandings.submitted(closed.map { ($0.submission.learner, $0.submitted.score, $0.submission.now) },
                                          read: before.standings, on: sql)
        return outcomes
    }

    /// What a batch reads before it writes: which attempts are still open, with their saved answers;
    /// on SQLite also each learner's standing and whether their quiz is done already.
    private struct Before {
        typealias Saved = [Int: (response: QuestionResponse, text: String)]
        var open: Set<UUID> = []
        var saved: [UUID: Saved] = [:]
        /// Nil: read once the batch knows which attempts it closes (PostgreSQL).
        var done: Set<QuizStandings.Key>?
        /// Nil: `QuizStandings` reads and locks them itself (PostgreSQL).
        var standings: [QuizStandings.Key: QuizStanding?]?

        static func read(_ ids: Set<UUID>, on sql: any SQLDatabase) async throws -> Before {
            guard sql.dialect.name == "sqlite" else {
                let open = try await openAttempts(ids, on: sql)
                return Before(open: open, saved: try await savedAnswers(of: open, on: sql))
            }
            return try await readAtOnce(ids, on: sql)
        }

        /// In one statement: on SQLite each is a turn on its thread and back, most of a statement's
        /// cost in a batch, and the transaction already holds the write lock.
        private static func readAtOnce(_ ids: Set<UUID>, on sql: any SQLDatabase) async throws -> Before {
            let rows = try await sql.raw("""
                SELECT a.id, a.submitted_at, a.cohort_id, a.person_id, a.activity_id, \
                EXISTS (SELECT 1 FROM activity_progress p WHERE p.cohort_id = a.cohort_id AND p.person_id = a.person_id \
                  AND p.activity_id = a.activity_id AND p.state = \(bind: ActivityState.done.rawValue)) AS done, \
                (SELECT s.trail FROM quiz_standings s WHERE s.cohort_id = a.cohort_id AND s.person_id = a.person_id \
                  AND s.activity_id = a.activity_id) AS trail, \
                (SELECT json_group_array(json_array(w.position, w.response)) FROM quiz_answers w WHERE w.attempt_id = a.id) AS saved \
                FROM quiz_attempts a WHERE a.id IN (\(binds: Array(ids)))
                """).all()
            var before = Before(done: [], standings: [:])
            let decoder = JSONDecoder()
            for row in rows {
                let key = QuizStandings.Key(cohort: try row.decode(column: "cohort_id", as: UUID.self),
                                            person: try row.decode(column: "person_id", as: UUID.self),
                                            activity: try row.decode(column: "activity_id", as: UUID.self))
                if try row.decode(column: "done", as: Bool.self) { before.done?.insert(key) }
                before.standings?[key] = QuizStanding(stored: try row.decode(column: "trail", as: String?.self) ?? "")
                guard try row.decode(column: "submitted_at", as: Date?.self) == nil else { continue }
                let id = try row.decode(column: "id", as: UUID.self)
                before.open.insert(id)
                let text = try row.decode(column: "saved", as: String.self)
                guard text != "[]" else { continue }
                for answer in try decoder.decode([SavedAnswer].self, from: Data(text.utf8)) {
                    guard let response = QuizSubmission.response(answer.text) else { continue }
                    before.saved[id, default: [:]][answer.position] = (response, answer.text)
                }
            }
            return before
        }

        /// `[position, response]`, as `json_array` writes it.
        private struct SavedAnswer: Decodable {
            let position: Int
            let text: String

            init(from decoder: any Decoder) throws {
                var fields = try decoder.unkeyedContainer()
                position = try fields.decode(Int.self)
                text = try fields.decode(String.self)
            }
        }
    }

    /// The attempts not yet submitted, locked until the transaction ends (PostgreSQL; on SQLite
    /// the transaction holds the write lock): a second submission or a late autosave waits, then
    /// finds them submitted. The answers are read after this, so none saved before can be missed.
    private static func openAttempts(_ ids: Set<UUID>, on sql: any SQLDatabase) async throws -> Set<UUID> {
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE" : ""
        let rows = try await sql.raw("""
            SELECT id, submitted_at FROM quiz_attempts WHERE id IN (\(binds: ids.sorted(by: UUID.textOrder))) ORDER BY id \(lock)
            """).all()
        return Set(try rows.compactMap { row in
            try row.decode(column: "submitted_at", as: Date?.self) == nil ? try row.decode(column: "id", as: UUID.self) : nil
        })
    }

    /// Each attempt's saved answers, decoded and as stored.
    private static func savedAnswers(of attempts: Set<UUID>, on sql: any SQLDatabase) async throws -> [UUID: Before.Saved] {
        guard !attempts.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT attempt_id, position, response FROM quiz_answers WHERE attempt_id IN (\(binds: Array(attempts)))
            """).all()
        var saved: [UUID: Before.Saved] = [:]
        for row in rows {
            let text = try row.decode(column: "response", as: String.self)
            guard let response = response(text) else { continue }
            saved[try row.decode(column: "attempt_id", as: UUID.self), default: [:]][try row.decode(column: "position", as: Int.self)] = (response, text)
        }
        return saved
    }

    /// A saved answer as it was stored; nil if it cannot be read (skipped, as if never saved).
    private static func response(_ text: String) -> QuestionResponse? {
        try? JSONDecoder.questions.decode(QuestionResponse.self, from: Data(text.utf8))
    }

    /// The learners for whom their quiz counts as done already.
    private static func quizzesDone(_ learners: Set<QuizStandings.Key>, on sql: any SQLDatabase) async throws -> Set<QuizStandings.Key> {
        let rows = try await sql.raw("""
            SELECT cohort_id, person_id, activity_id FROM activity_progress WHERE cohort_id IN (\(binds: Array(Set(learners.map(\.cohort))))) \
            AND person_id IN (\(binds: Array(Set(learners.map(\.person))))) AND activity_id IN (\(binds: Array(Set(learners.map(\.activity))))) \
            AND state = \(bind: ActivityState.done.rawValue)
            """).all()
        return try learners.intersection(rows.map { row in
            QuizStandings.Key(cohort: try row.decode(column: "cohort_id", as: UUID.self), person: try row.decode(column: "person_id", as: UUID.self),
                              activity: try row.decode(column: "activity_id", as: UUID.self))
        })
    }

    /// The saved answers the form clears (a field sent empty).
    private static func clear(_ submissions: [QuizSubmission], on sql: any SQLDatabase) async throws {
        let cleared: [SQLQueryString] = submissions.compactMap { submission in
            let positions = submission.adding.filter { $0.value == nil }.map(\.key).sorted()
            guard !positions.isEmpty else { return nil }
            return "(attempt_id = \(bind: submission.attemptID) AND position IN (\(binds: positions)))"
        }
        guard !cleared.isEmpty else { return }
        try await sql.raw("DELETE FROM quiz_answers WHERE \(cleared.joined(separator: " OR "))").run()
    }

    /// Every answer with its mark. On SQLite the rows go as one JSON text the statement reads with
    /// `json_each`: binding five values a row cost a batch of eleven submissions about 3 of its
    /// 16 ms, twice SQLite's own work. On PostgreSQL, a thousand rows a statement.
    private static func storeAnswers(_ closed: [(submission: QuizSubmission, submitted: Submitted)], on sql: any SQLDatabase) async throws {
        var rows: [AnswerRow] = []
        for (submission, submitted) in closed {
            for (position, text) in submitted.texts.sorted(by: { $0.key < $1.key }) {
                rows.append(AnswerRow(id: UUID.timeOrdered(), attempt: submission.attemptID, position: position, text: text,
                                      fraction: submitted.graded.marks[position].fraction))
            }
        }
        guard !rows.isEmpty else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                INSERT INTO quiz_answers (id, attempt_id, position, response, fraction) \
                SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(\(bind: AnswerRow.jsonList(rows))) WHERE true \
                ON CONFLICT (attempt_id, position) DO UPDATE SET response = excluded.response, fraction = excluded.fraction
                """).run()
            return
        }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            let insert = sql.insert(into: "quiz_answers").columns("id", "attempt_id", "position", "response", "fraction")
            for row in rows[start..<min(start + 1_000, rows.count)] {
                insert.values([row.id, row.attempt, row.position, row.text, row.fraction] as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["attempt_id", "position"]) { $0.set(excludedValueOf: "response").set(excludedValueOf: "fraction") }.run()
        }
    }

    /// An answer row as SQLite stores it: the ids as upper-case text.
    private struct AnswerRow {
        let id: UUID
        let attempt: UUID
        let position: Int
        let text: String
        let fraction: Double?

        /// The rows as a JSON list of lists, written by hand: JSONEncoder took a twentieth of a
        /// submission's time, on the batch's thread.
        static func jsonList(_ rows: [AnswerRow]) -> String {
            var json = "["
            json.reserveCapacity(rows.reduce(2) { $0 + $1.text.utf8.count + 100 })
            var attempt = (id: UUID?.none, text: "")
            for (index, row) in rows.enumerated() {
                if index > 0 { json += "," }
                if attempt.id != row.attempt { attempt = (row.attempt, row.attempt.uppercasedText) }
                json += "[\"\(row.id.uppercasedText)\",\"\(attempt.text)\",\(row.position),"
                JSONText.appendString(row.text, to: &json)
                json += ","
                if let fraction = row.fraction, fraction.isFinite { json += "\(fraction)]" } else { json += "null]" }
            }
            return json + "]"
        }
    }

    /// The attempts closed with their scores, in one update: each row holds its attempt's
    /// questions and is rewritten whole by every update.
    private static func close(_ closed: [(submission: QuizSubmission, submitted: Submitted)], on sql: any SQLDatabase) async throws {
        func each(_ value: (QuizSubmission, QuizScore) -> any Encodable & Sendable) -> SQLQueryString {
            "CASE id " + closed.map { "WHEN \(bind: $0.submission.attemptID) THEN \(bind: value($0.submission, $0.submitted.score))" }
                .joined(separator: " ") + " END"
        }
        try await sql.raw("""
            UPDATE quiz_attempts SET submitted_at = \(each { submission, _ in submission.now }), earned = \(each { $1.earned }), \
            possible = \(each { $1.possible }), pending = \(each { $1.pending }) WHERE id IN (\(binds: closed.map(\.submission.attemptID)))
            """).run()
    }
}
