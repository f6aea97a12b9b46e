import Domain
import Foundation
import Routes

/// A peer assignment as a learner follows it: the instructions, their work (handed in, or the
/// form to hand it in), their share of reviews, and what their reviewers said, with a grade
/// once enough reviews are in. Staff see the cohort's report instead.
public enum PeerAssignmentPage {
    public static func render(_ model: PeerAssignmentPageModel, _ context: LayoutContext) -> [UInt8] {
        let frame = model.frame
        return Layout.page(title: frame.activity.title, context) {
            ActivityHeader.learning(frame, facts: facts(model), problem: model.problem)
            section(.class("card"), .aria("labelledby", "instructions-heading")) {
                h2(.id("instructions-heading"), .class("card-title")) { "Instructions" }
                div(.class("prose")) { frame.html }
            }
            if frame.isLearner {
                work(model, csrf: context.csrfToken)
                if model.submission != nil { reviewing(model, csrf: context.csrfToken) }
                if let results = model.results { PeerResultsView.render(results, model: model, csrf: context.csrfToken) }
                HelpPages.askForm(frame.organizationID, frame.cohortID, activity: frame.activity.id, csrf: context.csrfToken)
            } else if let report = model.report {
                PeerReportView.render(report, model: model)
            }
        }
    }

    static func facts(_ model: PeerAssignmentPageModel) -> String {
        var facts = ["Peer assignment", DurationText.minutes(model.frame.activity.estimatedMinutes)]
        if model.frame.activity.required { facts.append("required") }
        if let due = model.deadlines.submission { facts.append("hand in by the end of \(DateText.dayBefore(due))") }
        if let review = model.deadlines.review { facts.append("review by the end of \(DateText.dayBefore(review))") }
        let k = model.settings.reviewsRequired
        facts.append("\(k) review\(k == 1 ? "" : "s") each")
        if model.settings.anonymous { facts.append("anonymous") }
        return facts.joined(separator: " · ")
    }

    private static func work(_ model: PeerAssignmentPageModel, csrf: String) -> HTML {
        let frame = model.frame
        let kind = model.settings.submissionKind
        return section(.class("card"), .aria("labelledby", "work-heading")) {
            h2(.id("work-heading"), .class("card-title")) { "Your work" }
            if let submission = model.submission, !model.canEdit {
                p(.class("meta")) { "Handed in on \(DateText.dayAndTime(submission.at)). Reviewing has started, so it can no longer change." }
                if !submission.text.isEmpty { div(.class("prose submission")) { Markdown.render(submission.text) } }
                if !model.files.isEmpty { SubmittedFilesView.list(model.files) }
            } else if model.canSubmit {
                if let submission = model.submission {
                    p(.class("meta")) { "Handed in on \(DateText.dayAndTime(submission.at)). You may change it until someone starts reviewing it." }
                } else if let due = model.deadlines.submission, model.now >= due {
                    p(.class("hint")) { "The deadline has passed; late work is still accepted and reviewed." }
                }
                if kind.takesFiles { SubmittedFilesView.editor(model, csrf: csrf) }
                // Files alone, once handed in, change as they are added: there is nothing else to save.
                if kind.takesText || model.submission == nil {
                    form(.method("post"), .action(SiteRoute.peerSubmission(frame.organizationID, frame.cohortID, frame.activity.id).path),
                         .class("peer-submission")) {
                        Form.csrf(csrf)
                        if kind.takesText {
                            div(.class("field")) {
                                label(.for("text")) { "Your answer (Markdown)" }
                                if kind.takesFiles { p(.class("hint")) { "Optional when your work has files." } }
                                HTML(element: "textarea", attributes: [.name("text"), .id("text"), .rows(12)] + (kind.takesFiles ? [] : [.required]),
                                     content: HTML(model.draft ?? model.submission?.text ?? ""))
                            }
                        }
                        button(.type("submit"), .class("button")) { model.submission == nil ? "Hand in" : "Save changes" }
                    }
                }
            } else {
                p(.class("empty")) { "The deadline for handing in has passed." }
            }
        }
    }

    private static func reviewing(_ model: PeerAssignmentPageModel, csrf: String) -> HTML {
        let frame = model.frame
        let org = frame.organizationID, cohort = frame.cohortID
        let share = model.share ?? PeerAllocation.Share(completed: 0, inProgress: 0, required: model.settings.reviewsRequired)
        return section(.class("card"), .aria("labelledby", "reviewing-heading")) {
            h2(.id("reviewing-heading"), .class("card-title")) { "Reviewing your peers" }
            p {
                share.isDone ? "You have done your share: \(share.completed) review\(share.completed == 1 ? "" : "s") (\(share.required) asked)."
                    : "You have done \(share.completed) of \(share.required) reviews."
            }
            if let grade = model.reviewing, let overall = grade.overall {
                p(.class("reviewing-grade")) {
                    "Your reviewing grade: "
                    strong { "\(Int(overall.rounded())) / 100" }
                    " — " + PeerReviewText.reviewing(grade)
                }
            }
            progress(.class("share"), .max(share.required), .value(min(share.completed, share.required)), .ariaLabel("Reviews done"))
            if model.mustCalibrate {
                p(.class("hint")) {
                    "Before reviewing your peers, assess an example the trainer graded: you pass when every criterion is within one level of theirs."
                }
                a(.href(SiteRoute.peerCalibration(org, cohort, frame.activity.id).path), .class("button")) { "Assess the example" }
            } else if let held = model.heldReviewID {
                a(.href(SiteRoute.peerReview(org, cohort, held).path), .class("button")) { "Continue my review" }
            } else {
                form(.method("post"), .action(SiteRoute.peerReviews(org, cohort, frame.activity.id).path)) {
                    Form.csrf(csrf)
                    button(.type("submit"), .class(share.isDone ? "button-secondary" : "button")) {
                        share.isDone ? "Review one more" : "Review a peer's work"
                    }
                }
            }
            if share.isDone {
                form(.method("post"), .action(SiteRoute.peerVolunteer(org, cohort, frame.activity.id).path), .class("inline-form")) {
                    Form.csrf(csrf)
                    input(.type("hidden"), .name("volunteer"), .value(model.volunteers ? "off" : "on"))
                    button(.type("submit"), .class("button-small button-secondary")) {
                        model.volunteers ? "Stop offering extra reviews" : "Offer an extra review if someone's work runs short"
                    }
                }
            }
            if let own = model.selfReview {
                if own.done {
                    p { a(.href(SiteRoute.peerReview(org, cohort, own.id).path)) { "Your self-assessment" }; " is saved." }
                } else {
                    form(.method("post"), .action(SiteRoute.peerSelfReview(org, cohort, frame.activity.id).path)) {
                        Form.csrf(csrf)
                        button(.type("submit"), .class("button-secondary")) { "Assess my own work" }
                    }
                }
            }
        }
    }
}
