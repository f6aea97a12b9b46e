import Domain
import Foundation

/// The aggregation rules compared, all on the same completed reviews (peer and staff alike).
enum Method: String, CaseIterable {
    /// ORA2-style: per criterion, the median of the first 3 reviews handed in.
    case medianOfFirstThree = "median of first 3"
    /// Moodle-style: per criterion, the mean of every review.
    case meanOfAll = "mean of all"
    /// `PeerGrading.grade`.
    case atelier = "Atelier"

    /// Per learner, the grade of their submission in points per criterion; nil without reviews.
    static func grades(of outcome: CohortOutcome, rubric: Rubric) -> [Method: [[Double]?]] {
        let byAuthor = Dictionary(grouping: outcome.reviews, by: \.author)
        let points = { (review: CompletedReview) in
            zip(review.levels, rubric.criteria).map { Double($1.levels[$0].points) }
        }
        let rule = { (reviews: [CompletedReview]?, combine: ([Double]) -> Double?) -> [Double]? in
            guard let reviews, !reviews.isEmpty else { return nil }
            let all = reviews.map(points)
            return rubric.criteria.indices.map { c in combine(all.map { $0[c] }) ?? 0 }
        }
        let authors = outcome.learners.indices
        // `reviews` is in the order reviews were handed in, and grouping keeps that order.
        let first3 = authors.map { rule(byAuthor[$0].map { Array($0.prefix(3)) }, PeerGrading.median) }
        let mean = authors.map { rule(byAuthor[$0], PeerGrading.mean) }
        let scores = outcome.reviews.map {
            PeerScore(submission: outcome.submissionIDs[$0.author], reviewer: $0.reviewer, levels: $0.levels, byStaff: $0.byStaff)
        }
        let graded = PeerGrading.grade(scores, rubric: rubric).grades
        let atelier = authors.map { graded[outcome.submissionIDs[$0]] }
        return [.medianOfFirstThree: first3, .meanOfAll: mean, .atelier: atelier]
    }
}

/// Squared errors against the truth, in points, one per graded criterion.
struct ErrorSums {
    var squares = 0.0
    var count = 0

    mutating func add(_ grade: [Double], truth: [Double]) {
        for (g, t) in zip(grade, truth) {
            squares += (g - t) * (g - t)
            count += 1
        }
    }

    /// Root mean square error per criterion; nil when nothing was graded.
    var rmse: Double? { count > 0 ? (squares / Double(count)).squareRoot() : nil }
}
