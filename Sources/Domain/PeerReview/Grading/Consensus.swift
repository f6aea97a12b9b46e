import Foundation

/// How the reviews of one submission, once corrected, combine into one value per criterion.
enum Consensus {
    /// Reviews beyond which a submission's grade is the reliability-weighted estimate rather than
    /// the median (the rule: the median for 3 or fewer). Reviews are counted as they are,
    /// one each, staff ones included: a staff review counts double only inside the median.
    static let medianUpTo = 3
    /// Huber's tuning constant, in levels: a review further than this from the estimate counts in
    /// proportion to `huber / distance`, so one wild review moves the grade by little.
    static let huber = 0.5

    /// How many entries a review is in a median: a staff review `PeerAllocation.staffReviewWorth`
    /// (2), what it counts toward k and the weight `robustMean` gives it; a peer's 1.
    static func medianEntries(byStaff: Bool) -> Double { Double(PeerAllocation.worth(byStaff: byStaff)) }

    /// For up to `medianUpTo` values, their median with each staff value counted `medianEntries`
    /// times (a weighted median of whole entries, so exactly the median of the list with staff
    /// values repeated: an even count of entries meets half-way between the middle two); beyond,
    /// `robustMean` with the reliability `weights`. nil for no values.
    static func combine(_ values: [Double], weights: [Double], byStaff: [Bool]) -> Double? {
        if values.count <= medianUpTo { return weightedMedian(values, weights: byStaff.map(medianEntries)) }
        return robustMean(values, weights: weights)
    }

    /// A weighted mean that discounts outliers (Huber's M-estimate, by iteratively reweighted
    /// means from the weighted median): each value counts `weight × min(1, huber / |value − estimate|)`.
    static func robustMean(_ values: [Double], weights: [Double]) -> Double? {
        guard var estimate = weightedMedian(values, weights: weights) else { return nil }
        for _ in 0..<50 {
            var total = 0.0
            var weighted = 0.0
            for (value, weight) in zip(values, weights) {
                let distance = abs(value - estimate)
                let share = distance <= huber ? weight : weight * huber / distance
                total += share
                weighted += share * value
            }
            guard total > 0 else { return estimate }
            let next = weighted / total
            if abs(next - estimate) < 1e-12 { return next }
            estimate = next
        }
        return estimate
    }

    /// The value at half the total weight (the mean of the two values that straddle it exactly).
    static func weightedMedian(_ values: [Double], weights: [Double]) -> Double? {
        let pairs = zip(values, weights).filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
        let total = pairs.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var running = 0.0
        for (index, pair) in pairs.enumerated() {
            running += pair.1
            if abs(running - total / 2) <= 1e-12 * total, index + 1 < pairs.count {
                return (pair.0 + pairs[index + 1].0) / 2
            }
            if running > total / 2 { return pair.0 }
        }
        return pairs.last?.0
    }
}
