import Domain
import Fluent
import Foundation
import Routes
import Vapor
import Views

/// From a result to what to do next: the weak topics of the attempt, the lessons that teach
/// them, and a question to the module's forum, prefilled with the quiz question (its stem only:
/// peers read it, and the options would give the answer away).
enum QuizNextSteps {
    static func weakTopics(_ mastery: [(topic: String, value: Double)], items: [AttemptItem], marks: [QuestionMark], attempt: QuizAttemptRecord,
                           access: LearningAccess, caches: ReadCaches, on db: any Database) async throws -> [QuizResultModel.WeakTopic] {
        let asked = Set(items.flatMap(\.question.tags))
        let values = Dictionary(mastery.map { ($0.topic, $0.value) }, uniquingKeysWith: { a, _ in a })
        let weak = TopicMastery.weak(values).filter(asked.contains)
        guard !weak.isEmpty else { return [] }
        let outline = try await CourseQueries.cachedOutline(of: access.courseID, caches: caches, on: db)
        let titles = Dictionary(outline.flatMap(\.activities).map { ($0.id.uuid, $0.title) }, uniquingKeysWith: { a, _ in a })
        let links = try await QuestionBankStore.topicLessons(of: access.courseID, on: db)
        let space = try await forumSpace(of: attempt.activityID, outline: outline, access: access, caches: caches, on: db)
        return weak.map { topic in
            let lessons = (links[topic] ?? []).compactMap { id in titles[id.uuid].map { (id: id, title: $0) } }
                .sorted { $0.title < $1.title }
            // The question of the topic the learner did worst on in this attempt.
            let example = items.indices.filter { items[$0].question.tags.contains(topic) && items[$0].question.kind != .description }
                .min { (marks[$0].fraction ?? 1) < (marks[$1].fraction ?? 1) }.map { items[$0] }
            return .init(topic: topic, mastery: values[topic] ?? 0, lessons: lessons,
                         askForum: space.map { askPath(space: $0, topic: topic, example: example?.question, access: access) })
        }
    }

    /// The forum space of the quiz's module (the general one if it has none); nil without a forum.
    static func forumSpace(of activityID: UUID, outline: CourseQueries.Outline, access: LearningAccess, caches: ReadCaches,
                           on db: any Database) async throws -> UUID? {
        let moduleID = outline.first { $0.activities.contains { $0.id.uuid == activityID } }?.module.id.uuid
        guard let cohort = try await CohortRecord.find(access.cohortID, on: db) else { return nil }
        return try await ForumStore.space(ofModule: moduleID, in: cohort, caches: caches, on: db)?.id
    }

    static func askPath(space: UUID, topic: String, example: Question?, access: LearningAccess) -> String {
        var body = "I would like to understand “\(topic)” better."
        if let example {
            body += " This quiz question was hard for me:\n\n> " + QuizTextHTML.excerpt(example.stem, limit: 400)
        }
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "kind", value: ThreadKind.question.rawValue),
                                 URLQueryItem(name: "title", value: "Question about \(topic)"),
                                 URLQueryItem(name: "body", value: body)]
        // `+` reads as a space in a query: spelled out, so "C++" stays "C++".
        let query = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return SiteRoute.forumSpace(access.context.organization.id, .init(access.cohortID), space.lowercasedText).path
            + "?" + query + "#new-thread"
    }
}
