import Domain
import Fluent
import Foundation
import SQLKit

/// A question of a course's bank. The whole question is kept as JSON (`body`), so every kind
/// and every later field travels in one column; `kind` and `stem` are copies for listing.
final class QuestionRecord: Model, @unchecked Sendable {
    static let schema = "quiz_questions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "course_id") var courseID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "stem") var stem: String
    @Field(key: "body") var body: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, courseID: UUID, position: Int, question: Question) throws {
        self.id = id
        self.organizationID = organizationID
        self.courseID = courseID
        self.position = position
        try apply(question)
    }

    func apply(_ question: Question) throws {
        kind = question.kind.rawValue
        stem = question.stem.text
        body = String(decoding: try JSONEncoder.questions.encode(question), as: UTF8.self)
    }

    func question() throws -> Question {
        try JSONDecoder.questions.decode(Question.self, from: Data(body.utf8))
    }
}

extension JSONEncoder {
    /// Sorted keys: the same question is always the same text. Infinities spelled out: a
    /// numerical answer accepting any number is the range -∞…∞.
    static let questions: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }()
}

extension JSONDecoder {
    static let questions: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }()
}

/// A lesson that teaches a topic of the bank: a learner weak on the topic is sent to it.
final class TopicLessonRecord: Model, @unchecked Sendable {
    static let schema = "quiz_topic_lessons"

    @ID(key: .id) var id: UUID?
    @Field(key: "course_id") var courseID: UUID
    @Field(key: "topic") var topic: String
    @Field(key: "activity_id") var activityID: UUID

    init() {}

    init(courseID: UUID, topic: String, activityID: UUID) {
        self.courseID = courseID
        self.topic = topic
        self.activityID = activityID
    }
}

struct CreateQuestionBank: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quiz_questions")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("stem", .string, .required)
            .field("body", .string, .required)
            .field("updated_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "quiz_questions_course_idx").on("quiz_questions")
            .column("course_id").column("position").run()
        try await database.schema("quiz_topic_lessons")
            .id()
            .field("course_id", .uuid, .required, .references("courses", "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .unique(on: "course_id", "topic", "activity_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quiz_topic_lessons").delete()
        try await database.schema("quiz_questions").delete()
    }
}
