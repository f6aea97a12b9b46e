import Foundation

/// Running sums of one reviewer's residuals (their levels minus the consensus of the other
/// reviews of the same submission), enough to fit their leniency and variance, and to take one
/// review out again for a leave-one-out fit.
struct ResidualSums: Sendable {
    var count = 0
    /// Σ ē and Σ ē², ē being a review's residual averaged over the criteria.
    var mean1 = 0.0
    var mean2 = 0.0
    /// Per criterion, Σ d and Σ d².
    var sum1: [Double]
    var sum2: [Double]
    /// Per criterion, Σ (d − ē) and Σ (d − ē)²: how the reviewer departs from their own average.
    var dev1: [Double]
    var dev2: [Double]

    init(criteria: Int) {
        sum1 = Array(repeating: 0, count: criteria)
        sum2 = sum1
        dev1 = sum1
        dev2 = sum1
    }

    /// Adds a review's residuals (`sign` 1), or takes them out (`sign` −1).
    mutating func add(_ residual: [Double], sign: Double = 1) {
        guard !residual.isEmpty else { return }
        let mean = residual.reduce(0, +) / Double(residual.count)
        count += sign > 0 ? 1 : -1
        mean1 += sign * mean
        mean2 += sign * mean * mean
        for (c, d) in residual.enumerated() {
            sum1[c] += sign * d
            sum2[c] += sign * d * d
            dev1[c] += sign * (d - mean)
            dev2[c] += sign * (d - mean) * (d - mean)
        }
    }

    func removing(_ residual: [Double]?) -> ResidualSums {
        guard let residual else { return self }
        var copy = self
        copy.add(residual, sign: -1)
        return copy
    }
}

/// How reviewers of one cohort differ, estimated from all peer reviewers' residual sums (by the
/// method of moments): it decides how much of a reviewer's apparent leniency is believed.
struct ReviewerPopulation: Sendable {
    /// Variance, across reviewers, of their true average leniency (levels²).
    var leniencySpread = 0.0
    /// Variance of one review's average residual around its reviewer's leniency.
    var leniencyNoise = 0.0
    /// The same two for a reviewer's leniency on one criterion beyond their average.
    var criterionSpread = 0.0
    var criterionNoise = 0.0
    /// The mean squared residual of a peer review on one criterion: the prior variance of a
    /// reviewer without calibration.
    var typicalVariance = 0.5

    init(_ reviewers: [ResidualSums], criteria: Int) {
        let repeated = reviewers.filter { $0.count >= 2 }
        let scored = reviewers.filter { $0.count >= 1 }
        let entries = scored.reduce(0) { $0 + $1.count } * criteria
        if entries > 0 {
            let squares = scored.reduce(0.0) { $0 + $1.sum2.reduce(0, +) }
            typicalVariance = max(squares / Double(entries), 0.05)
        }
        guard repeated.count >= 2 else { return }
        let freedom = Double(repeated.reduce(0) { $0 + $1.count - 1 })
        leniencyNoise = repeated.reduce(0.0) { $0 + $1.mean2 - $1.mean1 * $1.mean1 / Double($1.count) } / freedom
        let means = repeated.map { $0.mean1 / Double($0.count) }
        let grand = means.reduce(0, +) / Double(means.count)
        let between = means.reduce(0.0) { $0 + ($1 - grand) * ($1 - grand) } / Double(means.count - 1)
        let expectedNoise = repeated.reduce(0.0) { $0 + leniencyNoise / Double($1.count) } / Double(repeated.count)
        leniencySpread = max(0, between - expectedNoise)
        guard criteria > 1 else { return }
        var withinSquares = 0.0
        var squaredMeans = 0.0
        var noise = 0.0
        for sums in repeated {
            let n = Double(sums.count)
            for c in 0..<criteria {
                withinSquares += sums.dev2[c] - sums.dev1[c] * sums.dev1[c] / n
                squaredMeans += (sums.dev1[c] / n) * (sums.dev1[c] / n)
            }
        }
        criterionNoise = withinSquares / (freedom * Double(criteria))
        for sums in repeated { noise += criterionNoise / Double(sums.count) }
        let cells = Double(repeated.count * criteria)
        criterionSpread = max(0, squaredMeans / cells - noise / Double(repeated.count))
    }

    /// The part of an observed mean `value` that is believed: value × spread / (spread + noise),
    /// the empirical-Bayes estimate. Nothing is believed when reviewers do not differ at all.
    static func shrink(_ value: Double, spread: Double, noise: Double) -> Double {
        spread > 0 ? value * spread / (spread + max(noise, 0)) : 0
    }
}
