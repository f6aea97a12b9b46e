import Domain
import Foundation
import Routes

/// A completed assessment as a page shows it: the level picked per criterion and the comments.
/// `reviewer` is a name only where names may be shown (staff; non-anonymous assignments).
public struct ShownAssessment: Sendable {
    public var reviewID: String
    public var label: String
    public var reviewer: String?
    public var assessment: RubricAssessment
    public var byStaff: Bool
    public var rating: Helpfulness?
    public var flag: String?
    /// Settled by staff (kept or set aside).
    public var flagResolved = false
    /// Set aside by staff: shown, not counted.
    public var setAside = false
    public var completed: Date

    public init(reviewID: String, label: String, reviewer: String?, assessment: RubricAssessment, byStaff: Bool,
                rating: Helpfulness?, flag: String?, completed: Date) {
        self.reviewID = reviewID; self.label = label; self.reviewer = reviewer; self.assessment = assessment; self.byStaff = byStaff
        self.rating = rating; self.flag = flag; self.completed = completed
    }
}

/// A file of a learner's work, named as its reader may see it (a peer reviewer of an anonymous
/// assignment never sees the name it was uploaded with).
public struct SubmittedFile: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: FileType
    public var byteCount: Int
    public var href: String

    public init(id: String, name: String, type: FileType, byteCount: Int, href: String) {
        self.id = id; self.name = name; self.type = type; self.byteCount = byteCount; self.href = href
    }
}

public struct PeerAssignmentPageModel: Sendable {
    /// What the author of a submission learns from its reviews.
    public struct Results: Sendable {
        /// Per criterion (rubric order), the grade in points; nil until enough reviews.
        public var grades: [Double]?
        public var total: Double?
        /// A trainer's grade in place of the peers', with their comment.
        public var override: (points: Double, comment: String)?
        public var reviews: [ShownAssessment]
        public var selfAssessment: RubricAssessment?
        public init(grades: [Double]?, total: Double?, override: (points: Double, comment: String)?, reviews: [ShownAssessment],
                    selfAssessment: RubricAssessment?) {
            self.grades = grades; self.total = total; self.override = override; self.reviews = reviews; self.selfAssessment = selfAssessment
        }
    }

    public struct LearnerRow: Sendable {
        public var name: String
        public var submissionID: String?
        public var submittedAt: Date?
        public var late: Bool
        public var received: Int
        public var done: Int
        public var total: Double?
        public var overridden: Bool
        public var reviewing: ReviewingGrade?
        public var weight: Double?
        public var flags: Int
        /// Of `received`, the reviews by trainers (each counts two toward k).
        public var byStaff = 0
        public init(name: String, submissionID: String?, submittedAt: Date?, late: Bool, received: Int, done: Int, total: Double?,
                    overridden: Bool, reviewing: ReviewingGrade?, weight: Double?, flags: Int) {
            self.name = name; self.submissionID = submissionID; self.submittedAt = submittedAt; self.late = late; self.received = received
            self.done = done; self.total = total; self.overridden = overridden; self.reviewing = reviewing; self.weight = weight; self.flags = flags
        }
    }

    public struct StaffReport: Sendable {
        public var learners: [LearnerRow]
        /// Per criterion, Krippendorff's alpha over the reviews (nil: not enough yet).
        public var agreement: [Double?]
        /// Reviews handed to this staff member because peers were short.
        public var todo: [(reviewID: String, label: String)]
        /// Trainers and admins grade the calibration examples (facilitators do not).
        public var mayGrade = false
        public var examples = 0
        public init(learners: [LearnerRow], agreement: [Double?], todo: [(reviewID: String, label: String)]) {
            self.learners = learners; self.agreement = agreement; self.todo = todo
        }
    }

    public var frame: LessonPageModel
    public var settings: PeerAssignmentSettings
    public var deadlines: PeerDeadlines
    public var now: Date
    /// The learner's own work (Markdown) and when it was handed in.
    public var submission: (text: String, at: Date)?
    /// The files of their work, handed in or not yet.
    public var files: [SubmittedFile] = []
    /// The size limit of one file, in bytes.
    public var fileLimit = UploadLimits.standard.otherBytes
    /// Whether the learner may still change it (nobody started reviewing it, deadline not passed).
    public var canEdit: Bool
    public var canSubmit: Bool
    public var share: PeerAllocation.Share?
    /// How well the learner reviews (accuracy against the others' reviews, helpfulness to authors).
    public var reviewing: ReviewingGrade?
    public var heldReviewID: String?
    /// Reviewing waits for a passed calibration on one of the trainer's examples.
    public var mustCalibrate = false
    public var volunteers: Bool
    public var selfReview: (id: String, done: Bool)?
    public var results: Results?
    public var problem: String?
    public var draft: String?
    public var report: StaffReport?

    public init(frame: LessonPageModel, settings: PeerAssignmentSettings, deadlines: PeerDeadlines, now: Date) {
        self.frame = frame; self.settings = settings; self.deadlines = deadlines; self.now = now
        canEdit = false; canSubmit = false; volunteers = false
    }
}

/// Reviewing one submission against the rubric (a peer's, one's own, or a trainer's to-do).
public struct PeerReviewPageModel: Sendable {
    public enum Kind: Sendable { case peer, selfAssessment, staff }
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var activityID: Activity.ID
    public var activityTitle: String
    public var reviewID: String
    public var kind: Kind
    public var instructions: String
    /// The work, as Markdown; its author's name only where it may be shown.
    public var submission: String
    public var files: [SubmittedFile] = []
    public var author: String?
    public var rubric: Rubric
    /// The fields sent with a refused save, or the saved assessment.
    public var values: [String: String]
    public var leaseEnds: Date?
    public var completed: Bool
    public var problem: String?
    /// Only the reviewer saves; staff reading a peer's review see it without a form.
    public var mayEdit: Bool

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, activityID: Activity.ID, activityTitle: String, reviewID: String,
                kind: Kind, instructions: String, submission: String, author: String?, rubric: Rubric, values: [String: String],
                leaseEnds: Date?, completed: Bool, problem: String? = nil, mayEdit: Bool = true) {
        self.mayEdit = mayEdit
        self.organizationID = organizationID; self.cohortID = cohortID; self.activityID = activityID; self.activityTitle = activityTitle
        self.reviewID = reviewID; self.kind = kind; self.instructions = instructions; self.submission = submission; self.author = author
        self.rubric = rubric; self.values = values; self.leaseEnds = leaseEnds; self.completed = completed; self.problem = problem
    }
}

/// Staff: one learner's submission, every review with its author, the grade and the override.
public struct PeerSubmissionDetailModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var activityID: Activity.ID
    public var activityTitle: String
    public var submissionID: String
    public var author: String
    public var text: String
    public var files: [SubmittedFile] = []
    public var submittedAt: Date
    public var rubric: Rubric
    public var reviews: [ShownAssessment]
    public var pending: [(reviewer: String, leaseEnds: Date, byStaff: Bool)]
    public var selfAssessment: RubricAssessment?
    public var grades: [Double]?
    public var total: Double?
    public var override: (points: Double, comment: String)?
    public var state: Form.State
    /// Trainers and admins override grades and answer flags; facilitators only read.
    public var mayGrade: Bool

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, activityID: Activity.ID, activityTitle: String, submissionID: String,
                author: String, text: String, submittedAt: Date, rubric: Rubric, reviews: [ShownAssessment],
                pending: [(reviewer: String, leaseEnds: Date, byStaff: Bool)], selfAssessment: RubricAssessment?, grades: [Double]?,
                total: Double?, override: (points: Double, comment: String)?, state: Form.State = .empty, mayGrade: Bool = true) {
        self.mayGrade = mayGrade
        self.organizationID = organizationID; self.cohortID = cohortID; self.activityID = activityID; self.activityTitle = activityTitle
        self.submissionID = submissionID; self.author = author; self.text = text; self.submittedAt = submittedAt; self.rubric = rubric
        self.reviews = reviews; self.pending = pending; self.selfAssessment = selfAssessment; self.grades = grades; self.total = total
        self.override = override; self.state = state
    }
}
