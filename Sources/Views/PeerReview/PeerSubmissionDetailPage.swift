import Domain
import Foundation
import Routes

/// Staff: one learner's work, its grade (with the form to override it), and every review with
/// its reviewer's name, rating and flag.
public enum PeerSubmissionDetailPage {
    /// A flag to answer (set aside or keep), or a review set aside to count again.
    private static func moderation(_ review: ShownAssessment, model: PeerSubmissionDetailModel, csrf: String) -> HTML {
        let action = SiteRoute.peerReviewModeration(model.organizationID, model.cohortID, review.reviewID).path
        let choices: [(String, String)] = if review.setAside { [("restore", "Count it again")] }
            else if review.flag != nil && !review.flagResolved { [("set_aside", "Set it aside (not counted)"), ("keep", "Keep it")] }
            else { [("set_aside", "Set it aside (not counted)")] }
        return form(.method("post"), .action(action), .class("button-group")) {
            Form.csrf(csrf)
            for (value, text) in choices {
                button(.type("submit"), .name("action"), .value(value), .class("button-small button-secondary")) { text }
            }
        }
    }

    public static func render(_ model: PeerSubmissionDetailModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID
        let rubric = model.rubric
        let state = model.state
        return Layout.page(title: "Work of \(model.author)", context) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohortActivity(org, cohort, model.activityID).path)) { model.activityTitle } }
            h1 { "Work of \(model.author)" }
            p(.class("meta")) { "Handed in on \(DateText.dayAndTime(model.submittedAt))" }
            section(.class("card")) {
                if !model.text.isEmpty { div(.class("prose submission")) { Markdown.render(model.text) } }
                if !model.files.isEmpty { SubmittedFilesView.list(model.files) }
            }
            section(.class("card"), .aria("labelledby", "grade-heading")) {
                h2(.id("grade-heading"), .class("card-title")) { "Grade" }
                if let grades = model.grades {
                    AssessmentView.grades(grades, rubric: rubric, selfAssessment: model.selfAssessment)
                } else {
                    p(.class("hint")) { "No peer grade yet: no review is complete." }
                }
                if let override = model.override {
                    p { "Overridden: \(PeerReviewText.points(override.points)) / \(rubric.maxPoints). “\(override.comment)”" }
                }
                Form.errorSummary(state)
                if model.mayGrade {
                form(.method("post"), .action(SiteRoute.peerGradeOverride(org, cohort, model.submissionID).path)) {
                    Form.csrf(context.csrfToken)
                    Form.field("Grade in place of the peers' (out of \(rubric.maxPoints); empty: back to the peers' grade)", name: "points",
                               type: "text", state: state,
                               value: state.values.isEmpty ? model.override.map { PeerReviewText.points($0.points) } ?? "" : nil,
                               required: false, autocomplete: "off", extra: [.custom("inputmode", "decimal")])
                    Form.textArea("Comment for the learner (required with a grade)", name: "comment",
                                  state: state.values.isEmpty ? Form.State(values: ["comment": model.override?.comment ?? ""]) : state, rows: 3)
                    button(.type("submit"), .class("button-secondary")) { "Save the grade" }
                }
                }
            }
            section(.class("card"), .aria("labelledby", "reviews-heading")) {
                h2(.id("reviews-heading"), .class("card-title")) { "Reviews" }
                if model.reviews.isEmpty { p(.class("empty")) { "No review is complete yet." } }
                for review in model.reviews {
                    article(.class("received-review")) {
                        h3 {
                            "\(review.label) — \(review.reviewer ?? "—")"
                            if review.byStaff { " (trainer)" }
                        }
                        p(.class("meta")) {
                            DateText.dayAndTime(review.completed)
                            if let rating = review.rating { " · rated “\(PeerReviewText.rating(rating))” by the author" }
                        }
                        if let flag = review.flag { div(.class("flash flash-error")) { p { "Flagged as unfair by the author: “\(flag)”" } } }
                        if review.setAside { p(.class("meta")) { "Set aside: shown to the author, not counted." } }
                        AssessmentView.render(review.assessment, rubric: rubric)
                        if model.mayGrade { moderation(review, model: model, csrf: context.csrfToken) }
                    }
                }
                if !model.pending.isEmpty {
                    h3 { "In progress" }
                    ul(.class("plain-list")) {
                        for item in model.pending {
                            li { "\(item.reviewer)\(item.byStaff ? " (trainer)" : "") — held until \(DateText.dayAndTime(item.leaseEnds))" }
                        }
                    }
                }
            }
        }
    }
}
