import Domain
import Fluent
import Foundation
import SQLKit

/// What the quiz pages read again and again, kept (`ReadCaches.quizzes`):
/// - `settings`, per quiz, and `facts`, per quiz and cohort (its title, the lessons per topic,
///   its forum space, the cohort's trainers): like every read cache, emptied by a write here and
///   kept at most the caches' lifetime;
/// - `graded`: a submitted attempt as its result page shows it, keyed by the attempt and its
///   `revision` (which each trainer's grade moves on): never stale, so no write empties it. A
///   submission puts its own there, so the result page it redirects to reads no answers.
struct QuizCaches: Sendable {
    let settings: ReadCache<QuizSettings>
    let facts: ReadCache<QuizResultFacts>
    let graded: ReadCache<GradedAttempt>

    init(lifetime: TimeInterval) {
        settings = ReadCache(lifetime: lifetime, capacity: 2_000)
        facts = ReadCache(lifetime: lifetime, capacity: 2_000)
        graded = ReadCache(lifetime: lifetime > 0 ? .infinity : 0, capacity: 5_000)
    }

    func invalidate() {
        settings.invalidate()
        facts.invalidate()
    }

    static func gradedKey(_ attempt: QuizAttemptRecord) -> String { "\(attempt.id!.lowercasedText)/\(attempt.revision)" }
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
    static func load(_ attempt: QuizAttemptRecord, on sql: any SQLDatabase) async throws -> GradedAttempt {
        let rows = try await QuizAttemptStore.answerRows(of: attempt.id!, on: sql)
        let items = attempt.items
        let responses = rows.reduce(into: [Int: QuestionResponse]()) { if let response = $1.response { $0[$1.position] = response } }
        var (marks, _) = AttemptResult.grade(items, responses: responses)
        for row in rows where marks.indices.contains(row.position) { marks[row.position].fraction = row.fraction }
        return GradedAttempt(items: items, responses: responses, marks: marks,
                             comments: rows.reduce(into: [:]) { if let comment = $1.comment { $0[$1.position] = comment } })
    }
}

/// Decoded attempt items by their JSON: attempts at a quiz that shuffles nothing share one, and an
/// attempt's own is read by its page, each autosave, its submission and its result page. Never
/// stale: the same JSON decodes to the same items.
enum AttemptItemsCache {
    static let decoded = ReadCache<[AttemptItem]>(lifetime: .infinity, capacity: 2_000)

    static func items(_ json: String) -> [AttemptItem] {
        let now = Date()
        if let items = decoded.lookup(json, now: now) { return items }
        let items = (try? JSONDecoder.questions.decode([AttemptItem].self, from: Data(json.utf8))) ?? []
        decoded.store(items, for: json, loadedIn: decoded.generation, now: now)
        return items
    }
}
