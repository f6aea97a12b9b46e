import Domain
import Routes

/// Staff's view of a peer assignment in their cohort: who handed in, reviews received and
/// done, grades, reviewing grades and weights, flags, the rubric's agreement per criterion, and
/// the reviews pushed to this staff member.
enum PeerReportView {
    static func render(_ report: PeerAssignmentPageModel.StaffReport, model: PeerAssignmentPageModel) -> HTML {
        let org = model.frame.organizationID, cohort = model.frame.cohortID
        let rubric = model.settings.rubric
        let k = model.settings.reviewsRequired
        return HTML {
            if !report.todo.isEmpty {
                section(.class("card todo"), .aria("labelledby", "todo-heading")) {
                    h2(.id("todo-heading"), .class("card-title")) { "Reviews for you to do" }
                    p(.class("meta")) { "Peers were short of reviews for this work: yours completes it." }
                    ul(.class("plain-list")) {
                        for item in report.todo {
                            li { a(.href(SiteRoute.peerReview(org, cohort, item.reviewID).path)) { "Review the work of \(item.label)" } }
                        }
                    }
                }
            }
            section(.class("card"), .aria("labelledby", "report-heading")) {
                h2(.id("report-heading"), .class("card-title")) { "The cohort" }
                if report.learners.isEmpty {
                    p(.class("empty")) { "No learner in this cohort yet." }
                } else {
                    div(.class("table-wrap")) {
                        table(.class("table table-stack report-table")) {
                            thead {
                                tr {
                                    th(.scope("col")) { "Learner" }
                                    th(.scope("col")) { "Handed in" }
                                    th(.scope("col")) { "Reviews received" }
                                    th(.scope("col")) { "Reviews done" }
                                    th(.scope("col")) { "Grade" }
                                    th(.scope("col")) { "Reviewing" }
                                    th(.scope("col")) { "Weight" }
                                }
                            }
                            tbody {
                                for row in report.learners { learnerRow(row, org: org, cohort: cohort, k: k, maxPoints: rubric.maxPoints) }
                            }
                        }
                    }
                }
                h3 { "Agreement between reviewers" }
                p(.class("hint")) { "Krippendorff's alpha per criterion: below 0.67, reviewers read the criterion differently; reword it or its levels." }
                ul(.class("plain-list")) {
                    for (i, criterion) in rubric.criteria.enumerated() {
                        li { "\(criterion.title): \(PeerReviewText.alpha(i < report.agreement.count ? report.agreement[i] : nil))" }
                    }
                }
                if report.mayGrade {
                    h3 { "Calibration" }
                    p {
                        a(.href(SiteRoute.peerCohortExamples(org, cohort, model.frame.activity.id).path)) { "Examples for calibration" }
                        " (\(report.examples) of \(PeerReviewLimits.examples)): "
                        model.settings.requiresCalibration ? "learners assess one and pass before reviewing." : "calibration is off for this assignment."
                    }
                }
            }
        }
    }

    private static func learnerRow(_ row: PeerAssignmentPageModel.LearnerRow, org: Organization.ID, cohort: Cohort.ID, k: Int,
                                   maxPoints: Int) -> HTML {
        tr {
            th(.scope("row")) {
                if let id = row.submissionID { a(.href(SiteRoute.peerSubmissionDetail(org, cohort, id).path)) { row.name } } else { row.name }
                if row.flags > 0 { span(.class("badge badge-warning")) { " \(row.flags) flagged" } }
            }
            td { row.submittedAt.map { DateText.day($0) + (row.late ? " (late)" : "") } ?? "not yet" }
            let towardK = PeerAllocation.reviewsTowardK(peer: row.received - row.byStaff, staff: row.byStaff)
            td(.class(row.submissionID != nil && towardK < k ? "short" : "")) {
                "\(row.received) / \(k)" + (row.byStaff > 0 ? " (\(row.byStaff) by a trainer, counting two)" : "")
            }
            td { "\(row.done)" }
            td { row.total.map { "\(PeerReviewText.points($0)) / \(maxPoints)" + (row.overridden ? " (trainer)" : "") } ?? "—" }
            td { row.reviewing?.overall.map { "\(Int($0.rounded())) / 100" } ?? "—" }
            td { row.weight.map { PeerReviewText.points($0) } ?? "—" }
        }
    }
}
