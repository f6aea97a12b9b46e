import Domain
import Fluent
import Vapor
import Views

/// Peer review as JSON, by the pages' rules and through the pages' builders, so anonymity holds
/// here as there: a learner reads their work, share and results (reviewers unnamed when the
/// assignment is anonymous), hands in text, asks for work to review, and assesses it (its
/// author unnamed, its files under neutral names); staff read the cohort's report.
struct APIPeerReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("cohorts", ":cohortID")
        let assignment = cohort.grouped("peer-assignments", ":assignmentID")
        assignment.get(use: show)
        assignment.put("submission", use: submit)
        assignment.post("reviews", use: pull)
        cohort.get("peer-reviews", ":reviewID", use: review)
        cohort.put("peer-reviews", ":reviewID", use: assess)
        // The page's download, for bearer tokens: the same readers, the same names.
        cohort.get("peer-files", ":fileID", use: PeerWorkFilesController().serve)
    }

    struct SubmissionRequest: Content { var text: String? }
    struct AssessmentRequest: Content {
        /// Per criterion in rubric order, the index of the level picked (0: the first, lowest).
        var levels: [Int]?
        var comments: [String]?
        var overall: String?
    }

    private func located(_ req: Request) async throws -> PeerReviewController.Located {
        let access = try await LearningAccess.load(req)
        return try await PeerReviewController.locate(req, access, activityID: req.parameters.get("assignmentID"))
    }

    func show(req: Request) async throws -> PeerAssignmentDTO {
        let at = try await located(req)
        return PeerAssignmentDTO(try await PeerAssignmentPageBuilder.model(at, now: Date(), on: req.db))
    }

    func submit(req: Request) async throws -> PeerAssignmentDTO {
        let at = try await located(req)
        guard at.access.isLearner else { throw AppError.notFound() }
        let text = try req.decodeJSON(SubmissionRequest.self).text ?? ""
        do {
            try await PeerReviewStore.submit(text, by: at.access.personID, in: at.place, now: Date(), on: req.db)
        } catch {
            throw Self.problem(error, field: "text")
        }
        try await PeerAssignmentProgress.update(at, personID: at.access.personID, caches: req.application.readCaches, on: req.db)
        return try await show(req: req)
    }

    /// The review the learner should do next: the one they hold, or the work that most needs one.
    func pull(req: Request) async throws -> PeerReviewDTO {
        let at = try await located(req)
        guard at.access.isLearner else { throw AppError.notFound() }
        let review: PeerReviewRecord?
        do {
            review = try await PeerReviewStore.pull(for: at.access.personID, in: at.place, now: Date(), on: req.db)
        } catch let error as PeerReviewError {
            throw Self.problem(error, field: nil)
        }
        guard let review else { throw Self.problem(.nothingToReview, field: nil) }
        return try await Self.dto(req, at, review)
    }

    func review(req: Request) async throws -> PeerReviewDTO {
        let (at, review) = try await PeerReviewController.review(req)
        return try await Self.dto(req, at, review)
    }

    func assess(req: Request) async throws -> PeerReviewDTO {
        let (at, review) = try await PeerReviewController.review(req)
        guard review.reviewerID == at.access.personID else { throw AppError.notFound() }
        let body = try req.decodeJSON(AssessmentRequest.self)
        let rubric = at.place.settings.rubric
        // The form's fields, so the API reads an assessment exactly as the page does.
        let fields = PeerAssignmentInput.fields(of: RubricAssessment(levels: body.levels ?? [], comments: body.comments ?? [],
                                                                     overall: body.overall ?? ""))
        do {
            try await PeerReviewStore.complete(review, with: PeerAssignmentInput.assessment(fields, rubric: rubric), in: at.place,
                                               now: Date(), on: req.db)
        } catch {
            throw Self.problem(error, field: "levels")
        }
        try await PeerFeedbackNotice.reviewed(review, in: at, on: req.db, broadcaster: req.application.realtime.broadcaster)
        try await PeerAssignmentProgress.update(at, personID: at.access.personID, caches: req.application.readCaches, on: req.db)
        return try await Self.dto(req, at, review)
    }

    /// The review page's model, as JSON: the same names (none where anonymity hides them), the
    /// same files under the same names.
    private static func dto(_ req: Request, _ at: PeerReviewController.Located, _ review: PeerReviewRecord) async throws -> PeerReviewDTO {
        let values = review.assessment.map(PeerAssignmentInput.fields(of:)) ?? [:]
        let model = try await PeerReviewPageBuilder.model(req, at, review, values: values)
        return PeerReviewDTO(model, assessment: review.assessment)
    }

    /// 422 with the pages' words; a code per refusal.
    static func problem(_ error: PeerReviewError, field: String?) -> AppError {
        let code = switch error {
        case .criterionUnanswered: "criterion_unanswered"
        case .overallCommentTooShort: "overall_comment_too_short"
        case .commentTooLong: "comment_too_long"
        case .submissionClosed: "submission_closed"
        case .reviewClosed: "review_closed"
        case .notSubmitted: "not_submitted"
        case .emptySubmission: "empty_submission"
        case .notAllocated: "not_allocated"
        case .alreadyReviewed: "already_reviewed"
        case .nothingToReview: "nothing_to_review"
        case .calibrationRequired: "calibration_required"
        case .storage: "storage"
        case .submissionTooLong: "submission_too_long"
        case .noFiles: "no_files"
        case .tooManyFiles: "too_many_files"
        case .filesNotAccepted: "files_not_accepted"
        case .lastFile: "last_file"
        }
        let status: HTTPResponseStatus = error == .storage ? .serviceUnavailable : error == .nothingToReview ? .conflict : .unprocessableEntity
        return AppError(status: status, code: code, message: PeerReviewText.message(error), field: field)
    }
}
