import Foundation
@testable import Domain

/// Simulated cohorts for the grading tests: each learner's work has a true level per criterion,
/// and reviewers of a few kinds report it with their own errors.
struct GradingSimulation {
    enum Kind: CaseIterable {
        /// Small noise (σ 0.35 level, rounded).
        case careful
        /// σ 1 level.
        case noisy
        /// One level too many, with small noise.
        case lenient
        /// One level too few, with small noise.
        case harsh
        /// Any level, at random.
        case rogue
        /// Submits, never reviews.
        case absent
    }

    struct Cohort {
        /// Per person (who is also the author of submission `GradingSamples.id(1000 + person)`),
        /// the true level per criterion.
        var truth: [[Int]]
        /// In the order they were written (for the median of the first 3).
        var scores: [PeerScore]
        var kinds: [Kind]
    }

    var people: Int
    var criteria = 4
    var levels = 4
    /// Reviews each active learner writes at least; some volunteer up to `extra` more.
    var k = 3
    var extra = 0
    /// Share of each kind (in `Kind.allCases` order).
    var mix: [Double] = [0.35, 0.20, 0.15, 0.15, 0.05, 0.10]
    /// Share who drop out after submitting (and review nothing).
    var dropout = 0.2
    /// Trainers review the submissions still short of this many reviews.
    var staffFill = 3
    /// When set, each submission draws its number of peer reviews from this range instead, and
    /// active learners share the load evenly, whatever `k`.
    var perSubmission: ClosedRange<Int>?

    func run(seed: UInt64) -> Cohort {
        var rng = SeededGenerator(seed: seed)
        let top = Double(levels - 1)
        let truth = (0..<people).map { _ in
            let ability = 0.3 + uniform(&rng) * (top - 0.6)
            return (0..<criteria).map { _ in clamp((ability + 0.8 * normal(&rng)).rounded()) }
        }
        let kinds = (0..<people).map { _ in pick(mix, &rng) }
        let active = (0..<people).filter { kinds[$0] != .absent && uniform(&rng) >= dropout }
        var counts = Array(repeating: 0, count: people)
        var scores: [PeerScore] = []
        func write(_ reviewer: Int, _ author: Int, _ rng: inout SeededGenerator) {
            counts[author] += 1
            scores.append(PeerScore(submission: GradingSamples.id(1000 + author), reviewer: GradingSamples.id(reviewer),
                                    levels: report(truth[author], kinds[reviewer], &rng)))
        }
        if let perSubmission {
            var load = Array(repeating: 0, count: people)
            for author in 0..<people {
                let wanted = perSubmission.lowerBound + rng.index(below: perSubmission.count)
                var open = active.filter { $0 != author }
                rng.shuffle(&open)
                // The least loaded first, ties in the shuffled order.
                let ranked = open.enumerated().sorted { (load[$0.element], $0.offset) < (load[$1.element], $1.offset) }
                for reviewer in ranked.map(\.element).prefix(wanted) {
                    load[reviewer] += 1
                    write(reviewer, author, &rng)
                }
            }
        } else {
            var quota: [Int: Int] = [:]
            for person in active { quota[person] = k + (extra > 0 ? rng.index(below: extra + 1) : 0) }
            var done = Array(repeating: Set<Int>(), count: people)
            for _ in 0..<(quota.values.max() ?? 0) {
                var order = active
                rng.shuffle(&order)
                for reviewer in order where done[reviewer].count < quota[reviewer]! {
                    let open = (0..<people).filter { $0 != reviewer && !done[reviewer].contains($0) }
                    guard let fewest = open.map({ counts[$0] }).min() else { continue }
                    let candidates = open.filter { counts[$0] == fewest }
                    let author = candidates[rng.index(below: candidates.count)]
                    done[reviewer].insert(author)
                    write(reviewer, author, &rng)
                }
            }
        }
        for author in 0..<people where counts[author] < staffFill {
            for slot in counts[author]..<staffFill {
                let levels = truth[author].map { clamp((Double($0) + 0.3 * normal(&rng)).rounded()) }
                scores.append(PeerScore(submission: GradingSamples.id(1000 + author),
                                        reviewer: GradingSamples.id(5000 + slot), levels: levels, byStaff: true))
            }
        }
        return Cohort(truth: truth, scores: scores, kinds: kinds)
    }

    func report(_ truth: [Int], _ kind: Kind, _ rng: inout SeededGenerator) -> [Int] {
        truth.map { level in
            let t = Double(level)
            switch kind {
            case .careful, .absent: return clamp((t + 0.35 * normal(&rng)).rounded())
            case .noisy: return clamp((t + normal(&rng)).rounded())
            case .lenient: return clamp((t + 1 + 0.35 * normal(&rng)).rounded())
            case .harsh: return clamp((t - 1 + 0.35 * normal(&rng)).rounded())
            case .rogue: return rng.index(below: levels)
            }
        }
    }

    func clamp(_ value: Double) -> Int { Int(min(max(value, 0), Double(levels - 1))) }

    func uniform(_ rng: inout SeededGenerator) -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

    /// Box–Muller.
    func normal(_ rng: inout SeededGenerator) -> Double {
        let u = max(uniform(&rng), 1e-12)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * uniform(&rng))
    }

    func pick(_ weights: [Double], _ rng: inout SeededGenerator) -> Kind {
        var draw = uniform(&rng) * weights.reduce(0, +)
        for (kind, weight) in zip(Kind.allCases, weights) {
            if draw < weight { return kind }
            draw -= weight
        }
        return .careful
    }
}

/// The three estimators the benchmark compares, each giving a level per criterion per submission.
enum GradingEstimators {
    /// ORA2-style: the median of the first 3 reviews written.
    static func medianOfFirstThree(_ scores: [PeerScore]) -> [UUID: [Double]] {
        combine(scores) { PeerGrading.median(Array($0.prefix(3))) }
    }

    /// Moodle-style: the mean of every review.
    static func mean(_ scores: [PeerScore]) -> [UUID: [Double]] {
        combine(scores) { PeerGrading.mean($0) }
    }

    static func combine(_ scores: [PeerScore], _ rule: ([Double]) -> Double?) -> [UUID: [Double]] {
        Dictionary(grouping: scores, by: \.submission).mapValues { reviews in
            (0..<reviews[0].levels.count).map { c in rule(reviews.map { Double($0.levels[c]) }) ?? 0 }
        }
    }

    /// Squared errors against the truth, summed over every criterion of every graded submission.
    static func squaredErrors(_ grades: [UUID: [Double]],
                              _ cohort: GradingSimulation.Cohort) -> (squares: Double, count: Int) {
        var squares = 0.0
        var count = 0
        for (author, truth) in cohort.truth.enumerated() {
            guard let grade = grades[GradingSamples.id(1000 + author)] else { continue }
            for (g, t) in zip(grade, truth) { squares += (g - Double(t)) * (g - Double(t)); count += 1 }
        }
        return (squares, count)
    }
}
