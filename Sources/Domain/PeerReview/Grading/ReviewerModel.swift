import Foundation

/// How far each review is trusted: its reviewer's leniency and weight, each estimated from the
/// reviewer's *other* reviews, alternating with the consensus they shape (see `PeerGrading`).
struct ReviewerModel: Sendable {
    /// Per review, per criterion, the leniency (levels) subtracted from it.
    var leniency: [[Double]]
    /// Per review, its weight in the consensus: 1 for the median peer review.
    var weight: [Double]
    /// Per peer reviewer, from all their reviews.
    var reviewerLeniency: [UUID: [Double]] = [:]
    /// Per reviewer, from all their reviews (the weight they would bring to a new submission),
    /// within `PeerGrading.weightBounds`.
    var reviewerWeight: [UUID: Double] = [:]

    /// Rounds of consensus ↔ reviewer estimation; the figures settle within a few.
    static let rounds = 10
    /// How many reviews the prior variance counts as: enough that a few lucky or unlucky reviews
    /// do not swing a weight to its bounds.
    static let priorReviews = 3.0
    /// No variance is taken below this (levels²), so a reviewer who always matched is not infinitely trusted.
    static let varianceFloor = 0.01

    init(_ input: GradingInput, calibration: [UUID: Double]) {
        let criteria = input.scale.criteria
        leniency = Array(repeating: Array(repeating: 0, count: criteria), count: input.reviews.count)
        weight = Array(repeating: 1, count: input.reviews.count)
        for _ in 0..<Self.rounds { refit(input, calibration: calibration) }
    }

    /// A review's levels less its reviewer's leniency, kept within the criterion's levels.
    func corrected(_ review: Int, in input: GradingInput) -> [Double] {
        input.reviews[review].levels.enumerated().map { c, level in
            min(max(level - leniency[review][c], 0), Double(input.scale.top(c)))
        }
    }

    /// Per criterion, the consensus level of these reviews (`Consensus.combine` of the corrected
    /// levels: a staff review two entries of a median of up to 3); nil for no reviews.
    func consensus(of reviews: [Int], in input: GradingInput) -> [Double]? {
        guard !reviews.isEmpty else { return nil }
        let values = reviews.map { corrected($0, in: input) }
        let weights = reviews.map { weight[$0] }
        let byStaff = reviews.map { input.reviews[$0].byStaff }
        return (0..<input.scale.criteria).map { c in
            Consensus.combine(values.map { $0[c] }, weights: weights, byStaff: byStaff) ?? 0
        }
    }

    /// Per review, its raw levels minus the consensus of the other reviews of its submission
    /// (nil when it is the only one). The consensus is the grade those others would give, by the
    /// same rule: with up to 3 of them a staff review counts twice in their median, so a peer
    /// reviewed beside one peer and one trainer is measured against the trainer.
    func residuals(_ input: GradingInput) -> [[Double]?] {
        var residuals: [[Double]?] = Array(repeating: nil, count: input.reviews.count)
        for (_, reviews) in input.bySubmission where reviews.count > 1 {
            for review in reviews {
                guard let others = consensus(of: reviews.filter { $0 != review }, in: input) else { continue }
                residuals[review] = zip(input.reviews[review].levels, others).map { $0 - $1 }
            }
        }
        return residuals
    }

    /// One round: residuals against the current consensus, then each peer review's leniency and
    /// weight from its reviewer's other reviews.
    mutating func refit(_ input: GradingInput, calibration: [UUID: Double]) {
        let criteria = input.scale.criteria
        let residuals = residuals(input)
        let sums = input.byPeer.map { peer in
            peer.reviews.reduce(into: ResidualSums(criteria: criteria)) { sums, review in
                if let residual = residuals[review] { sums.add(residual) }
            }
        }
        let population = ReviewerPopulation(sums, criteria: criteria)
        var applied: [(review: Int, leniency: [Double], variance: Double)] = []
        for (peer, sums) in zip(input.byPeer, sums) {
            let prior = Self.prior(calibration[peer.reviewer], population)
            for review in peer.reviews {
                let fit = Self.fit(sums.removing(residuals[review]), population: population, prior: prior)
                applied.append((review, fit.leniency, fit.variance))
            }
        }
        // A typical peer review counts 1: weights are relative to the median over peer reviews.
        let raw = applied.map { 1 / max($0.variance, Self.varianceFloor) }.sorted()
        let reference = raw.isEmpty ? 1 : (raw[(raw.count - 1) / 2] + raw[raw.count / 2]) / 2
        let bounds = PeerGrading.weightBounds
        func bounded(_ variance: Double) -> Double {
            min(max(1 / max(variance, Self.varianceFloor) / reference, bounds.lowerBound), bounds.upperBound)
        }
        for fit in applied {
            leniency[fit.review] = fit.leniency
            weight[fit.review] = bounded(fit.variance)
        }
        for (peer, sums) in zip(input.byPeer, sums) {
            let full = Self.fit(sums, population: population, prior: Self.prior(calibration[peer.reviewer], population))
            reviewerLeniency[peer.reviewer] = full.leniency
            reviewerWeight[peer.reviewer] = bounded(full.variance)
        }
        for (index, review) in input.reviews.enumerated() where review.byStaff {
            leniency[index] = Array(repeating: 0, count: criteria)
            weight[index] = bounds.upperBound
            reviewerWeight[review.reviewer] = bounds.upperBound
        }
    }

    /// The prior variance: the cohort's typical variance, times 2 − 1.5 × calibration closeness
    /// (from 2 at closeness 0 to 0.5 at closeness 1; 1 without calibration, or with a closeness
    /// that is not a number).
    static func prior(_ closeness: Double?, _ population: ReviewerPopulation) -> Double {
        guard let closeness, !closeness.isNaN else { return population.typicalVariance }
        return population.typicalVariance * (2 - 1.5 * min(max(closeness, 0), 1))
    }

    /// A reviewer's leniency per criterion (their shrunk average plus their shrunk departure on
    /// the criterion) and the variance of their residuals around it, pulled towards `prior`.
    static func fit(_ sums: ResidualSums, population: ReviewerPopulation,
                    prior: Double) -> (leniency: [Double], variance: Double) {
        let criteria = sums.sum1.count
        guard sums.count > 0 else { return (Array(repeating: 0, count: criteria), prior) }
        let n = Double(sums.count)
        let overall = ReviewerPopulation.shrink(sums.mean1 / n, spread: population.leniencySpread,
                                                noise: population.leniencyNoise / n)
        var leniency: [Double] = []
        var squares = 0.0
        for c in 0..<criteria {
            let b = overall + ReviewerPopulation.shrink(sums.dev1[c] / n, spread: population.criterionSpread,
                                                        noise: population.criterionNoise / n)
            leniency.append(b)
            squares += sums.sum2[c] - 2 * b * sums.sum1[c] + n * b * b
        }
        let strength = priorReviews * Double(criteria)
        let variance = (max(squares, 0) + strength * prior) / (n * Double(criteria) + strength)
        return (leniency, variance)
    }
}
