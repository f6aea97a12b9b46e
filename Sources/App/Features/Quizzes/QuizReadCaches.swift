import Domain
import Fluent
import Foundation
import SQLKit
import Views

/// What the quiz pages read again and again, kept (`ReadCaches.quizzes`):
/// - `settings`, per quiz, and `facts`, per quiz and cohort (its title, the lessons per topic,
///   its forum space, the cohort's trainers): like every read cache, emptied by a write here and
///   kept at most the caches' lifetime;
/// - `graded`: a submitted attempt as its result page shows it, keyed by the attempt and its
///   `revision` (which each trainer's grade moves on): never stale, so no write empties it. A
///   submission puts its own there, so the result page it redirects to reads no answers;
/// - `answers`: a learner's view of those answers, rendered, by attempt, revision and whether the
///   right answers show: never stale either.
struct QuizCaches: Sendable {
    let settings: ReadCache<QuizSettings>
    let facts: ReadCache<QuizResultFacts>
    let graded: ReadCache<GradedAttempt>
    let answers: ReadCache<TrustedHTML>

    init(lifetime: TimeInterval) {
        settings = ReadCache(lifetime: lifetime, capacity: 2_000)
        facts = ReadCache(lifetime: lifetime, capacity: 2_000)
        graded = ReadCache(lifetime: lifetime > 0 ? .infinity : 0, capacity: 5_000)
        answers = ReadCache(lifetime: lifetime > 0 ? .infinity : 0, capacity: 5_000)
    }

    func invalidate() {
        settings.invalidate()
        facts.invalidate()
    }

    static func gradedKey(_ attempt: QuizAttemptHead) -> String { "\(attempt.id.lowercasedText)/\(attempt.revision)" }
}

/// What a result page reads of its quiz and cohort, the same for every attempt.
struct QuizResultFacts: Sendable {
    let title: String
    /// Per topic, the lessons of the course that teach it, by title.
    let lessons: [String: [(id: Activity.ID, title: String)]]
    /// The forum space of the quiz's module (the general one if it has none); nil without a forum.
    let forumSpace: UUID?
    /// The cohort's trainers, by name.
    let trainers: [(id: Person.ID, name: String)]

    static func of(_ activityID: UUID, _ access: LearningAccess, caches: ReadCaches, on db: any Database) async throws -> QuizResultFacts {
        try await caches.quizzes.facts.value(for: "\(access.cohortID.lowercasedText)/\(activityID.lowercasedText)") {
            let outline = try await CourseQueries.cachedOutline(of: access.courseID, caches: caches, on: db)
            let titles = Dictionary(outline.flatMap(\.activities).map { ($0.id.uuid, $0.title) }, uniquingKeysWith: { a, _ in a })
            let links = try await QuestionBankStore.topicLessons(of: access.courseID, on: db)
            let moduleID = outline.first { $0.activities.contains { $0.id.uuid == activityID } }?.module.id.uuid
            var space: UUID?
            if let cohort = try await CohortRecord.find(access.cohortID, on: db) {
                space = try await ForumStore.space(ofModule: moduleID, in: cohort, caches: caches, on: db)?.id
            }
            let trainerIDs = try await CohortQueries.memberIDs(of: access.cohortID, role: .trainer, on: db)
            let trainers = try await PersonRecord.query(on: db).filter(\.$id ~~ trainerIDs).sort(\.$name).all()
            return QuizResultFacts(
                title: titles[activityID] ?? "Quiz",
                lessons: links.mapValues { ids in ids.compactMap { id in titles[id.uuid].map { (id: id, title: $0) } }.sorted { $0.title < $1.title } },
                forumSpace: space, trainers: trainers.map { (.init($0.id!), $0.name) })
        }
    }
}

/// A submitted attempt as its result page shows it: questions, answers, marks (a trainer's grade
/// in place of the automatic one, once given) and trainers' comments.
struct GradedAttempt: Sendable {
    let items: [AttemptItem]
    let responses: [Int: QuestionResponse]
    let marks: [QuestionMark]
    let comments: [Int: String]

    /// Graded from the saved answers, with the stored marks and comments.
    static func load(_ attempt: QuizAttemptHead, on sql: any SQLDatabase) async throws -> GradedAttempt {
        let rows = try await QuizAttemptStore.answerRows(of: attempt.id, on: sql)
        let json = try await sql.raw("SELECT items FROM quiz_attempts WHERE id = \(bind: attempt.id)").first()?.decode(column: "items", as: String.self)
        let items = AttemptItemsCache.items(json ?? "[]")
        let responses = QuizAttemptStore.responses(in: rows)
        var (marks, _) = AttemptResult.grade(items, responses: responses)
        for row in rows where marks.indices.contains(row.position) { marks[row.position].fraction = row.fraction }
        return GradedAttempt(items: items, responses: responses, marks: marks,
                             comments: rows.reduce(into: [:]) { if let comment = $1.comment { $0[$1.position] = comment } })
    }
}

/// An attempt's items in the database, and decoded. Each question is kept as its own JSON text,
/// so that the attempts sharing a question (every attempt at a quiz, each in its own order)
/// decode it once per process (`questions`, keyed by that text: never stale, so it ignores
/// `ATELIER_READ_CACHE_SECONDS`).
///
/// The stored form is a header line, then one line per item: the question's id, its points, the
/// order of its options and its JSON, separated by tabs (JSON as `JSONEncoder` writes it holds no
/// tab or line break). Splitting lines costs little; the JSON list it replaced spent a tenth of a
/// quiz submission unescaping the questions' texts, and decoding whole questions before that, a
/// seventh. Attempts stored in either older form still read. A server of an earlier version
/// reads this form as no questions at all, so every server sharing a database must be upgraded
/// together.
enum AttemptItemsCache {
    static let questions = ReadCache<Question>(lifetime: .infinity, capacity: 5_000)
    static let header = "atelier-attempt-items 2"

    static func encode(_ items: [AttemptItem]) throws -> String {
        var lines = [header]
        for item in items {
            let question = String(decoding: try JSONEncoder.questions.encode(item.question), as: UTF8.self)
            let fields = [item.questionID, String(item.points), item.optionOrder.map(String.init).joined(separator: ","), question]
            guard fields.allSatisfy({ !$0.utf8.contains(UInt8(ascii: "\t")) && !$0.utf8.contains(UInt8(ascii: "\n")) }) else {
                return try encodeAsList(items)
            }
            lines.append(fields.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }

    /// Whole attempts' items by their text: the attempts of a quiz whose questions are not drawn
    /// nor shuffled share it, and an attempt's autosaves and submission read it again. Splitting
    /// the lines and looking each question up cost a twenty-fifth of a submission.
    static let lists = ReadCache<[AttemptItem]>(lifetime: .infinity, capacity: 100)

    /// The items, or none if the text cannot be read.
    static func items(_ text: String) -> [AttemptItem] {
        let now = Date()
        if let items = lists.lookup(text, now: now) { return items }
        let items = decode(text)
        if !items.isEmpty { lists.store(items, for: text, loadedIn: lists.generation, now: now) }
        return items
    }

    private static func decode(_ text: String) -> [AttemptItem] {
        if text.hasPrefix(header + "\n") || text == header { return (try? lines(text)) ?? [] }
        if let stored = try? JSONDecoder.questions.decode([Stored].self, from: Data(text.utf8)) {
            return (try? stored.map { item in
                AttemptItem(questionID: item.questionID, question: try question(item.question), optionOrder: item.optionOrder, points: item.points)
            }) ?? []
        }
        return (try? JSONDecoder.questions.decode([AttemptItem].self, from: Data(text.utf8))) ?? []
    }

    private struct Unreadable: Error {}

    private static func lines(_ text: String) throws -> [AttemptItem] {
        // Scanned as bytes in place: the collection `split` of the UTF-8 view (itself cheaper than
        // splitting the String's characters) was half of reading an attempt's items.
        var text = text
        return try text.withUTF8 { bytes in
            var items: [AttemptItem] = []
            var start = (bytes.firstIndex(of: newline) ?? bytes.count) + 1  // after the header
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: newline) ?? bytes.count
                if end > start { items.append(try item(UnsafeBufferPointer(rebasing: bytes[start..<end]))) }
                start = end + 1
            }
            return items
        }
    }

    private static let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t"), comma = UInt8(ascii: ",")

    /// One line: the question's id, its points, its options' order and its JSON (which may hold no
    /// tab either, but is taken whole after the third).
    private static func item(_ line: UnsafeBufferPointer<UInt8>) throws -> AttemptItem {
        var fields: [Range<Int>] = []
        var start = 0
        while fields.count < 3, let tab = line[start...].firstIndex(of: tab) {
            fields.append(start..<tab)
            start = tab + 1
        }
        guard fields.count == 3 else { throw Unreadable() }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self) }
        guard let points = Double(text(fields[1])) else { throw Unreadable() }
        var order: [Int] = []
        var index = fields[2].lowerBound
        while index < fields[2].upperBound {
            let end = line[index..<fields[2].upperBound].firstIndex(of: comma) ?? fields[2].upperBound
            // (Empty between commas, as `split` skipped it.)
            if end > index {
                guard let position = Int(text(index..<end)) else { throw Unreadable() }
                order.append(position)
            }
            index = end + 1
        }
        return AttemptItem(questionID: text(fields[0]), question: try question(text(start..<line.count)), optionOrder: order, points: points)
    }

    /// The form of 2026-11-29: a JSON list, each question as a JSON text. Still written for an
    /// item with a tab or line break in its id (none has).
    struct Stored: Codable {
        let questionID: String
        /// The question, as JSON.
        let question: String
        let optionOrder: [Int]
        let points: Double
    }

    static func encodeAsList(_ items: [AttemptItem]) throws -> String {
        let stored = try items.map {
            Stored(questionID: $0.questionID, question: String(decoding: try JSONEncoder.questions.encode($0.question), as: UTF8.self),
                   optionOrder: $0.optionOrder, points: $0.points)
        }
        return String(decoding: try JSONEncoder.questions.encode(stored), as: UTF8.self)
    }

    private static func question(_ json: String) throws -> Question {
        let now = Date()
        if let question = questions.lookup(json, now: now) { return question }
        let question = try JSONDecoder.questions.decode(Question.self, from: Data(json.utf8))
        questions.store(question, for: json, loadedIn: questions.generation, now: now)
        return question
    }
}
