import Domain
import Fluent
import Foundation
import SQLKit

/// A peer assignment activity's settings (`PeerAssignmentSettings` as JSON: instructions, rubric,
/// k, deadlines, anonymity).
final class PeerAssignmentRecord: Model, @unchecked Sendable {
    static let schema = "peer_assignments"

    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "settings") var settingsJSON: String

    init() {}

    init(activityID: UUID, settings: PeerAssignmentSettings) throws {
        self.activityID = activityID
        try apply(settings)
    }

    func apply(_ settings: PeerAssignmentSettings) throws {
        settingsJSON = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
    }

    var settings: PeerAssignmentSettings {
        (try? JSONDecoder().decode(PeerAssignmentSettings.self, from: Data(settingsJSON.utf8))) ?? .starter
    }
}

/// A learner's work for a peer assignment in a cohort: one per learner, editable until the
/// deadline or its first review, whichever comes first.
final class PeerSubmissionRecord: Model, @unchecked Sendable {
    static let schema = "peer_submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "text") var text: String
    @Field(key: "submitted_at") var submittedAt: Date
    /// The author offers to review more than their share when a submission runs short.
    @Field(key: "volunteers") var volunteers: Bool
    /// A trainer's grade in place of the peers' (total points), with the comment the author reads.
    @OptionalField(key: "override_points") var overridePoints: Double?
    @OptionalField(key: "override_comment") var overrideComment: String?
    @OptionalField(key: "overridden_by") var overriddenBy: UUID?

    init() {}

    init(organizationID: UUID, cohortID: UUID, activityID: UUID, personID: UUID, text: String, at now: Date) {
        self.id = UUID()
        self.organizationID = organizationID
        self.cohortID = cohortID
        self.activityID = activityID
        self.personID = personID
        self.text = text
        self.submittedAt = now
        self.volunteers = false
    }
}

/// One review of a submission: a peer's, the author's own (`self`), or a trainer's (`staff`).
/// Started when allocated (it holds a lease until `lease_ends`), completed with an assessment.
final class PeerReviewRecord: Model, @unchecked Sendable {
    static let schema = "peer_reviews"

    enum Kind: String, Codable, Sendable { case peer, `self`, staff }

    @ID(key: .id) var id: UUID?
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "submission_id") var submissionID: UUID
    @Field(key: "reviewer_id") var reviewerID: UUID
    @Field(key: "kind") var kind: Kind
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "lease_ends") var leaseEnds: Date
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "assessment") var assessmentJSON: String?
    /// The author's rating of this review's helpfulness.
    @OptionalField(key: "helpfulness") var helpfulness: String?
    /// The author finds it unfair: the reason, for the trainer.
    @OptionalField(key: "flag") var flag: String?
    @OptionalField(key: "flag_resolved_at") var flagResolvedAt: Date?
    /// A trainer set the review aside (after a flag): shown, never counted.
    @OptionalField(key: "set_aside_at") var setAsideAt: Date?

    init() {}

    init(cohortID: UUID, activityID: UUID, submissionID: UUID, reviewerID: UUID, kind: Kind, at now: Date, leaseEnds: Date) {
        self.id = UUID()
        self.cohortID = cohortID
        self.activityID = activityID
        self.submissionID = submissionID
        self.reviewerID = reviewerID
        self.kind = kind
        self.startedAt = now
        self.leaseEnds = leaseEnds
    }

    var assessment: RubricAssessment? {
        assessmentJSON.flatMap { try? JSONDecoder().decode(RubricAssessment.self, from: Data($0.utf8)) }
    }

    func complete(_ assessment: RubricAssessment, at now: Date) throws {
        assessmentJSON = String(decoding: try JSONEncoder().encode(assessment), as: UTF8.self)
        completedAt = now
    }

    var rating: Helpfulness? { helpfulness.flatMap(Helpfulness.init(rawValue:)) }
}

/// A trainer's graded example of a peer assignment, for learners to calibrate on: the work and
/// the levels the trainer gives it.
final class PeerExampleRecord: Model, @unchecked Sendable {
    static let schema = "peer_examples"

    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "text") var text: String
    @Field(key: "assessment") var assessmentJSON: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(activityID: UUID, text: String, assessment: RubricAssessment, at now: Date) throws {
        self.id = UUID()
        self.activityID = activityID
        self.text = text
        self.assessmentJSON = String(decoding: try JSONEncoder().encode(assessment), as: UTF8.self)
        self.createdAt = now
    }

    var assessment: RubricAssessment? { try? JSONDecoder().decode(RubricAssessment.self, from: Data(assessmentJSON.utf8)) }
}

/// A learner's assessment of an example, and whether it was close enough to the trainer's.
final class PeerCalibrationRecord: Model, @unchecked Sendable {
    static let schema = "peer_calibrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "example_id") var exampleID: UUID
    @Field(key: "levels") var levelsJSON: String
    @Field(key: "passed") var passed: Bool
    /// 0…1 closeness to the trainer's levels: a prior for the reviewer's weight.
    @Field(key: "closeness") var closeness: Double
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(cohortID: UUID, activityID: UUID, personID: UUID, exampleID: UUID, levels: [Int], passed: Bool, closeness: Double, at now: Date) {
        self.id = UUID()
        self.cohortID = cohortID
        self.activityID = activityID
        self.personID = personID
        self.exampleID = exampleID
        self.levelsJSON = String(decoding: (try? JSONEncoder().encode(levels)) ?? Data("[]".utf8), as: UTF8.self)
        self.passed = passed
        self.closeness = closeness
        self.createdAt = now
    }

    var levels: [Int] { (try? JSONDecoder().decode([Int].self, from: Data(levelsJSON.utf8))) ?? [] }
}

struct CreatePeerReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("peer_assignments")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("settings", .string, .required)
            .unique(on: "activity_id")
            .create()
        try await database.schema("peer_submissions")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("volunteers", .bool, .required)
            .field("override_points", .double)
            .field("override_comment", .string)
            .field("overridden_by", .uuid)
            .unique(on: "cohort_id", "activity_id", "person_id")
            .create()
        try await database.schema("peer_reviews")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("submission_id", .uuid, .required, .references("peer_submissions", "id", onDelete: .cascade))
            .field("reviewer_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("started_at", .datetime, .required)
            .field("lease_ends", .datetime, .required)
            .field("completed_at", .datetime)
            .field("assessment", .string)
            .field("helpfulness", .string)
            .field("flag", .string)
            .field("flag_resolved_at", .datetime)
            .field("set_aside_at", .datetime)
            // A reviewer reviews a submission once: two pulls at once make one review.
            .unique(on: "submission_id", "reviewer_id")
            .create()
        try await database.schema("peer_examples")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("assessment", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("peer_calibrations")
            .id()
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("example_id", .uuid, .required, .references("peer_examples", "id", onDelete: .cascade))
            .field("levels", .string, .required)
            .field("passed", .bool, .required)
            .field("closeness", .double, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "peer_reviews_activity_idx").on("peer_reviews").column("activity_id").column("cohort_id").run()
        try await sql.create(index: "peer_submissions_activity_idx").on("peer_submissions").column("activity_id").column("cohort_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("peer_calibrations").delete()
        try await database.schema("peer_examples").delete()
        try await database.schema("peer_reviews").delete()
        try await database.schema("peer_submissions").delete()
        try await database.schema("peer_assignments").delete()
    }
}
