import Domain
import Fluent
import Routes
import Vapor
import Views

/// The page a reviewer fills in: the work (without its author's name when anonymous) and the rubric.
enum PeerReviewPageBuilder {
    static func render(_ req: Request, _ at: PeerReviewController.Located, _ review: PeerReviewRecord, values: [String: String],
                       problem: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let model = try await model(req, at, review, values: values, problem: problem)
        return .page(PeerReviewPage.render(model, req.layout(at.access.context, section: .home)), status: status, request: req)
    }

    /// What the reviewer's page (and the API) shows of the review and the work.
    static func model(_ req: Request, _ at: PeerReviewController.Located, _ review: PeerReviewRecord, values: [String: String],
                      problem: String? = nil) async throws -> PeerReviewPageModel {
        guard let submission = try await PeerSubmissionRecord.find(review.submissionID, on: req.db) else { throw AppError.notFound() }
        let kind: PeerReviewPageModel.Kind = switch review.kind {
        case .self: .selfAssessment
        case .staff: .staff
        case .peer: at.access.isStaff ? .staff : .peer
        }
        let showsAuthor = at.access.isStaff || !at.place.settings.anonymous
        let author = showsAuthor ? try await PersonRecord.find(submission.personID, on: req.db)?.name : nil
        let reader: PeerWorkFiles.Reader = review.kind == .self ? .author
            : at.access.isStaff ? .staff : .reviewer(anonymous: at.place.settings.anonymous)
        var model = PeerReviewPageModel(
            organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID), activityID: at.located.activity.id,
            activityTitle: at.located.activity.title, reviewID: review.id!.lowercasedText, kind: kind,
            instructions: at.place.settings.instructions, submission: submission.text, author: author, rubric: at.place.settings.rubric,
            values: values, leaseEnds: review.kind == .self ? nil : review.leaseEnds, completed: review.completedAt != nil,
            problem: problem, mayEdit: review.reviewerID == at.access.personID)
        model.files = PeerWorkFiles.shown(try await PeerWorkFiles.files(of: submission.personID, in: at.place, on: req.db), to: reader,
                                          organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID))
        return model
    }
}

/// Staff: one learner's submission with every review and its author, and the grade override.
enum PeerSubmissionDetail {
    private static func load(_ req: Request) async throws -> (PeerReviewController.Located, PeerSubmissionRecord) {
        let access = try await LearningAccess.load(req)
        guard access.isStaff, let text = req.parameters.get("submissionID"), let id = UUID(uuidString: text),
              let submission = try await PeerSubmissionRecord.query(on: req.db).filter(\.$id == id)
                .filter(\.$cohortID == access.cohortID).first() else { throw AppError.notFound() }
        return (try await PeerReviewController.locate(req, access, activityID: submission.activityID.lowercasedText), submission)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let (at, submission) = try await load(req)
        return try await render(req, at, submission)
    }

    static func render(_ req: Request, _ at: PeerReviewController.Located, _ submission: PeerSubmissionRecord,
                       state: Form.State = .empty, status: HTTPResponseStatus = .ok) async throws -> Response {
        let all = try await PeerReviewStore.state(at.place, on: req.db)
        let received = all.reviews(of: submission.id!)
        let names = try await PeerAssignmentPageBuilder.names(Set(received.map(\.reviewerID) + [submission.personID]), on: req.db)
        let grades = all.grades(at.place.settings, calibration: try await PeerCalibration.closeness(in: at.place, on: req.db))
        let criteria = grades.grades[submission.id!]
        var model = PeerSubmissionDetailModel(
            organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID), activityID: at.located.activity.id,
            activityTitle: at.located.activity.title, submissionID: submission.id!.lowercasedText,
            author: names[submission.personID] ?? "—", text: submission.text, submittedAt: submission.submittedAt,
            rubric: at.place.settings.rubric,
            reviews: PeerAssignmentPageBuilder.shownReviews(received.filter { $0.kind != .self }, names: names),
            pending: received.filter { $0.completedAt == nil && $0.kind != .self }
                .map { (names[$0.reviewerID] ?? "—", $0.leaseEnds, $0.kind == .staff) },
            selfAssessment: received.first { $0.kind == .self }?.assessment,
            grades: criteria, total: criteria.map { $0.reduce(0, +) },
            override: submission.overridePoints.map { ($0, submission.overrideComment ?? "") }, state: state,
            mayGrade: mayGrade(at.access))
        model.files = PeerWorkFiles.shown(try await PeerWorkFiles.files(of: submission.personID, in: at.place, on: req.db), to: .staff,
                                          organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID))
        return .page(PeerSubmissionDetailPage.render(model, req.layout(at.access.context, section: .home)), status: status, request: req)
    }

    /// Staff answer a flag: `set_aside` (shown, not counted), `keep` (counted; the flag is settled),
    /// or `restore` (a review set aside counts again).
    @Sendable static func moderate(req: Request) async throws -> Response {
        let (at, review) = try await PeerReviewController.review(req)
        guard PeerSubmissionDetail.mayGrade(at.access), review.kind != .self, review.completedAt != nil else { throw AppError.notFound() }
        let now = Date()
        switch PeerReviewController.fields(req)["action"] {
        case "set_aside": review.setAsideAt = now; review.flagResolvedAt = now
        case "keep": review.flagResolvedAt = now
        case "restore": review.setAsideAt = nil
        default: throw AppError(status: .unprocessableEntity, code: "invalid_action", message: "Choose to set the review aside, keep it, or count it again.")
        }
        try await review.save(on: req.db)
        return req.redirect(to: SiteRoute.peerSubmissionDetail(at.access.context.organization.id, .init(at.access.cohortID),
                                                               review.submissionID.lowercasedText).path, flash: .reviewModerated)
    }

    /// A trainer's grade in place of the peers' (or back to the peers' with an empty grade).
    static func mayGrade(_ access: LearningAccess) -> Bool {
        PeerGradingPermission.mayGrade(cohortRole: access.role, organizationRoles: access.context.roles)
    }

    @Sendable static func override(req: Request) async throws -> Response {
        let (at, submission) = try await load(req)
        guard mayGrade(at.access) else { throw AppError.notFound() }
        let fields = PeerReviewController.fields(req)
        let text = (fields["points"] ?? "").trimmingCharacters(in: .whitespaces)
        let comment = (fields["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator()
        let maximum = Double(at.place.settings.rubric.maxPoints)
        let points = Double(text.replacingOccurrences(of: ",", with: "."))
        if !text.isEmpty, points.map({ !(0...maximum).contains($0) }) ?? true { v.add("points", .outOfRange) }
        if !text.isEmpty, comment.isEmpty { v.add("comment", .required) }
        if comment.count > PeerReviewLimits.commentLength { v.add("comment", .tooLong) }
        guard v.errors.isEmpty else {
            return try await render(req, at, submission, state: Form.State(values: fields, errors: v.errors), status: .unprocessableEntity)
        }
        submission.overridePoints = text.isEmpty ? nil : points
        submission.overrideComment = text.isEmpty ? nil : comment
        submission.overriddenBy = text.isEmpty ? nil : at.access.personID
        try await submission.save(on: req.db)
        // A grade decided by a trainer settles the flags on the work's reviews.
        if !text.isEmpty {
            try await PeerReviewRecord.query(on: req.db).filter(\.$submissionID == submission.id!).filter(\.$flag != nil)
                .filter(\.$flagResolvedAt == nil).set(\.$flagResolvedAt, to: Date()).update()
        }
        return req.redirect(to: SiteRoute.peerSubmissionDetail(at.access.context.organization.id, .init(at.access.cohortID),
                                                               submission.id!.lowercasedText).path, flash: .gradeOverridden)
    }
}
