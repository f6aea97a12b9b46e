import Domain

/// A completed assessment: the level picked per criterion (with its points and description), the
/// comments, and the overall comment rendered from Markdown.
enum AssessmentView {
    static func render(_ assessment: RubricAssessment, rubric: Rubric) -> HTML {
        HTML {
            dl(.class("assessment")) {
                for (i, criterion) in rubric.criteria.enumerated() {
                    dt { criterion.title }
                    dd {
                        if i < assessment.levels.count, criterion.levels.indices.contains(assessment.levels[i]) {
                            let level = criterion.levels[assessment.levels[i]]
                            strong { "\(level.points) / \(criterion.maxPoints)" }
                            if !level.description.isEmpty { " — \(level.description)" }
                        }
                        if i < assessment.comments.count, !assessment.comments[i].isEmpty {
                            p(.class("criterion-comment")) { assessment.comments[i] }
                        }
                    }
                }
            }
            if !assessment.overall.isEmpty { div(.class("prose overall-comment")) { Markdown.render(assessment.overall) } }
        }
    }

    /// The grade per criterion and in total, beside the self-assessment when there is one.
    static func grades(_ grades: [Double], rubric: Rubric, selfAssessment: RubricAssessment?) -> HTML {
        table(.class("table grade-table")) {
            thead {
                tr {
                    th(.scope("col")) { "Criterion" }
                    th(.scope("col")) { "Peers' grade" }
                    if selfAssessment != nil { th(.scope("col")) { "Your own assessment (not counted)" } }
                }
            }
            tbody {
                for (i, criterion) in rubric.criteria.enumerated() where i < grades.count {
                    tr {
                        th(.scope("row")) { criterion.title }
                        td { "\(PeerReviewText.points(grades[i])) / \(criterion.maxPoints)" }
                        if let own = selfAssessment, i < own.levels.count, criterion.levels.indices.contains(own.levels[i]) {
                            td { "\(criterion.levels[own.levels[i]].points) / \(criterion.maxPoints)" }
                        }
                    }
                }
                tr(.class("grade-total")) {
                    th(.scope("row")) { "Total" }
                    td { "\(PeerReviewText.points(grades.reduce(0, +))) / \(rubric.maxPoints)" }
                    if let own = selfAssessment { td { "\(PeerReviewText.points(own.total(in: rubric))) / \(rubric.maxPoints)" } }
                }
            }
        }
    }
}
