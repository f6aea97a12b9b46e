import Domain
import Fluent
import Routes
import Vapor
import Views

/// Learners hand in work, review each other's against the rubric, read what their reviewers
/// said and rate it; the cohort's trainers do the reviews pushed to them, read everything with
/// names and override grades. Anonymity is decided here, where data leaves the server: an
/// author's name never reaches a peer reviewer's page and a reviewer's never reaches the author's.
struct PeerReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.postForm("activities", ":activityID", "submission", upTo: 1 << 20, use: submit)
        cohort.post("activities", ":activityID", "reviews", use: pull)
        cohort.post("activities", ":activityID", "self-review", use: selfReview)
        cohort.post("activities", ":activityID", "volunteer", use: volunteer)
        cohort.get("reviews", ":reviewID", use: reviewPage)
        cohort.postForm("reviews", ":reviewID", upTo: 1 << 20, use: saveReview)
        cohort.post("reviews", ":reviewID", "rating", use: rate)
        cohort.post("reviews", ":reviewID", "flag", use: flag)
        cohort.post("reviews", ":reviewID", "moderation", use: PeerSubmissionDetail.moderate)
        cohort.get("activities", ":activityID", "calibration", use: PeerCalibration.page)
        cohort.post("activities", ":activityID", "calibration", use: PeerCalibration.save)
        let examples = routes.grouped("orgs", ":orgID", "courses", ":courseID", "activities", ":activityID", "examples")
        examples.postForm(upTo: 1 << 20, use: PeerExampleEditor.add)
        examples.post(":exampleID", "delete", use: PeerExampleEditor.delete)
        cohort.get("activities", ":activityID", "examples", use: PeerExampleEditor.cohortExamples)
        cohort.postForm("activities", ":activityID", "examples", upTo: 1 << 20, use: PeerExampleEditor.cohortAdd)
        cohort.post("activities", ":activityID", "examples", ":exampleID", "delete", use: PeerExampleEditor.cohortDelete)
        cohort.get("submissions", ":submissionID", use: PeerSubmissionDetail.page)
        cohort.post("submissions", ":submissionID", "grade", use: PeerSubmissionDetail.override)
    }

    /// The peer assignment of the path (or of a review), open to this person; 404 otherwise.
    struct Located {
        let access: LearningAccess
        let view: LearnerView
        let located: LearnerView.Located
        let place: PeerReviewStore.Place

        /// The assignment's page in the cohort.
        var activityPath: String {
            SiteRoute.cohortActivity(access.context.organization.id, .init(access.cohortID), located.activity.id).path
        }
    }

    static func locate(_ req: Request, _ access: LearningAccess, activityID: String?) async throws -> Located {
        guard access.canSeeContent else { throw AppError.notFound() }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let located = view.locate(activityID) else { throw AppError.notFound() }
        return try await locate(req, access, view, located)
    }

    /// The same from what the learning page already loaded.
    static func locate(_ req: Request, _ access: LearningAccess, _ view: LearnerView, _ located: LearnerView.Located) async throws -> Located {
        guard located.activity.kind == .peerAssignment, access.isOpen(located.module) else { throw AppError.notFound() }
        let settings = try await PeerReviewStore.settings(of: located.activity.id.uuid, on: req.db)
        let place = PeerReviewStore.Place(organizationID: access.context.organizationID, cohortID: access.cohortID,
                                          activityID: located.activity.id.uuid, settings: settings,
                                          deadlines: PeerDeadlines(due: access.dueDay(of: located.activity), settings: settings))
        return Located(access: access, view: view, located: located, place: place)
    }

    /// The assignment of the path, for a learner of its cohort; 404 for anyone else.
    static func learner(_ req: Request) async throws -> Located {
        let access = try await LearningAccess.load(req)
        guard access.isLearner else { throw AppError.notFound() }
        return try await locate(req, access, activityID: req.parameters.get("activityID"))
    }

    private func learner(_ req: Request) async throws -> Located { try await Self.learner(req) }

    /// The assignment's page in the course (the learning pages hand peer assignments here).
    static func page(_ req: Request, _ access: LearningAccess, _ view: LearnerView, _ located: LearnerView.Located,
                     problem: String? = nil, draft: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let at = try await locate(req, access, view, located)
        let now = Date()
        try await PeerReviewPush.push(at.place, title: located.activity.title, now: now, on: req.db,
                                      broadcaster: req.application.realtime.broadcaster)
        var model = try await PeerAssignmentPageBuilder.model(at, now: now, on: req.db)
        model.problem = problem
        model.draft = draft
        model.fileLimit = req.atelierConfig.uploadLimits.otherBytes
        return .page(PeerAssignmentPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    func submit(req: Request) async throws -> Response {
        let at = try await learner(req)
        let fields = Self.fields(req)
        let text = fields["text"] ?? ""
        let existed = try await PeerReviewStore.submission(of: at.access.personID, in: at.place, on: req.db) != nil
        do {
            try await PeerReviewStore.submit(text, by: at.access.personID, in: at.place, now: Date(), on: req.db)
        } catch {
            return try await Self.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(error), draft: text,
                                       status: .unprocessableEntity)
        }
        _ = try await PeerAssignmentProgress.update(at, personID: at.access.personID, caches: req.application.readCaches, on: req.db)
        return req.redirect(to: at.activityPath, flash: .workSubmitted(edited: existed))
    }

    func pull(req: Request) async throws -> Response {
        let at = try await learner(req)
        let org = at.access.context.organization.id, cohort = Cohort.ID(at.access.cohortID)
        do {
            guard let review = try await PeerReviewStore.pull(for: at.access.personID, in: at.place, now: Date(), on: req.db) else {
                return req.redirect(to: at.activityPath, flash: .noReviewAvailable)
            }
            return req.redirect(to: SiteRoute.peerReview(org, cohort, review.id!.lowercasedText).path)
        } catch let error as PeerReviewError {
            return try await Self.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(error), status: .unprocessableEntity)
        }
    }

    func selfReview(req: Request) async throws -> Response {
        let at = try await learner(req)
        guard at.place.settings.asksSelfAssessment else { throw AppError.notFound() }
        guard let submission = try await PeerReviewStore.submission(of: at.access.personID, in: at.place, on: req.db) else {
            return try await Self.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(.notSubmitted),
                                       status: .unprocessableEntity)
        }
        let review = try await PeerReviewStore.selfReview(of: submission, in: at.place, now: Date(), on: req.db)
        return req.redirect(to: SiteRoute.peerReview(at.access.context.organization.id, .init(at.access.cohortID), review.id!.lowercasedText).path)
    }

    func volunteer(req: Request) async throws -> Response {
        let at = try await learner(req)
        let on = Self.fields(req)["volunteer"] == "on"
        guard let submission = try await PeerReviewStore.submission(of: at.access.personID, in: at.place, on: req.db) else {
            return try await Self.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(.notSubmitted),
                                       status: .unprocessableEntity)
        }
        submission.volunteers = on
        try await submission.save(on: req.db)
        return req.redirect(to: at.activityPath, flash: .volunteering(on))
    }

    static func fields(_ req: Request) -> [String: String] {
        Dictionary(req.formFields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    // MARK: Reviews

    /// A review of this cohort that the person may open: their own (as reviewer), or any for staff.
    static func review(_ req: Request) async throws -> (Located, PeerReviewRecord) {
        let access = try await LearningAccess.load(req)
        guard let text = req.parameters.get("reviewID"), let id = UUID(uuidString: text),
              let review = try await PeerReviewRecord.query(on: req.db).filter(\.$id == id).filter(\.$cohortID == access.cohortID).first(),
              review.reviewerID == access.personID || access.isStaff else { throw AppError.notFound() }
        return (try await locate(req, access, activityID: review.activityID.lowercasedText), review)
    }

    func reviewPage(req: Request) async throws -> Response {
        let (at, review) = try await Self.review(req)
        let values = review.assessment.map(PeerAssignmentInput.fields(of:)) ?? [:]
        return try await PeerReviewPageBuilder.render(req, at, review, values: values)
    }

    func saveReview(req: Request) async throws -> Response {
        let (at, review) = try await Self.review(req)
        guard review.reviewerID == at.access.personID else { throw AppError.notFound() }
        let fields = Self.fields(req)
        let assessment = PeerAssignmentInput.assessment(fields, rubric: at.place.settings.rubric)
        do {
            try await PeerReviewStore.complete(review, with: assessment, in: at.place, now: Date(), on: req.db)
        } catch {
            return try await PeerReviewPageBuilder.render(req, at, review, values: fields, problem: PeerReviewText.message(error),
                                                          status: .unprocessableEntity)
        }
        try await PeerFeedbackNotice.reviewed(review, in: at, on: req.db, broadcaster: req.application.realtime.broadcaster)
        let share = try await PeerAssignmentProgress.update(at, personID: at.access.personID, caches: req.application.readCaches, on: req.db)
        let flash: Flash = switch review.kind {
        case .self: .selfAssessmentSaved
        case .staff: .reviewSaved(done: 1, required: 1)
        case .peer: .reviewSaved(done: share.completed, required: share.required)
        }
        return req.redirect(to: at.activityPath, flash: flash)
    }

    /// The author of the reviewed work, and only them, rates a completed peer review of it.
    private func authorsReview(_ req: Request) async throws -> (Located, PeerReviewRecord) {
        let access = try await LearningAccess.load(req)
        guard access.isLearner, let text = req.parameters.get("reviewID"), let id = UUID(uuidString: text),
              let review = try await PeerReviewRecord.query(on: req.db).filter(\.$id == id).filter(\.$cohortID == access.cohortID).first(),
              review.kind != .self, review.completedAt != nil,
              let submission = try await PeerSubmissionRecord.find(review.submissionID, on: req.db),
              submission.personID == access.personID else { throw AppError.notFound() }
        return (try await Self.locate(req, access, activityID: review.activityID.lowercasedText), review)
    }

    func rate(req: Request) async throws -> Response {
        let (at, review) = try await authorsReview(req)
        guard let rating = Self.fields(req)["rating"].flatMap(Helpfulness.init(rawValue:)) else {
            throw AppError(status: .unprocessableEntity, code: "invalid_rating", message: "Rate the review as helpful, somewhat or not helpful.")
        }
        review.helpfulness = rating.rawValue
        try await review.save(on: req.db)
        return req.redirect(to: at.activityPath + "#review-\(review.id!.lowercasedText)", flash: .reviewRated)
    }

    func flag(req: Request) async throws -> Response {
        let (at, review) = try await authorsReview(req)
        let reason = (Self.fields(req)["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2000 else {
            throw AppError(status: .unprocessableEntity, code: "invalid_reason",
                           message: "Say in a few words (at most 2,000 characters) why the review is unfair.")
        }
        review.flag = reason
        review.flagResolvedAt = nil
        try await review.save(on: req.db)
        // The cohort's trainers hear of it: the submission's page has the review, its reviewer and the reason.
        let trainers = try await CohortQueries.memberIDs(of: at.access.cohortID, role: .trainer, on: req.db)
        let url = SiteRoute.peerSubmissionDetail(at.access.context.organization.id, .init(at.access.cohortID),
                                                 review.submissionID.lowercasedText).path
        try await NotificationStore.notify(trainers.map { trainer in
            .init(organizationID: at.place.organizationID, personID: trainer, kind: .peerFlag,
                  subjectKey: "peer-flag:\(at.place.activityID.lowercasedText)", sourceID: review.id!, sourcePosition: 1,
                  title: at.located.activity.title, excerpt: plainExcerpt(reason), url: url)
        }, on: req.db, broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: at.activityPath + "#review-\(review.id!.lowercasedText)", flash: .reviewFlagged)
    }
}
