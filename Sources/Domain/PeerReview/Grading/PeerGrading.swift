import Foundation

/// Turns the reviews of one peer assignment into grades.
///
/// **A submission's grade**, per criterion, comes from its reviews after two corrections learned
/// from each reviewer's *other* reviews:
///
/// 1. *Leniency.* A reviewer's residual on a review is their level minus the consensus of the
///    other reviews of that submission (combined as the grade is, below). Their leniency is the
///    mean of their residuals, believed in proportion to the evidence (empirical Bayes): observed
///    mean × s² / (s² + σ²/n), where n is their number of reviews, σ² the scatter of one review's
///    residual and s² the spread of leniency across the cohort's reviewers. With few reviews, or
///    in a cohort where nobody leans either way (s² ≈ 0), almost nothing is corrected; a reviewer
///    who gave one level too many on many reviews is corrected by nearly a level. The same is
///    done, on top, for each criterion. Corrected levels stay within the criterion's levels.
/// 2. *Weight.* A reviewer's weight is 1 / (the mean squared residual left after their leniency,
///    with a prior worth `ReviewerModel.priorReviews` (3) reviews: the cohort's typical
///    variance, scaled by their calibration).
///    Weights are relative to the cohort's median peer review and bounded to
///    `weightBounds`: a reviewer counts between half and twice as much as a typical one, so
///    none dominates and none is silenced. Staff reviews get the upper bound (two typical
///    peers) and no leniency correction.
///
/// Both are *leave-one-out*: the leniency and weight applied to a review of submission S come
/// only from the reviewer's reviews of other submissions, so a review cannot vouch for itself.
/// Consensus and reviewer estimates are refined together for `ReviewerModel.rounds` rounds,
/// starting from uncorrected, equally weighted reviews.
///
/// The corrected levels then combine as the issue asks: **3 or fewer reviews, their median**
/// (of the corrected levels; with no leniency known, the plain median), in which a staff review
/// is two entries: what it counts toward k (`PeerAllocation.staffReviewWorth`) and the weight it
/// has with more reviews. So one peer and one trainer give the trainer's level; two peers and
/// one trainer, the median of four entries, half-way between the middle two (as two reviews
/// meet half-way: two agreeing peers and a trainer weigh the same). "3 or fewer" counts reviews
/// as they are, a trainer's as one. **4 or more, a weighted mean that discounts outliers**
/// (Huber, `Consensus.huber` = ½ level: a review further than that from the grade counts less in
/// proportion to its distance). A grade is computed in levels and read back in points,
/// interpolating between neighbouring levels' points. The reference of a reviewing grade's
/// accuracy, a median of the other reviews, counts a staff review twice too.
///
/// Leniency is measured against the cohort's consensus: if every reviewer is equally lenient,
/// grading cannot tell (staff reviews and trainer overrides can).
public enum PeerGrading {
    /// A peer reviewer's weight relative to the cohort's median peer review; staff get the upper end.
    /// In simulated cohorts, careful, noisy and random reviewers' weights come out near 1.1, 0.65
    /// and 0.35 before bounding, and grades are as accurate with ½...2 as with ¼...4: robustness
    /// and leniency do most of the work, and narrow bounds are easier to explain and limit any
    /// one review's pull.
    public static let weightBounds: ClosedRange<Double> = 0.5...2

    /// A review's accuracy loses this many points (of 100) for each 1 % of the criterion range
    /// that it lies from the consensus (root mean square over the criteria).
    public static let accuracyStrictness = 1.5

    /// Grades every submission that has reviews, weighs and grades the reviewers, and measures
    /// agreement per criterion.
    /// - Parameters:
    ///   - scores: completed reviews, peer and staff, never self-assessments. Scores that do not
    ///     fit the rubric are ignored; a second score by the same reviewer on the same submission
    ///     is ignored.
    ///   - calibration: per reviewer, their `Calibration.closeness` on the trainer's example.
    ///   - ratings: per reviewer, the helpfulness authors gave to their reviews.
    public static func grade(_ scores: [PeerScore], rubric: Rubric, calibration: [UUID: Double] = [:],
                             ratings: [UUID: [Helpfulness]] = [:]) -> PeerGrades {
        let scale = GradingScale(rubric)
        let input = GradingInput(scores, scale: scale)
        let model = ReviewerModel(input, calibration: calibration)
        var grades: [UUID: [Double]] = [:]
        for (submission, reviews) in input.bySubmission {
            guard let levels = model.consensus(of: reviews, in: input) else { continue }
            grades[submission] = levels.enumerated().map { scale.points(atLevel: $1, criterion: $0) }
        }
        let agreement = (0..<scale.criteria).map { c in
            Agreement.krippendorffAlpha(input.bySubmission.map { $0.reviews.map { input.reviews[$0].points[c] } })
        }
        return PeerGrades(grades: grades, weights: model.reviewerWeight, leniency: model.reviewerLeniency,
                          reviewing: reviewingGrades(input, ratings: ratings), agreement: agreement)
    }

    /// The middle value, or the mean of the two middle values; nil for none.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The arithmetic mean; nil for none.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
