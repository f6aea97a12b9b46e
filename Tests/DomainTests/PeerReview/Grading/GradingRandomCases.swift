import Foundation
import PropertyBased
@testable import Domain

/// Random cohorts for the grading properties: a rubric with uneven points, simulated reviews of
/// every kind (some by staff), and calibration results for some reviewers.
enum GradingRandomCases {
    struct Case: Sendable, CustomStringConvertible {
        var rubric: Rubric
        var scores: [PeerScore]
        var calibration: [UUID: Double]
        var description: String { "\(rubric.criteria.map { $0.levels.map(\.points) }) \(scores.count) scores" }
    }

    static let cohorts = Generator<Case, _> { rng in
        let levels = Int.random(in: 2...5, using: &rng)
        let criteria = (0..<Int.random(in: 1...4, using: &rng)).map { c in
            var points = Int.random(in: 0...3, using: &rng)
            return Rubric.Criterion(title: "C\(c)", levels: (0..<Int.random(in: 2...levels, using: &rng)).map { _ in
                defer { points += Int.random(in: 1...4, using: &rng) }
                return Rubric.Level(points: points, description: "")
            })
        }
        let rubric = Rubric(criteria: criteria)
        var simulation = GradingSimulation(people: Int.random(in: 2...14, using: &rng), criteria: criteria.count,
                                           levels: levels, k: Int.random(in: 1...4, using: &rng),
                                           extra: Int.random(in: 0...2, using: &rng))
        simulation.mix = GradingSimulation.Kind.allCases.map { _ in Double.random(in: 0...1, using: &rng) }
        simulation.dropout = Double.random(in: 0...0.3, using: &rng)
        simulation.staffFill = Int.random(in: 0...3, using: &rng)
        if Bool.random(using: &rng) { simulation.perSubmission = 1...Int.random(in: 1...6, using: &rng) }
        let cohort = simulation.run(seed: UInt64.random(in: .min ... .max, using: &rng))
        // Criteria with fewer levels than the simulation's take its levels clamped.
        let scores = cohort.scores.map { score in
            var score = score
            score.levels = zip(score.levels, criteria).map { min($0, $1.levels.count - 1) }
            return score
        }
        var calibration: [UUID: Double] = [:]
        for reviewer in Set(scores.map(\.reviewer)) where Bool.random(using: &rng) {
            calibration[reviewer] = Double.random(in: 0...1, using: &rng)
        }
        return Case(rubric: rubric, scores: scores, calibration: calibration)
    }
}
