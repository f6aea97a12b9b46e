import Domain
import Routes

/// What an author reads about their work: the grade (the peers', or a trainer's in its place),
/// each review without its reviewer's name when anonymous, and the forms to rate a review or
/// flag it as unfair.
enum PeerResultsView {
    static func render(_ results: PeerAssignmentPageModel.Results, model: PeerAssignmentPageModel, csrf: String) -> HTML {
        let rubric = model.settings.rubric
        return section(.class("card"), .aria("labelledby", "results-heading")) {
            h2(.id("results-heading"), .class("card-title")) { "What your reviewers said" }
            if let override = results.override {
                p(.class("grade")) {
                    "Your grade, set by a trainer: "
                    strong { "\(PeerReviewText.points(override.points)) / \(rubric.maxPoints)" }
                }
                if !override.comment.isEmpty { div(.class("prose trainer-comment")) { Markdown.render(override.comment) } }
            }
            if let grades = results.grades {
                if results.override == nil {
                    p(.class("grade")) {
                        "Your grade: "
                        strong { "\(PeerReviewText.points(grades.reduce(0, +))) / \(rubric.maxPoints)" }
                    }
                }
                AssessmentView.grades(grades, rubric: rubric, selfAssessment: results.selfAssessment)
            } else if results.override == nil {
                let k = model.settings.reviewsRequired
                let counted = results.reviews.filter { !$0.setAside }
                let towardK = counted.reduce(0) { $0 + PeerAllocation.worth(byStaff: $1.byStaff) }
                p(.class("hint")) {
                    counted.isEmpty ? "No review counts yet. Your grade comes once \(k) review\(k == 1 ? " is" : "s are") in."
                        : "\(towardK) of \(k) reviews in\(counted.contains(where: \.byStaff) ? " (a trainer's counts as two)" : ""): your grade comes once all are."
                }
            }
            for review in results.reviews {
                article(.class("received-review"), .id("review-\(review.reviewID)")) {
                    h3 {
                        review.label
                        if review.byStaff { " (by a trainer)" }
                        if let name = review.reviewer { " — \(name)" }
                    }
                    if review.setAside { p(.class("meta")) { "A trainer set this review aside: it does not count in your grade." } }
                    AssessmentView.render(review.assessment, rubric: rubric)
                    rating(review, model: model, csrf: csrf)
                }
            }
        }
    }

    private static func rating(_ review: ShownAssessment, model: PeerAssignmentPageModel, csrf: String) -> HTML {
        let org = model.frame.organizationID, cohort = model.frame.cohortID
        return HTML {
            form(.method("post"), .action(SiteRoute.peerReviewRating(org, cohort, review.reviewID).path), .class("rating-form")) {
                Form.csrf(csrf)
                span(.class("label-like"), .id("rate-\(review.reviewID)")) { "Was this review helpful?" }
                div(.class("button-group"), .role("group"), .aria("labelledby", "rate-\(review.reviewID)")) {
                    for choice in Helpfulness.allCases {
                        button(.type("submit"), .name("rating"), .value(choice.rawValue),
                               .class(review.rating == choice ? "button-small" : "button-small button-secondary"),
                               .aria("pressed", review.rating == choice ? "true" : "false")) { PeerReviewText.rating(choice) }
                    }
                }
            }
            if let flag = review.flag {
                p(.class("meta")) {
                    review.flagResolved ? "You flagged this review as unfair: “\(flag)”. A trainer looked at it."
                        : "You flagged this review as unfair: “\(flag)”. A trainer will look at it."
                }
            } else {
                details(.class("flag-review")) {
                    summary { "This review is unfair" }
                    form(.method("post"), .action(SiteRoute.peerReviewFlag(org, cohort, review.reviewID).path)) {
                        Form.csrf(csrf)
                        div(.class("field")) {
                            label(.for("flag-\(review.reviewID)")) { "Why? (only trainers read this)" }
                            HTML(element: "textarea", attributes: [.name("reason"), .id("flag-\(review.reviewID)"), .rows(3), .required],
                                 content: .empty)
                        }
                        button(.type("submit"), .class("button-small button-secondary")) { "Flag for a trainer" }
                    }
                }
            }
        }
    }
}
