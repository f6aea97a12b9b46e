/// The score of one attempt: the marks earned, out of the marks possible, and how many answers
/// still wait for a trainer. It is what the learner sees at the end of a quiz and what decides
/// a pass, so it holds no surprises: never below 0, never above what was possible.
public struct QuizScore: Hashable, Sendable, Codable {
    /// Points earned so far; answers waiting for a trainer count nothing yet.
    public private(set) var earned: Double
    /// Every question's points, pending ones included: a pending essay is still part of the
    /// quiz, so the percent shown before it is graded is a floor, not an inflated guess.
    public private(set) var possible: Double
    /// How many answers wait for a trainer (nil fractions).
    public private(set) var pending: Int

    /// Adds up an attempt's questions, each worth `points` and marked with a fraction.
    ///
    /// Points that are negative or not finite count as 0, and fractions are clamped to 0…1
    /// (a trainer's manual mark may be typed out of range), so `earned` stays within
    /// 0…`possible` whatever the input.
    public static func total(_ items: [(points: Double, mark: QuestionMark)]) -> QuizScore {
        var score = QuizScore(earned: 0, possible: 0, pending: 0)
        for item in items {
            let points = item.points.isFinite ? max(item.points, 0) : 0
            score.possible += points
            guard let fraction = item.mark.fraction else {
                score.pending += 1
                continue
            }
            score.earned += points * (fraction.isNaN ? 0 : min(max(fraction, 0), 1))
        }
        score.earned = min(score.earned, score.possible)
        return score
    }

    /// Earned points as a percent of the possible ones, 0…100; 0 when nothing was possible (a
    /// quiz of descriptions only), so no screen ever shows "NaN %".
    public var percent: Double {
        guard possible > 0 else { return 0 }
        return min(max(earned * 100 / possible, 0), 100)
    }

    /// Whether the attempt reaches the pass mark, in percent; nil while an answer waits for a
    /// trainer, because a pending essay may still turn a fail into a pass.
    ///
    /// A hair of slack absorbs floating point: 2.1 points out of 3 is a 70 % pass, even though
    /// 2.1 × 100 / 3 is 69.99999999999999 in binary.
    public func passed(atPercent passMark: Double) -> Bool? {
        guard pending == 0 else { return nil }
        return percent + Self.passSlack >= passMark
    }

    /// Far below any difference a pass mark is meant to draw (a pass mark has at most a few
    /// decimals), far above floating-point noise on a percent.
    static let passSlack = 1e-9
}
