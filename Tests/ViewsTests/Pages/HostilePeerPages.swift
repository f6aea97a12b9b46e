import Domain
import Foundation
@testable import Views

/// Peer review pages' models for `HostilePagesTests`: hostile text in the rubric, the work, every
/// comment, flag reason, example and name.
extension HostilePagesTests {
    static var hostileRubric: Rubric {
        Rubric(criteria: [.init(title: evil, description: evil, levels: [.init(points: 0, description: evil), .init(points: 2, description: evil)]),
                          .init(title: evil, levels: [.init(points: 1, description: evil), .init(points: 3, description: evil)], asksComment: false)],
               overallCommentMinimum: 5)
    }

    static var hostileSettings: PeerAssignmentSettings {
        PeerAssignmentSettings(instructions: evil, submissionKind: .textAndFiles, rubric: hostileRubric, asksSelfAssessment: true,
                               requiresCalibration: true)
    }

    /// A file whose name, id and link are the payload (names come from uploaders).
    static var hostileFiles: [SubmittedFile] { [SubmittedFile(id: evil, name: evil, type: .pdf, byteCount: 1_234, href: evil)] }

    static var hostileAssessment: RubricAssessment {
        // A level out of range too (an assessment from before a rubric change) must not trap.
        RubricAssessment(levels: [1, 7], comments: [evil, evil], overall: evil)
    }

    static var shownReview: ShownAssessment {
        var shown = ShownAssessment(reviewID: evil, label: evil, reviewer: evil, assessment: hostileAssessment, byStaff: true,
                                    rating: .somewhat, flag: evil, completed: Date())
        shown.setAside = true
        return shown
    }

    static func peerAssignment(learner: Bool) -> PeerAssignmentPageModel {
        var model = PeerAssignmentPageModel(frame: lesson, settings: hostileSettings,
                                            deadlines: PeerDeadlines(due: Day("2027-01-04"), settings: hostileSettings), now: Date())
        model.frame.isLearner = learner
        model.submission = (evil, Date())
        model.files = hostileFiles
        model.canSubmit = true
        model.canEdit = true
        model.share = .init(completed: 3, inProgress: 0, required: 3)
        model.reviewing = ReviewingGrade(accuracy: 80, helpfulness: 50, reviews: 3)
        model.selfReview = (evil, true)
        model.problem = evil
        model.draft = evil
        model.results = .init(grades: [1.5, 2], total: 3.5, override: (2, evil), reviews: [shownReview], selfAssessment: hostileAssessment)
        model.report = .init(learners: [.init(name: evil, submissionID: evil, submittedAt: Date(), late: true, received: 1, done: 2,
                                              total: 3, overridden: true, reviewing: ReviewingGrade(accuracy: 70, helpfulness: nil, reviews: 2),
                                              weight: 1.2, flags: 1)],
                             agreement: [0.5, nil], todo: [(evil, evil)])
        model.report?.mayGrade = true
        model.report?.learners[0].byStaff = 1
        return model
    }

    static var peerPages: [(String, [UInt8])] {
        var review = PeerReviewPageModel(organizationID: org, cohortID: cohortID, activityID: activity.id, activityTitle: evil, reviewID: evil,
                                         kind: .staff, instructions: evil, submission: evil, author: evil, rubric: hostileRubric,
                                         values: ["c0": "1", "c0_comment": evil, "overall": evil], leaseEnds: Date(), completed: false,
                                         problem: evil)
        review.files = hostileFiles
        var done = review
        done.completed = true
        var detail = PeerSubmissionDetailModel(organizationID: org, cohortID: cohortID, activityID: activity.id, activityTitle: evil,
                                               submissionID: evil, author: evil, text: evil, submittedAt: Date(), rubric: hostileRubric,
                                               reviews: [shownReview], pending: [(evil, Date(), true)], selfAssessment: hostileAssessment,
                                               grades: [1, 2], total: 3, override: (2, evil), state: state)
        detail.files = hostileFiles
        let calibration = PeerCalibrationModel(organizationID: org, cohortID: cohortID, activityID: activity.id, activityTitle: evil,
                                               exampleID: evil, text: evil, rubric: hostileRubric, values: ["c0": evil], problem: evil,
                                               result: nil, passedBefore: false)
        var calibrated = calibration
        calibrated.result = .init(levels: [0, 1], passed: true, within: [true, false], trainer: hostileAssessment)
        var editor = PeerAssignmentEditorModel(organizationID: org, courseID: .init(UUID()), courseName: evil, moduleTitle: evil,
                                               activity: activity, settings: hostileSettings, state: state)
        editor.examples = [.init(id: evil, text: evil, assessment: hostileAssessment, fits: false)]
        editor.exampleState = Form.State(values: ["example_text": evil, "overall": evil], errors: [FieldError("example_levels", .required)])
        return [
            ("peer-learner", PeerAssignmentPage.render(peerAssignment(learner: true), context)),
            ("peer-learner-locked", PeerAssignmentPage.render({ var m = peerAssignment(learner: true); m.canEdit = false; return m }(), context)),
            ("peer-staff", PeerAssignmentPage.render(peerAssignment(learner: false), context)),
            ("peer-review", PeerReviewPage.render(review, context)),
            ("peer-review-done", PeerReviewPage.render(done, context)),
            ("peer-detail", PeerSubmissionDetailPage.render(detail, context)),
            ("peer-calibration", PeerCalibrationPage.render(calibration, context)),
            ("peer-calibrated", PeerCalibrationPage.render(calibrated, context)),
            ("peer-editor", PeerAssignmentEditorPage.render(editor, context)),
            ("peer-cohort-examples", PeerCohortExamplesPage.render(
                PeerCohortExamplesModel(organizationID: org, cohortID: cohortID, activityID: activity.id, activityTitle: evil,
                                        rubric: hostileRubric, examples: editor.examples, state: editor.exampleState, calibrationOn: true),
                context)),
        ]
    }
}
