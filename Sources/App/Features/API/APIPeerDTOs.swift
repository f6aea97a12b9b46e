import Domain
import Foundation
import Vapor
import Views

/// A rubric as the API gives it: criteria in order, each with its levels from the lowest.
struct RubricDTO: Content {
    struct Level: Content { let points: Int; let description: String }
    struct Criterion: Content { let title: String; let description: String; let levels: [Level]; let asks_comment: Bool }
    let criteria: [Criterion]
    let overall_comment_minimum: Int

    init(_ rubric: Rubric) {
        criteria = rubric.criteria.map { criterion in
            Criterion(title: criterion.title, description: criterion.description,
                      levels: criterion.levels.map { Level(points: $0.points, description: $0.description) }, asks_comment: criterion.asksComment)
        }
        overall_comment_minimum = rubric.overallCommentMinimum
    }
}

/// An assessment: per criterion the index of the level picked (0: the lowest) and a comment.
struct AssessmentDTO: Content {
    let levels: [Int]
    let comments: [String]
    let overall: String

    init(_ assessment: RubricAssessment) {
        levels = assessment.levels
        comments = assessment.comments
        overall = assessment.overall
    }
}

/// A file of a piece of work, named as the caller may see it, and where the API serves it (with
/// the same bearer token; the name in `Content-Disposition` is `name`).
struct WorkFileDTO: Content {
    let id: String
    let name: String
    let content_type: String
    let byte_count: Int
    let url: String

    init(_ file: SubmittedFile, organizationID: Organization.ID, cohortID: Cohort.ID) {
        id = file.id; name = file.name; content_type = file.type.mediaType; byte_count = file.byteCount
        url = "/api/v1/organizations/\(organizationID.uuid.lowercasedText)/cohorts/\(cohortID.uuid.lowercasedText)/peer-files/\(file.id)"
    }
}

/// A peer assignment for the caller, built from the page's model: their work, share and results
/// (learners), or the cohort's report (staff). Names appear only where the page shows them.
struct PeerAssignmentDTO: Content {
    struct Work: Content {
        let text: String?
        let submitted_at: Date?
        let files: [WorkFileDTO]
        let can_edit: Bool
    }
    struct Share: Content { let completed: Int; let in_progress: Int; let required: Int; let done: Bool }
    struct ReceivedReview: Content {
        let id: String
        let label: String
        let by_staff: Bool
        /// Only when the assignment is not anonymous.
        let reviewer_name: String?
        let assessment: AssessmentDTO
        let rating: String?
        let counted: Bool
    }
    struct Results: Content {
        /// Per criterion, in points; absent until enough reviews are in.
        let grades: [Double]?
        let total: Double?
        let override_points: Double?
        let override_comment: String?
        let reviews: [ReceivedReview]
        let self_assessment: AssessmentDTO?
    }
    struct LearnerRow: Content {
        let name: String
        let submission_id: String?
        let submitted_at: Date?
        let reviews_received: Int
        let reviews_by_staff: Int
        let reviews_done: Int
        let total: Double?
    }

    let activity_id: UUID
    let title: String
    let instructions: String
    let submission_kind: String
    let rubric: RubricDTO
    let reviews_required: Int
    let submission_deadline: Date?
    let review_deadline: Date?
    let anonymous: Bool
    let asks_self_assessment: Bool
    let requires_calibration: Bool
    let work: Work?
    let share: Share?
    let held_review_id: String?
    let must_calibrate: Bool?
    let results: Results?
    let learners: [LearnerRow]?

    init(_ model: PeerAssignmentPageModel) {
        let settings = model.settings
        activity_id = model.frame.activity.id.uuid
        title = model.frame.activity.title
        instructions = settings.instructions
        submission_kind = settings.submissionKind.rawValue
        rubric = RubricDTO(settings.rubric)
        reviews_required = settings.reviewsRequired
        submission_deadline = model.deadlines.submission
        review_deadline = model.deadlines.review
        anonymous = settings.anonymous
        asks_self_assessment = settings.asksSelfAssessment
        requires_calibration = settings.requiresCalibration
        let learner = model.frame.isLearner
        let files = model.files.map { WorkFileDTO($0, organizationID: model.frame.organizationID, cohortID: model.frame.cohortID) }
        work = learner ? Work(text: model.submission?.text, submitted_at: model.submission?.at, files: files,
                              can_edit: model.submission == nil ? model.canSubmit : model.canEdit) : nil
        share = learner ? model.share.map { Share(completed: $0.completed, in_progress: $0.inProgress, required: $0.required, done: $0.isDone) } : nil
        held_review_id = model.heldReviewID
        must_calibrate = learner ? model.mustCalibrate : nil
        results = model.results.map { results in
            Results(grades: results.grades, total: results.total, override_points: results.override?.points,
                    override_comment: results.override?.comment,
                    reviews: results.reviews.map { review in
                        ReceivedReview(id: review.reviewID, label: review.label, by_staff: review.byStaff, reviewer_name: review.reviewer,
                                       assessment: AssessmentDTO(review.assessment), rating: review.rating?.rawValue, counted: !review.setAside)
                    },
                    self_assessment: results.selfAssessment.map(AssessmentDTO.init))
        }
        learners = model.report?.learners.map { row in
            LearnerRow(name: row.name, submission_id: row.submissionID, submitted_at: row.submittedAt, reviews_received: row.received,
                       reviews_by_staff: row.byStaff, reviews_done: row.done, total: row.total)
        }
    }
}

/// A review to do (or done): the work without its author's name when anonymous, its files under
/// the names the reader may see, the rubric, and the assessment once saved.
struct PeerReviewDTO: Content {
    let id: String
    let kind: String
    let assignment_id: UUID
    let assignment_title: String
    let work_text: String
    let work_files: [WorkFileDTO]
    /// Only for staff, or when the assignment is not anonymous.
    let author_name: String?
    let rubric: RubricDTO
    let held_until: Date?
    let completed: Bool
    let assessment: AssessmentDTO?

    init(_ model: PeerReviewPageModel, assessment: RubricAssessment?) {
        id = model.reviewID
        kind = switch model.kind {
        case .peer: "peer"
        case .selfAssessment: "self"
        case .staff: "staff"
        }
        assignment_id = model.activityID.uuid
        assignment_title = model.activityTitle
        work_text = model.submission
        work_files = model.files.map { WorkFileDTO($0, organizationID: model.organizationID, cohortID: model.cohortID) }
        author_name = model.author
        rubric = RubricDTO(model.rubric)
        held_until = model.completed ? nil : model.leaseEnds
        completed = model.completed
        self.assessment = assessment.map(AssessmentDTO.init)
    }
}
