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
    static func weakTopics(_ mastery: [(topic: String, value: Double)], _ graded: GradedAttempt, facts: QuizResultFacts,
                           access: LearningAccess) -> [QuizResultModel.WeakTopic] {
        let items = graded.items, marks = graded.marks
        let asked = Set(items.flatMap(\.question.tags))
        let values = Dictionary(mastery.map { ($0.topic, $0.value) }, uniquingKeysWith: { a, _ in a })
        return TopicMastery.weak(values).filter(asked.contains).map { topic in
            // The question of the topic the learner did worst on in this attempt.
            let example = items.indices.filter { items[$0].question.tags.contains(topic) && items[$0].question.kind != .description }
                .min { (marks[$0].fraction ?? 1) < (marks[$1].fraction ?? 1) }.map { items[$0] }
            return .init(topic: topic, mastery: values[topic] ?? 0, lessons: facts.lessons[topic] ?? [],
                         askForum: facts.forumSpace.map { askPath(space: $0, topic: topic, example: example?.question, access: access) })
        }
    }

    static func askPath(space: UUID, topic: String, example: Question?, access: LearningAccess) -> String {
        var body = "I would like to understand “\(topic)” better."
        if let example {
            body += " This quiz question was hard for me:\n\n> " + excerpt(example.stem)
        }
        let query = SiteRoute.query([("kind", ThreadKind.question.rawValue), ("title", "Question about \(topic)"), ("body", body)])
        return SiteRoute.forumSpace(access.context.organization.id, .init(access.cohortID), space.lowercasedText).path
            + "?" + query + "#new-thread"
    }

    /// A question's stem as the forum draft quotes it, kept by its text (read character by
    /// character, it was a fiftieth of a result page): never stale, so one for the process, like
    /// `AttemptItemsCache.questions`.
    private static let excerpts = ReadCache<String>(lifetime: .infinity, capacity: 2_000)

    static func excerpt(_ stem: QuizText) -> String {
        let key = stem.format.rawValue + "\n" + stem.text, now = Date()
        if let excerpt = excerpts.lookup(key, now: now) { return excerpt }
        let excerpt = QuizTextHTML.excerpt(stem, limit: 400)
        excerpts.store(excerpt, for: key, loadedIn: excerpts.generation, now: now)
        return excerpt
    }
}
