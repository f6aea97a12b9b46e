import Domain
import Fluent
import Foundation
import Views

/// Builds the peer assignment page: the learner's own part (work, share of reviews, results)
/// and, for staff, the cohort's report. Names are put in only where they may be shown.
enum PeerAssignmentPageBuilder {
    static func model(_ at: PeerReviewController.Located, now: Date, on db: any Database) async throws -> PeerAssignmentPageModel {
        let access = at.access, settings = at.place.settings
        let state = try await PeerReviewStore.state(at.place, on: db)
        let frame = at.view.lessonModel(access, at.located, html: Markdown.render(settings.instructions), video: nil)
        var model = PeerAssignmentPageModel(frame: frame, settings: settings, deadlines: at.place.deadlines, now: now)
        let open = at.place.deadlines.submission.map { now < $0 } ?? true
        model.canSubmit = open || settings.acceptsLate
        let grades = state.grades(settings, calibration: try await PeerCalibration.closeness(in: at.place, on: db))
        if access.isLearner {
            let me = access.personID
            model.share = PeerAllocation.share(of: me, in: state.pool(settings), now: now)
            model.reviewing = grades.reviewing[me]
            model.mustCalibrate = try await PeerCalibration.isRequired(of: me, in: at.place, on: db)
            model.heldReviewID = state.reviews(by: me).first { $0.completedAt == nil && $0.leaseEnds > now }?.id?.lowercasedText
            let files = try await PeerWorkFiles.files(of: me, in: at.place, on: db)
            model.files = PeerWorkFiles.shown(files, to: .author, organizationID: access.context.organization.id, cohortID: .init(access.cohortID))
            if let submission = state.submission(of: me) {
                model.submission = (submission.text, submission.submittedAt)
                model.volunteers = submission.volunteers
                let received = state.reviews(of: submission.id!)
                model.canEdit = model.canSubmit && !received.contains { $0.kind != .self }
                let own = received.first { $0.kind == .self }
                if settings.asksSelfAssessment { model.selfReview = own.map { ($0.id!.lowercasedText, $0.completedAt != nil) } ?? ("", false) }
                let names = settings.anonymous ? [:] : try await self.names(Set(received.map(\.reviewerID)), on: db)
                let shown = shownReviews(received.filter { $0.kind != .self }, names: names)
                let counted = shown.filter { !$0.setAside }
                let towardK = PeerAllocation.reviewsTowardK(peer: counted.filter { !$0.byStaff }.count, staff: counted.filter(\.byStaff).count)
                let enough = towardK >= settings.reviewsRequired || (at.place.deadlines.review.map { now >= $0 } ?? false)
                let criteria = enough ? grades.grades[submission.id!] : nil
                model.results = .init(grades: criteria, total: criteria.map { $0.reduce(0, +) },
                                      override: submission.overridePoints.map { ($0, submission.overrideComment ?? "") },
                                      reviews: shown, selfAssessment: own?.assessment)
            }
        } else {
            model.report = try await report(at, state: state, grades: grades, now: now, on: db)
        }
        return model
    }

    /// Completed reviews in the order they came, labelled "Review 1", "Review 2"…
    static func shownReviews(_ reviews: [PeerReviewRecord], names: [UUID: String]) -> [ShownAssessment] {
        reviews.filter { $0.completedAt != nil }.sorted { $0.completedAt! < $1.completedAt! }.enumerated().compactMap { index, review in
            guard let assessment = review.assessment else { return nil }
            var shown = ShownAssessment(reviewID: review.id!.lowercasedText, label: "Review \(index + 1)", reviewer: names[review.reviewerID],
                                        assessment: assessment, byStaff: review.kind == .staff, rating: review.rating, flag: review.flag,
                                        completed: review.completedAt!)
            shown.flagResolved = review.flagResolvedAt != nil
            shown.setAside = review.setAsideAt != nil
            return shown
        }
    }

    static func names(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        try await PersonRecord.names(ids, on: db)
    }

    private static func report(_ at: PeerReviewController.Located, state: PeerReviewStore.State, grades: PeerGrades, now: Date,
                               on db: any Database) async throws -> PeerAssignmentPageModel.StaffReport {
        let learnerIDs = try await CohortQueries.memberIDs(of: at.access.cohortID, role: .learner, on: db)
        let names = try await self.names(Set(learnerIDs + state.submissions.map(\.personID)), on: db)
        let deadline = at.place.deadlines.submission
        let people = Set(learnerIDs + state.submissions.map(\.personID))
        let shares = PeerAllocation.shares(of: people, in: state.pool(at.place.settings), now: now)
        let rows = people.map { person -> PeerAssignmentPageModel.LearnerRow in
            let submission = state.submission(of: person)
            let received = submission.map { state.reviews(of: $0.id!).filter { $0.kind != .self && $0.completedAt != nil } } ?? []
            var row = PeerAssignmentPageModel.LearnerRow(name: names[person] ?? "—", submissionID: submission?.id?.lowercasedText, submittedAt: submission?.submittedAt,
                         late: submission.map { s in deadline.map { s.submittedAt >= $0 } ?? false } ?? false,
                         received: received.count, done: shares[person]?.completed ?? 0,
                         total: submission.flatMap { $0.overridePoints ?? grades.total(of: $0.id!) },
                         overridden: submission?.overridePoints != nil, reviewing: grades.reviewing[person], weight: grades.weights[person],
                         flags: received.filter { $0.flag != nil && $0.flagResolvedAt == nil }.count)
            row.byStaff = received.filter { $0.kind == .staff }.count
            return row
        }.sorted { $0.name < $1.name }
        let todo = state.reviews.filter { $0.reviewerID == at.access.personID && $0.completedAt == nil }.map { review in
            (review.id!.lowercasedText, names[state.submissions.first { $0.id == review.submissionID }?.personID ?? UUID()] ?? "A learner")
        }
        var report = PeerAssignmentPageModel.StaffReport(learners: rows, agreement: grades.agreement, todo: todo)
        report.mayGrade = PeerSubmissionDetail.mayGrade(at.access)
        report.examples = try await PeerExampleRecord.query(on: db).filter(\.$activityID == at.place.activityID).count()
        return report
    }
}

/// The assignment counts as done for a learner once they handed in and did their share of reviews.
enum PeerAssignmentProgress {
    /// Returns the learner's share of reviews, as read for the decision.
    @discardableResult
    static func update(_ at: PeerReviewController.Located, personID: UUID, caches: ReadCaches,
                       on db: any Database) async throws -> PeerAllocation.Share {
        let state = try await PeerReviewStore.state(at.place, on: db)
        let share = PeerAllocation.share(of: personID, in: state.pool(at.place.settings), now: Date())
        guard at.access.isLearner else { return share }
        let done = state.submission(of: personID) != nil && share.isDone
        let current = try await ProgressRecord.query(on: db).filter(\.$cohortID == at.access.cohortID).filter(\.$personID == personID)
            .filter(\.$activityID == at.place.activityID).first()
        guard done != (current?.state == .done) else { return share }
        try await ProgressStore.setDone(done, ProgressStore.Learner(at.access), activityID: at.place.activityID, visited: false,
                                        caches: caches, on: db)
        return share
    }
}
