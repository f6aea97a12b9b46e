import Domain
import Fluent
import Foundation

/// Reads and writes of one peer assignment in one cohort: submissions, reviews handed out (pull
/// and push), assessments, ratings. The decisions are Domain's (`PeerAllocation`, `Rubric.check`,
/// `PeerGrading`); this file loads their state and saves what they decide.
enum PeerReviewStore {
    /// Where an activity is run: which cohort, with which settings and deadlines.
    struct Place: Sendable {
        let organizationID: UUID
        let cohortID: UUID
        let activityID: UUID
        let settings: PeerAssignmentSettings
        let deadlines: PeerDeadlines

        /// A pulled review is held `leaseHours`, never past the review deadline: work a reviewer
        /// leaves unfinished must be back in time to reach a trainer.
        func leaseEnds(from now: Date) -> Date {
            let lease = now.addingTimeInterval(TimeInterval(settings.leaseHours) * 3600)
            guard let deadline = deadlines.review, deadline > now else { return lease }
            return min(lease, deadline)
        }
    }

    /// Everything of the assignment in the cohort, read at once (a cohort is 8–25 learners).
    struct State {
        let submissions: [PeerSubmissionRecord]
        let reviews: [PeerReviewRecord]

        func submission(of personID: UUID) -> PeerSubmissionRecord? { submissions.first { $0.personID == personID } }
        func reviews(of submissionID: UUID) -> [PeerReviewRecord] { reviews.filter { $0.submissionID == submissionID } }
        func reviews(by personID: UUID) -> [PeerReviewRecord] { reviews.filter { $0.reviewerID == personID && $0.kind != .self } }

        /// Allocation's view: self-assessments are not reviews.
        func pool(_ settings: PeerAssignmentSettings) -> PeerPool {
            PeerPool(
                submissions: submissions.map { .init(id: $0.id!, author: $0.personID, submittedAt: $0.submittedAt) },
                reviews: reviews.filter { $0.kind != .self }.map { review in
                    .init(submission: review.submissionID, reviewer: review.reviewerID,
                          state: review.completedAt.map { .completed(at: $0) } ?? .inProgress(leaseEnds: review.leaseEnds),
                          byStaff: review.kind == .staff)
                },
                reviewsRequired: settings.reviewsRequired)
        }

        /// Grading's view: completed peer and staff reviews.
        func scores() -> [PeerScore] {
            reviews.compactMap { review in
                guard review.kind != .self, review.completedAt != nil, review.setAsideAt == nil, let assessment = review.assessment else { return nil }
                return PeerScore(submission: review.submissionID, reviewer: review.reviewerID, levels: assessment.levels,
                                 byStaff: review.kind == .staff)
            }
        }

        func grades(_ settings: PeerAssignmentSettings, calibration: [UUID: Double] = [:]) -> PeerGrades {
            var ratings: [UUID: [Helpfulness]] = [:]
            for review in reviews where review.kind == .peer { if let rating = review.rating { ratings[review.reviewerID, default: []].append(rating) } }
            return PeerGrading.grade(scores(), rubric: settings.rubric, calibration: calibration, ratings: ratings)
        }
    }

    static func settings(of activityID: UUID, on db: any Database) async throws -> PeerAssignmentSettings {
        try await PeerAssignmentRecord.query(on: db).filter(\.$activityID == activityID).first()?.settings ?? .starter
    }

    static func state(_ place: Place, on db: any Database) async throws -> State {
        async let submissions = PeerSubmissionRecord.query(on: db).filter(\.$activityID == place.activityID)
            .filter(\.$cohortID == place.cohortID).sort(\.$submittedAt).all()
        async let reviews = PeerReviewRecord.query(on: db).filter(\.$activityID == place.activityID)
            .filter(\.$cohortID == place.cohortID).sort(\.$startedAt).all()
        return State(submissions: try await submissions, reviews: try await reviews)
    }

    /// Saves a learner's work: new, or edited while nobody has started reviewing it.
    static func submit(_ text: String, by personID: UUID, in place: Place, now: Date, on db: any Database) async throws(PeerReviewError) {
        let kind = place.settings.submissionKind
        let trimmed = kind.takesText ? text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
        guard trimmed.count <= PeerReviewLimits.submissionTextLength else { throw .submissionTooLong }
        if let deadline = place.deadlines.submission, now >= deadline, !place.settings.acceptsLate { throw .submissionClosed }
        let existing = { try await submission(of: personID, in: place, on: db) }
        let edit = { (submission: PeerSubmissionRecord) in
            guard try await !reviewingStarted(on: submission.id!, on: db) else { throw PeerReviewError.alreadyReviewed }
            try await PeerSubmissionRecord.query(on: db).filter(\.$id == submission.id!).set(\.$text, to: trimmed).update()
        }
        do {
            let files = kind.takesFiles ? try await PeerWorkFiles.files(of: personID, in: place, on: db).count : 0
            try kind.check(text: trimmed, fileCount: files)
            if let submission = try await existing() { return try await edit(submission) }
            do {
                try await PeerSubmissionRecord(organizationID: place.organizationID, cohortID: place.cohortID, activityID: place.activityID,
                                               personID: personID, text: trimmed, at: now).create(on: db)
            } catch {
                // Handed in twice at once (two tabs): the other request made the row; this text follows it.
                guard let submission = try await existing() else { throw error }
                try await edit(submission)
            }
        } catch let error as PeerReviewError {
            throw error
        } catch {
            throw .storage
        }
    }

    /// `personID`'s work handed in here, if any.
    static func submission(of personID: UUID, in place: Place, on db: any Database) async throws -> PeerSubmissionRecord? {
        try await PeerSubmissionRecord.query(on: db).filter(\.$activityID == place.activityID)
            .filter(\.$cohortID == place.cohortID).filter(\.$personID == personID).first()
    }

    /// Whether someone (a peer or a trainer, not the author) has started reviewing the work: it
    /// no longer changes then.
    static func reviewingStarted(on submissionID: UUID, on db: any Database) async throws -> Bool {
        try await PeerReviewRecord.query(on: db).filter(\.$submissionID == submissionID).filter(\.$kind != .self).count() > 0
    }

    /// The review a learner should do next: the one they hold, or a new one from allocation
    /// (nil when none may be given). Refused before they submitted, after the review deadline
    /// (what is still short then goes to trainers), and before calibration when it is required.
    static func pull(for personID: UUID, in place: Place, now: Date, on db: any Database) async throws -> PeerReviewRecord? {
        let state = try await state(place, on: db)
        guard state.submission(of: personID) != nil else { throw PeerReviewError.notSubmitted }
        if let deadline = place.deadlines.review, now >= deadline { throw PeerReviewError.reviewClosed }
        if try await PeerCalibration.isRequired(of: personID, in: place, on: db) { throw PeerReviewError.calibrationRequired }
        if let held = state.reviews(by: personID).first(where: { $0.completedAt == nil && $0.leaseEnds > now }) { return held }
        var random = SeededGenerator(seed: UInt64(bitPattern: Int64(now.timeIntervalSince1970 * 1000)))
        guard let submissionID = PeerAllocation.next(for: personID, in: state.pool(place.settings), now: now, using: &random) else {
            return nil
        }
        let leaseEnds = place.leaseEnds(from: now)
        // An expired lease of the same pair is taken up again rather than duplicated.
        if let stale = state.reviews.first(where: { $0.submissionID == submissionID && $0.reviewerID == personID }) {
            stale.leaseEnds = leaseEnds
            try await stale.save(on: db)
            return stale
        }
        let review = PeerReviewRecord(cohortID: place.cohortID, activityID: place.activityID, submissionID: submissionID,
                                      reviewerID: personID, kind: .peer, at: now, leaseEnds: leaseEnds)
        do {
            try await review.create(on: db)
        } catch {
            // The same person asked twice at once (two tabs): the pair is unique, so the other request made it.
            guard let made = try await PeerReviewRecord.query(on: db).filter(\.$submissionID == submissionID)
                .filter(\.$reviewerID == personID).first() else { throw error }
            return made
        }
        return review
    }

    /// The author's own assessment (when the assignment asks for one), kept beside the grade.
    static func selfReview(of submission: PeerSubmissionRecord, in place: Place, now: Date, on db: any Database) async throws -> PeerReviewRecord {
        if let existing = try await PeerReviewRecord.query(on: db).filter(\.$submissionID == submission.id!)
            .filter(\.$reviewerID == submission.personID).first() { return existing }
        let review = PeerReviewRecord(cohortID: place.cohortID, activityID: place.activityID, submissionID: submission.id!,
                                      reviewerID: submission.personID, kind: .self, at: now, leaseEnds: .distantFuture)
        try await review.create(on: db)
        return review
    }

    /// Saves an assessment. A peer review past its lease is still accepted while nobody else took
    /// the submission's place in it (the work is not lost); after the review deadline only staff,
    /// self-assessments and late submissions' reviews are accepted.
    static func complete(_ review: PeerReviewRecord, with assessment: RubricAssessment, in place: Place, now: Date,
                         on db: any Database) async throws(PeerReviewError) {
        guard review.completedAt == nil else { throw .alreadyReviewed }
        try place.settings.rubric.check(assessment)
        do {
            if review.kind == .peer, let deadline = place.deadlines.review, now >= deadline,
               let submitted = try await PeerSubmissionRecord.find(review.submissionID, on: db)?.submittedAt,
               place.deadlines.submission.map({ submitted < $0 }) ?? true {
                throw PeerReviewError.reviewClosed
            }
            try review.complete(assessment, at: now)
            // Only while still open: a second save (another tab) changes nothing.
            try await PeerReviewRecord.query(on: db).filter(\.$id == review.id!).filter(\.$completedAt == nil)
                .set(\.$assessmentJSON, to: review.assessmentJSON).set(\.$completedAt, to: now).update()
        } catch let error as PeerReviewError {
            throw error
        } catch {
            throw .storage
        }
    }
}
