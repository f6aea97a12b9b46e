import Domain
import Foundation
import Routes

public struct PeerCalibrationModel: Sendable {
    /// A submitted calibration: the learner's levels beside the trainer's.
    public struct Result: Sendable {
        public var levels: [Int]
        public var passed: Bool
        /// Per criterion, whether the learner was within one level of the trainer.
        public var within: [Bool]
        /// Shown once passed only.
        public var trainer: RubricAssessment?
        public init(levels: [Int], passed: Bool, within: [Bool], trainer: RubricAssessment?) {
            self.levels = levels; self.passed = passed; self.within = within; self.trainer = trainer
        }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var activityID: Activity.ID
    public var activityTitle: String
    public var exampleID: String
    public var text: String
    public var rubric: Rubric
    public var values: [String: String]
    public var problem: String?
    public var result: Result?
    public var passedBefore: Bool

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, activityID: Activity.ID, activityTitle: String, exampleID: String,
                text: String, rubric: Rubric, values: [String: String], problem: String?, result: Result?, passedBefore: Bool) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.activityID = activityID; self.activityTitle = activityTitle
        self.exampleID = exampleID; self.text = text; self.rubric = rubric; self.values = values; self.problem = problem
        self.result = result; self.passedBefore = passedBefore
    }
}

/// Calibration: assess an example the trainer graded, then compare with the trainer's levels
/// (passing asks each criterion within one level, not the same level).
public enum PeerCalibrationPage {
    public static func render(_ model: PeerCalibrationModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID
        let activityPath = SiteRoute.cohortActivity(org, cohort, model.activityID).path
        return Layout.page(title: "Assess an example", context) {
            p(.class("breadcrumb")) { a(.href(activityPath)) { model.activityTitle } }
            h1 { "Assess an example" }
            if let problem = model.problem { div(.class("flash flash-error"), .role("alert")) { p { problem } } }
            section(.class("card"), .aria("labelledby", "example-heading")) {
                h2(.id("example-heading"), .class("card-title")) { "The example" }
                div(.class("prose submission")) { Markdown.render(model.text) }
            }
            if let result = model.result {
                resultView(result, model: model, activityPath: activityPath, csrf: context.csrfToken)
            } else {
                p(.class("lead")) { "Assess it as you would a peer's work. You pass when each criterion is within one level of the trainer's." }
                form(.method("post"), .action(SiteRoute.peerCalibration(org, cohort, model.activityID).path), .class("rubric-form")) {
                    Form.csrf(context.csrfToken)
                    input(.type("hidden"), .name("example_id"), .value(model.exampleID))
                    for (i, criterion) in model.rubric.criteria.enumerated() {
                        PeerReviewPage.criterionField(i, criterion, values: model.values, comments: false)
                    }
                    button(.type("submit"), .class("button")) { "Compare with the trainer" }
                }
            }
        }
    }

    private static func resultView(_ result: PeerCalibrationModel.Result, model: PeerCalibrationModel, activityPath: String, csrf: String) -> HTML {
        let org = model.organizationID, cohort = model.cohortID
        return section(.class("card"), .aria("labelledby", "result-heading")) {
            h2(.id("result-heading"), .class("card-title")) { result.passed ? "Passed: you can review your peers" : "Not yet: look again" }
            if !result.passed {
                p { "Where a criterion says “too far”, your level is more than one level away from the trainer's. Read the example and the level descriptions again, then try again." }
            }
            div(.class("table-wrap")) {
                table(.class("table")) {
                    thead {
                        tr {
                            th(.scope("col")) { "Criterion" }
                            th(.scope("col")) { "You" }
                            th(.scope("col")) { result.trainer == nil ? "Within one level?" : "The trainer" }
                        }
                    }
                    tbody {
                        for (i, criterion) in model.rubric.criteria.enumerated() {
                            let within = i < result.within.count && result.within[i]
                            tr(.class(within ? "" : "short")) {
                                th(.scope("row")) { criterion.title }
                                td { level(criterion, i < result.levels.count ? result.levels[i] : -1) }
                                if let trainer = result.trainer {
                                    td { level(criterion, i < trainer.levels.count ? trainer.levels[i] : -1) }
                                } else {
                                    td { within ? "yes" : "too far" }
                                }
                            }
                        }
                    }
                }
            }
            if let trainer = result.trainer, !trainer.overall.isEmpty {
                h3 { "The trainer's comment" }
                div(.class("prose")) { Markdown.render(trainer.overall) }
            }
            if result.passed || model.passedBefore {
                form(.method("post"), .action(SiteRoute.peerReviews(org, cohort, model.activityID).path)) {
                    Form.csrf(csrf)
                    button(.type("submit"), .class("button")) { "Review a peer's work" }
                }
            } else {
                a(.href(SiteRoute.peerCalibration(org, cohort, model.activityID).path), .class("button")) { "Try again" }
            }
            p { a(.href(activityPath)) { "Back to the assignment" } }
        }
    }

    private static func level(_ criterion: Rubric.Criterion, _ index: Int) -> String {
        guard criterion.levels.indices.contains(index) else { return "—" }
        let level = criterion.levels[index]
        let points = "\(level.points) pt\(level.points == 1 ? "" : "s")"
        return level.description.isEmpty ? points : "\(points) — \(level.description)"
    }
}
