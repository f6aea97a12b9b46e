import Domain
import Foundation
import Routes

/// Assessing one piece of work against the rubric: the work (its author unnamed when the
/// assignment is anonymous), a level to pick per criterion, comments, and the overall comment.
public enum PeerReviewPage {
    public static func render(_ model: PeerReviewPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID, cohort = model.cohortID
        let heading = switch model.kind {
        case .peer: "Review a peer's work"
        case .selfAssessment: "Assess your own work"
        case .staff: model.author.map { "Review the work of \($0)" } ?? "Review"
        }
        return Layout.page(title: heading, context) {
            p(.class("breadcrumb")) {
                a(.href(SiteRoute.cohortActivity(org, cohort, model.activityID).path)) { model.activityTitle }
            }
            h1 { heading }
            if let leaseEnds = model.leaseEnds, !model.completed, model.mayEdit {
                p(.class("meta")) { "This work is held for you until \(DateText.dayAndTime(leaseEnds)); after that it may go to someone else." }
            }
            if let problem = model.problem { div(.class("flash flash-error"), .role("alert")) { p { problem } } }
            details(.class("card instructions")) {
                summary { "The instructions learners followed" }
                div(.class("prose")) { Markdown.render(model.instructions) }
            }
            section(.class("card"), .aria("labelledby", "work-heading")) {
                h2(.id("work-heading"), .class("card-title")) { model.kind == .peer ? "The work" : "Work of \(model.author ?? "the learner")" }
                if !model.submission.isEmpty { div(.class("prose submission")) { Markdown.render(model.submission) } }
                if !model.files.isEmpty { SubmittedFilesView.list(model.files) }
            }
            if model.completed || !model.mayEdit {
                section(.class("card"), .aria("labelledby", "assessment-heading")) {
                    h2(.id("assessment-heading"), .class("card-title")) { model.completed ? "The assessment" : "Not assessed yet" }
                    if model.completed {
                        AssessmentView.render(PeerAssignmentInput.assessment(model.values, rubric: model.rubric), rubric: model.rubric)
                    }
                }
            } else {
                form(.method("post"), .action(SiteRoute.peerReview(org, cohort, model.reviewID).path), .class("rubric-form")) {
                    Form.csrf(context.csrfToken)
                    for (i, criterion) in model.rubric.criteria.enumerated() { criterionField(i, criterion, values: model.values) }
                    div(.class("field")) {
                        label(.for("overall")) { "Overall comment" }
                        if model.rubric.overallCommentMinimum > 0 {
                            p(.class("hint"), .id("overall-hint")) {
                                "At least \(model.rubric.overallCommentMinimum) characters: what works, and what would make it better."
                            }
                        }
                        HTML(element: "textarea", attributes: [.name("overall"), .id("overall"), .rows(6), .required,
                                                               .minlength(model.rubric.overallCommentMinimum), .ariaDescribedby("overall-hint")],
                             content: HTML(model.values["overall"] ?? ""))
                    }
                    button(.type("submit"), .class("button")) { model.kind == .selfAssessment ? "Save my self-assessment" : "Submit the review" }
                }
            }
        }
    }

    /// A criterion's levels as radio buttons (`c<i>`), and its comment (`c<i>_comment`) when asked.
    static func criterionField(_ i: Int, _ criterion: Rubric.Criterion, values: [String: String], comments: Bool = true) -> HTML {
        let picked = values["c\(i)"].flatMap(Int.init)
        return fieldset(.class("criterion-choice")) {
            legend { criterion.title }
            if !criterion.description.isEmpty { p(.class("hint")) { criterion.description } }
            div(.class("level-choices")) {
                for (j, level) in criterion.levels.enumerated() {
                    label(.class("level-choice")) {
                        input(.type("radio"), .name("c\(i)"), .value(String(j)), .checked(picked == j), .required)
                        strong { "\(level.points) pt\(level.points == 1 ? "" : "s")" }
                        if !level.description.isEmpty { span { "— \(level.description)" } }
                    }
                }
            }
            if criterion.asksComment && comments {
                div(.class("field")) {
                    label(.for("c\(i)_comment")) { "Comment on “\(criterion.title)” (optional)" }
                    HTML(element: "textarea", attributes: [.name("c\(i)_comment"), .id("c\(i)_comment"), .rows(2)],
                         content: HTML(values["c\(i)_comment"] ?? ""))
                }
            }
        }
    }
}
