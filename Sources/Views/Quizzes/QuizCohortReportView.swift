import Domain
import Routes

/// The staff's view of a quiz in their cohort: who took it and how it went, then which
/// questions the cohort finds hard and which ones fail to tell strong from weak answers.
enum QuizCohortReportView {
    static func render(_ report: QuizStartModel.CohortReport, organizationID org: Organization.ID, cohortID cohort: Cohort.ID) -> HTML {
        HTML {
            h2 { "Learners" }
            div(.class("table-wrap")) {
                table(.class("table")) {
                    thead { tr { th { "Learner" }; th { "Attempts" }; th { "Best" }; th { "Latest result" } } }
                    tbody {
                        for row in report.learners {
                            tr {
                                td { row.name }
                                td { String(row.attempts) }
                                td {
                                    row.bestPercent.map { QuizStartPage.percent($0) } ?? "—"
                                    if row.passed == true { " · passed" }
                                }
                                td {
                                    if let id = row.latestAttemptID {
                                        a(.href(SiteRoute.quizAttemptResult(org, cohort, id).path)) {
                                            row.pending > 0 ? "Grade \(row.pending) answer\(row.pending == 1 ? "" : "s")" : "Read"
                                        }
                                    } else { "—" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "Item analysis" }
            if report.items.isEmpty {
                p(.class("empty")) { "Once learners submit attempts, each question's figures show here." }
            } else {
                p(.class("hint")) {
                    "Facility: the share of marks the cohort earned (low: hard). Discrimination: how well the question tells learners who did well on the rest of the quiz from those who did not (below 0: check the question)."
                }
                ol(.class("plain-list item-analysis")) {
                    for row in report.items { item(row) }
                }
            }
        }
    }

    static func item(_ row: QuizStartModel.ItemRow) -> HTML {
        let stats = row.statistics
        return li(.class("card")) {
            p {
                span(.class("badge")) { row.kind.label }
                " "
                strong { row.title }
                for tag in row.tags { " "; span(.class("tag")) { tag } }
            }
            p(.class("meta")) {
                "Facility \(stats.facility.map { String(Int($0.rounded())) } ?? "—")"
                " · discrimination \(stats.discrimination.map { String(Int($0.rounded())) } ?? "—")"
                " · \(stats.graded) graded attempt\(stats.graded == 1 ? "" : "s")"
                if stats.unanswered > 0 { " · \(stats.unanswered) left unanswered" }
            }
            if let facility = stats.facility, facility < 40 { p(.class("field-error")) { "The cohort struggles with this question." } }
            if let discrimination = stats.discrimination, discrimination < 0 {
                p(.class("field-error")) { "Learners who did well elsewhere got this one wrong more often: check its wording and answers." }
            }
            if !row.options.isEmpty {
                ul(.class("answer-list")) {
                    for (index, option) in row.options.enumerated() {
                        li { "\(option) — picked \(stats.picks[index] ?? 0)×" }
                    }
                }
            }
        }
    }
}
