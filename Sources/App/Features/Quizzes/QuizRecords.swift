import Domain
import Fluent
import Foundation
import SQLKit

/// A quiz activity's settings (`QuizSettings` as JSON: selection, attempts, time, policy).
final class QuizRecord: Model, @unchecked Sendable {
    static let schema = "quizzes"

    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "settings") var settingsJSON: String

    init() {}

    init(activityID: UUID, settings: QuizSettings) throws {
        self.activityID = activityID
        try apply(settings)
    }

    func apply(_ settings: QuizSettings) throws {
        settingsJSON = String(decoding: try JSONEncoder.questions.encode(settings), as: UTF8.self)
    }

    var settings: QuizSettings {
        (try? JSONDecoder.questions.decode(QuizSettings.self, from: Data(settingsJSON.utf8))) ?? QuizSettings()
    }
}

/// One attempt of a learner at a quiz in a cohort. Its questions are copied in (`items`), so
/// editing the bank changes no started attempt; the score is kept once submitted.
final class QuizAttemptRecord: Model, @unchecked Sendable {
    static let schema = "quiz_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "person_id") var personID: UUID
    /// 1, 2, 3… per person and quiz: unique, so two starts at once make one attempt.
    @Field(key: "number") var number: Int
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "deadline") var deadline: Date?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "items") var itemsJSON: String
    @OptionalField(key: "earned") var earned: Double?
    @OptionalField(key: "possible") var possible: Double?
    @OptionalField(key: "pending") var pending: Int?
    /// Moves on with each trainer's grade: a submitted attempt's answers and marks are the same
    /// for as long as it stays (`QuizCaches.graded`).
    @Field(key: "revision") var revision: Int

    /// The decoded `items`, once per record: a request reads them several times.
    private var decodedItems: [AttemptItem]?

    init() {}

    /// From a row of `SELECT *`, as Fluent reads one, without the reflection it pays for each
    /// record it reads and each query it builds (a tenth of a quiz submission).
    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        organizationID = try row.decode(column: "organization_id", as: UUID.self)
        cohortID = try row.decode(column: "cohort_id", as: UUID.self)
        activityID = try row.decode(column: "activity_id", as: UUID.self)
        personID = try row.decode(column: "person_id", as: UUID.self)
        number = try row.decode(column: "number", as: Int.self)
        startedAt = try row.decode(column: "started_at", as: Date.self)
        deadline = try row.decode(column: "deadline", as: Date?.self)
        submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
        itemsJSON = try row.decode(column: "items", as: String.self)
        earned = try row.decode(column: "earned", as: Double?.self)
        possible = try row.decode(column: "possible", as: Double?.self)
        pending = try row.decode(column: "pending", as: Int?.self)
        revision = try row.decode(column: "revision", as: Int.self)
        $id.exists = true  // saving it updates the row
    }

    var items: [AttemptItem] {
        if let decodedItems { return decodedItems }
        let items = AttemptItemsCache.items(itemsJSON)
        decodedItems = items
        return items
    }
}

/// An attempt's row without its questions: what access checks and result pages read.
struct QuizAttemptHead: Sendable {
    let id: UUID
    let cohortID: UUID
    let activityID: UUID
    let personID: UUID
    let number: Int
    let deadline: Date?
    let submittedAt: Date?
    let revision: Int
    /// Once submitted.
    let score: QuizScore?

    /// Its columns, of `quiz_attempts` named `a` (`QuizAttemptStore.headAndMastery`).
    static let columns: SQLQueryString = """
        a.id, a.cohort_id, a.activity_id, a.person_id, a.number, a.deadline, a.submitted_at, a.revision, a.earned, a.possible, a.pending
        """

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        cohortID = try row.decode(column: "cohort_id", as: UUID.self)
        activityID = try row.decode(column: "activity_id", as: UUID.self)
        personID = try row.decode(column: "person_id", as: UUID.self)
        number = try row.decode(column: "number", as: Int.self)
        deadline = try row.decode(column: "deadline", as: Date?.self)
        submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
        revision = try row.decode(column: "revision", as: Int.self)
        score = submittedAt == nil ? nil : QuizScore(stored: try row.decode(column: "earned", as: Double?.self) ?? 0,
                                                     possible: try row.decode(column: "possible", as: Double?.self) ?? 0,
                                                     pending: try row.decode(column: "pending", as: Int?.self) ?? 0)
    }

    init(_ record: QuizAttemptRecord) {
        id = record.id!
        cohortID = record.cohortID
        activityID = record.activityID
        personID = record.personID
        number = record.number
        deadline = record.deadline
        submittedAt = record.submittedAt
        revision = record.revision
        score = QuizAttemptStore.score(of: record)
    }
}

/// A learner's answer to one question of an attempt, saved as they go.
final class QuizAnswerRecord: Model, @unchecked Sendable {
    static let schema = "quiz_answers"

    @ID(key: .id) var id: UUID?
    @Field(key: "attempt_id") var attemptID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "response") var responseJSON: String
    /// The share of marks earned, once submitted (nil: unanswered or waiting for a trainer).
    @OptionalField(key: "fraction") var fraction: Double?
    /// A trainer's comment on the answer, shown to the learner with the result.
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "graded_by") var gradedBy: UUID?
    @OptionalField(key: "graded_at") var gradedAt: Date?

    init() {}

    var response: QuestionResponse? {
        try? JSONDecoder.questions.decode(QuestionResponse.self, from: Data(responseJSON.utf8))
    }
}

struct CreateQuizzes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quizzes")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("settings", .string, .required)
            .unique(on: "activity_id")
            .create()
        try await database.schema("quiz_attempts")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("started_at", .datetime, .required)
            .field("deadline", .datetime)
            .field("submitted_at", .datetime)
            .field("items", .string, .required)
            .field("earned", .double)
            .field("possible", .double)
            .field("pending", .int)
            .unique(on: "cohort_id", "activity_id", "person_id", "number")
            .create()
        try await database.schema("quiz_answers")
            .id()
            .field("attempt_id", .uuid, .required, .references("quiz_attempts", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("response", .string, .required)
            .field("fraction", .double)
            .unique(on: "attempt_id", "position")
            .create()
        try await (database as! any SQLDatabase).create(index: "quiz_attempts_activity_idx").on("quiz_attempts")
            .column("activity_id").column("cohort_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quiz_answers").delete()
        try await database.schema("quiz_attempts").delete()
        try await database.schema("quizzes").delete()
    }
}

/// The attempts' `revision`, moved on by trainers' grades.
struct AddQuizAttemptRevision: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("quiz_attempts").field("revision", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quiz_attempts").deleteField("revision").update()
    }
}

/// A trainer's grade of a written answer: who, when, and a comment the learner reads.
struct AddQuizGrading: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds them one at a time.
        try await database.schema("quiz_answers").field("comment", .string).update()
        // Who graded, kept as an id (no foreign key: SQLite cannot drop such a column on revert).
        try await database.schema("quiz_answers").field("graded_by", .uuid).update()
        try await database.schema("quiz_answers").field("graded_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["graded_at", "graded_by", "comment"] {
            try await database.schema("quiz_answers").deleteField(.string(field)).update()
        }
    }
}
