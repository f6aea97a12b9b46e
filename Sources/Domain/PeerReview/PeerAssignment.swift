import Foundation

/// How a peer assignment runs: what learners hand in, the rubric they assess each other with, how
/// many reviews each submission needs, the deadlines and who may see whose name.
public struct PeerAssignmentSettings: Hashable, Sendable, Codable {
    /// What a submission holds.
    public enum SubmissionKind: String, Sendable, Codable, CaseIterable {
        case text
        case files
        case textAndFiles
    }

    public var instructions: String
    public var submissionKind: SubmissionKind
    public var rubric: Rubric
    /// `k`: reviews each submission must receive, and each learner must complete.
    public var reviewsRequired: Int
    /// Days after the submission deadline (the activity's due date) by which reviews are due.
    public var reviewDays: Int
    /// Hours a started review is held for its reviewer before it returns to the pool.
    public var leaseHours: Int
    /// Hours before the review deadline when submissions still short of `k` are pushed to
    /// volunteers, then to the cohort's trainers.
    public var pushHours: Int
    /// Whether a submission after the deadline is accepted (and reviewed by the same rules).
    public var acceptsLate: Bool
    /// Authors and reviewers do not see each other's names (staff see all).
    public var anonymous: Bool
    public var asksSelfAssessment: Bool
    /// A learner assesses one of the trainer's graded examples, and passes, before reviewing peers.
    public var requiresCalibration: Bool

    public init(instructions: String = "", submissionKind: SubmissionKind = .text, rubric: Rubric,
                reviewsRequired: Int = 3, reviewDays: Int = 7, leaseHours: Int = 24, pushHours: Int = 48,
                acceptsLate: Bool = true, anonymous: Bool = true, asksSelfAssessment: Bool = false,
                requiresCalibration: Bool = false) {
        self.instructions = instructions
        self.submissionKind = submissionKind
        self.rubric = rubric
        self.reviewsRequired = reviewsRequired
        self.reviewDays = reviewDays
        self.leaseHours = leaseHours
        self.pushHours = pushHours
        self.acceptsLate = acceptsLate
        self.anonymous = anonymous
        self.asksSelfAssessment = asksSelfAssessment
        self.requiresCalibration = requiresCalibration
    }

    public static let reviewsRange = 1...10
    public static let reviewDaysRange = 1...60
    public static let leaseHoursRange = 1...168
    public static let pushHoursRange = 0...336

    public func problems() -> [FieldError] {
        var found = rubric.problems()
        if !Self.reviewsRange.contains(reviewsRequired) { found.append(FieldError("reviews_required", .outOfRange)) }
        if !Self.reviewDaysRange.contains(reviewDays) { found.append(FieldError("review_days", .outOfRange)) }
        if !Self.leaseHoursRange.contains(leaseHours) { found.append(FieldError("lease_hours", .outOfRange)) }
        if !Self.pushHoursRange.contains(pushHours) { found.append(FieldError("push_hours", .outOfRange)) }
        if instructions.count > PeerReviewLimits.submissionTextLength { found.append(FieldError("instructions", .tooLong)) }
        return found
    }

    /// A starting rubric for a new assignment, for the author to adapt.
    public static let starter = PeerAssignmentSettings(
        instructions: "Describe the problem, what you would do and why.",
        rubric: Rubric(criteria: [
            Rubric.Criterion(title: "Understanding of the problem", levels: [
                .init(points: 0, description: "Missing or wrong"),
                .init(points: 1, description: "Partly right"),
                .init(points: 2, description: "Right, in general terms"),
                .init(points: 3, description: "Right, with the specifics of the case"),
            ]),
            Rubric.Criterion(title: "Quality of the proposal", levels: [
                .init(points: 0, description: "None"),
                .init(points: 1, description: "Vague"),
                .init(points: 2, description: "Workable"),
                .init(points: 3, description: "Workable and well argued"),
            ]),
        ], overallCommentMinimum: 40))
}

/// A peer assignment's deadlines in one cohort.
public struct PeerDeadlines: Hashable, Sendable {
    /// The end (midnight UTC) of the activity's due day; nil when it has none.
    public var submission: Date?
    /// `reviewDays` after the submission deadline.
    public var review: Date?

    public init(due: Day?, settings: PeerAssignmentSettings) {
        submission = due.map { $0.adding(days: 1).startInUTC }
        review = submission.map { $0.addingTimeInterval(TimeInterval(settings.reviewDays) * 86_400) }
    }

    /// When submissions short of reviews start being pushed to volunteers and trainers.
    public func pushStart(_ settings: PeerAssignmentSettings) -> Date? {
        review.map { $0.addingTimeInterval(-TimeInterval(settings.pushHours) * 3600) }
    }
}

/// Who may grade in a cohort's peer assignment: override a grade, set a flagged review aside.
public enum PeerGradingPermission {
    /// The cohort's trainers, and the organization's admins; not facilitators (they keep the
    /// group active, they do not grade) and not learners.
    public static func mayGrade(cohortRole: CohortRole?, organizationRoles: Set<Role>) -> Bool {
        switch cohortRole {
        case .trainer?: true
        case nil: organizationRoles.contains(.admin)
        default: false
        }
    }
}
