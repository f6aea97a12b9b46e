import Domain
import Foundation

/// How a learner reviews, when they review at all. Each learner draws one kind, with the shares
/// below (they add up to 1).
enum ReviewerKind: String, CaseIterable {
    /// 40 %: the true level, with a small error (σ 0.35 level: about 1 criterion in 7 is one level off).
    case careful
    /// 20 %: σ 1 level.
    case noisy
    /// 10 %: one level more than the true one, with the careful reviewer's small error.
    case lenient
    /// 10 %: one level less.
    case harsh
    /// 5 %: any level, at random, whatever the work.
    case rogue
    /// 15 %: submits and never reviews.
    case absent

    var share: Double {
        switch self {
        case .careful: return 0.40
        case .noisy: return 0.20
        case .lenient, .harsh: return 0.10
        case .rogue: return 0.05
        case .absent: return 0.15
        }
    }

    static func draw(using random: inout SeededGenerator) -> ReviewerKind {
        var left = random.uniform()
        for kind in allCases {
            if left < kind.share { return kind }
            left -= kind.share
        }
        return .careful
    }

    /// The levels this reviewer gives work whose true levels are `truth`:
    /// clamp(round(true + bias + noise)) per criterion, or a uniform level for a rogue.
    func levels(for truth: [Int], top: Int, using random: inout SeededGenerator) -> [Int] {
        truth.map { level in
            switch self {
            case .careful, .absent: return Self.clamp(Double(level) + 0.35 * random.normal(), top: top)
            case .noisy: return Self.clamp(Double(level) + random.normal(), top: top)
            case .lenient: return Self.clamp(Double(level) + 1 + 0.35 * random.normal(), top: top)
            case .harsh: return Self.clamp(Double(level) - 1 + 0.35 * random.normal(), top: top)
            case .rogue: return random.index(below: top + 1)
            }
        }
    }

    /// A trainer's levels: σ 0.3 level (about 1 criterion in 10 one level off).
    static func staffLevels(for truth: [Int], top: Int, using random: inout SeededGenerator) -> [Int] {
        truth.map { clamp(Double($0) + 0.3 * random.normal(), top: top) }
    }

    static func clamp(_ level: Double, top: Int) -> Int { Int(min(max(level.rounded(), 0), Double(top))) }
}

/// One learner of a simulated cohort: the true levels of their work and how they behave.
struct Learner {
    /// Behaviour shares, besides the kind.
    enum Shares {
        /// Submit, then leave the course: they never review (drawn independently of the kind).
        static let dropout = 0.20
        /// Of those who review, who aim for 1 or 2 reviews beyond k (equally likely).
        static let extra = 0.30
        /// Of those who review, who opt in to take pushed work near the deadline.
        static let volunteer = 0.30
        /// Of those who review, who start only in the last two days.
        static let late = 0.25
        /// Per review started (pulled or pushed): left unfinished, so its lease lapses.
        static let abandon = 0.10
    }

    var kind: ReviewerKind
    var dropsOut: Bool
    /// The true level per criterion of their submission.
    var truth: [Int]
    /// Reviews they mean to complete: k, or k + 1 or k + 2.
    var target: Int
    var volunteers: Bool
    var late: Bool

    /// Present: neither absent nor a dropout, so they pull reviews.
    var reviews: Bool { kind != .absent && !dropsOut }

    /// Ability uniform over the scale (kept 0.3 level inside it), then per criterion
    /// round(ability + N(0, 0.8²)), clamped: work is good or weak overall, unevenly across criteria.
    static func draw(criteria: Int, top: Int, k: Int, using random: inout SeededGenerator) -> Learner {
        let ability = random.uniform(0.3, Double(top) - 0.3)
        let truth = (0..<criteria).map { _ in ReviewerKind.clamp(ability + 0.8 * random.normal(), top: top) }
        let kind = ReviewerKind.draw(using: &random)
        let dropsOut = random.chance(Shares.dropout)
        let target = k + (random.chance(Shares.extra) ? 1 + random.index(below: 2) : 0)
        return Learner(kind: kind, dropsOut: dropsOut, truth: truth, target: target,
                       volunteers: random.chance(Shares.volunteer), late: random.chance(Shares.late))
    }
}
