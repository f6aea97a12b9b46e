import Foundation

/// How far reviewers agree, whatever grade they converge on: a criterion on which they
/// scatter is a criterion the rubric does not describe well enough.
public enum Agreement {
    /// How a disagreement between two values counts (Krippendorff's difference functions δ²).
    public enum Metric: String, Sendable, Codable, CaseIterable {
        /// Any two different values disagree equally.
        case nominal
        /// Values are ranks: the distance between two is the number of values observed between
        /// them (counting half of each end).
        case ordinal
        /// The squared difference.
        case interval
        /// The squared difference relative to the sum ((a − b) / (a + b))², for non-negative values.
        case ratio
    }

    /// Krippendorff's alpha, 1 − observed / expected disagreement: 1 is perfect agreement, 0 what
    /// chance would give, below 0 systematic disagreement. `units` holds, per unit (a submission),
    /// the values the coders (reviewers) gave it; missing values are simply left out. Units with
    /// fewer than two values are not pairable and are ignored.
    ///
    /// With n pairable values, and δ² the metric's difference:
    /// D_o = (1/n) Σ_units (1/(m_u − 1)) Σ_{i≠j in u} δ²(v_i, v_j) and
    /// D_e = 1/(n(n − 1)) Σ_{i≠j among all} δ²(v_i, v_j).
    /// Nil when fewer than two units are pairable or when the values never vary (D_e = 0: there
    /// is nothing to agree or disagree on).
    ///
    /// Checked against Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
    /// 4-coder, 12-unit example with missing values: nominal 0.743, ordinal 0.815, interval 0.849,
    /// ratio 0.797.
    public static func krippendorffAlpha(_ units: [[Double]], metric: Metric = .interval) -> Double? {
        let pairable = units.filter { $0.count >= 2 }
        guard pairable.count >= 2 else { return nil }
        var totals: [Double: Double] = [:]
        for unit in pairable { for value in unit { totals[value, default: 0] += 1 } }
        let values = totals.keys.sorted()
        guard values.count >= 2 else { return nil }
        let n = totals.values.reduce(0, +)
        let delta = difference(metric, values: values, counts: totals)
        var observed = 0.0
        for unit in pairable {
            var counts: [Double: Double] = [:]
            for value in unit { counts[value, default: 0] += 1 }
            let keys = counts.keys.sorted()
            var sum = 0.0
            for a in keys { for b in keys where a != b { sum += counts[a]! * counts[b]! * delta(a, b) } }
            observed += sum / Double(unit.count - 1)
        }
        observed /= n
        var expected = 0.0
        for a in values { for b in values where a != b { expected += totals[a]! * totals[b]! * delta(a, b) } }
        expected /= n * (n - 1)
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    static func difference(_ metric: Metric, values: [Double],
                           counts: [Double: Double]) -> @Sendable (Double, Double) -> Double {
        switch metric {
        case .nominal:
            return { $0 == $1 ? 0 : 1 }
        case .interval:
            return { ($0 - $1) * ($0 - $1) }
        case .ratio:
            return { $0 + $1 == 0 ? 0 : (($0 - $1) / ($0 + $1)) * (($0 - $1) / ($0 + $1)) }
        case .ordinal:
            // Cumulative counts, so the sum of counts between two values is a difference.
            var cumulative: [Double: Double] = [:]
            var running = 0.0
            for value in values {
                running += counts[value] ?? 0
                cumulative[value] = running
            }
            let frozenCumulative = cumulative
            let frozenCounts = counts
            return { a, b in
                let low = min(a, b), high = max(a, b)
                let between = frozenCumulative[high]! - frozenCumulative[low]! + frozenCounts[low]!
                let d = between - (frozenCounts[a]! + frozenCounts[b]!) / 2
                return d * d
            }
        }
    }
}
