import Testing
@testable import Domain

@Suite struct QuizScoreTests {
    static func score(_ items: [(Double, Double?)]) -> QuizScore {
        QuizScore.total(items.map { (points: $0.0, mark: QuestionMark(fraction: $0.1)) })
    }

    @Test(arguments: [
        // (points, fraction) per question, earned, possible, pending, percent
        ([], 0.0, 0.0, 0, 0.0),
        ([(1, 1), (1, 0), (2, 0.5)], 2, 4, 0, 50),
        ([(1, 1), (1, 1)], 2, 2, 0, 100),
        ([(1, 0), (3, 0)], 0, 4, 0, 0),
        ([(1, 1), (2, nil)], 1, 3, 1, 100.0 / 3),   // a pending essay counts in what was possible
        ([(2, nil), (2, nil)], 0, 4, 2, 0),
        ([(0, 1), (0, 0)], 0, 0, 0, 0),             // descriptions only: 0 %, never NaN
        ([(1, 1.5), (1, -0.5)], 1, 2, 0, 50),       // out-of-range fractions clamp
        ([(1, .nan)], 0, 1, 0, 0),
        ([(-3, 1), (2, 1)], 2, 2, 0, 100),          // negative points count nothing
        ([(.infinity, 1), (.nan, 1), (1, 1)], 1, 1, 0, 100),
        ([(0.1, 1), (0.2, 1)], 0.1 + 0.2, 0.1 + 0.2, 0, 100),
    ] as [([(Double, Double?)], Double, Double, Int, Double)])
    func total(items: [(Double, Double?)], earned: Double, possible: Double, pending: Int, percent: Double) {
        let score = Self.score(items)
        #expect(score.earned == earned)
        #expect(score.possible == possible)
        #expect(score.pending == pending)
        #expect(abs(score.percent - percent) < 1e-9)
    }

    @Test(arguments: [
        // (points, fraction) per question, pass mark, passed
        ([(1, 1), (1, 0)], 50, true),
        ([(1, 1), (1, 0)], 50.01, false),
        ([(1, 0.7), (1, 0.7), (1, 0.7)], 70, true),  // 2.1 × 100 / 3 is 69.99999999999999 in binary
        ([(3, 0.7)], 70, true),
        ([(1, 0.69)], 70, false),
        ([(1, 1)], 100, true),
        ([(1, 0)], 0, true),
        ([], 0, true),
        ([], 1, false),
    ] as [([(Double, Double?)], Double, Bool)])
    func passed(items: [(Double, Double?)], passMark: Double, passed: Bool) {
        #expect(Self.score(items).passed(atPercent: passMark) == passed)
    }

    @Test(arguments: [0.0, 50, 100])
    func passIsUnknownWhileAnAnswerIsPending(passMark: Double) {
        #expect(Self.score([(1, 1), (1, 1), (1, nil)]).passed(atPercent: passMark) == nil)
    }
}

@Suite struct TopicMasteryTests {
    typealias Answered = (tags: [String], points: Double, mark: QuestionMark)

    static func answered(_ tags: [String], _ points: Double, _ fraction: Double?) -> Answered {
        (tags, points, QuestionMark(fraction: fraction))
    }

    @Test(arguments: [
        // answered questions, mastery per tag
        ([], [:]),
        ([answered(["algebra"], 1, 1)], ["algebra": 1]),
        ([answered(["algebra"], 1, 1), answered(["algebra"], 1, 0)], ["algebra": 0.5]),
        // points weigh: 1 of 1 and 0 of 3 is a quarter, not a half
        ([answered(["algebra"], 1, 1), answered(["algebra"], 3, 0)], ["algebra": 0.25]),
        // a question with two topics counts for both
        ([answered(["algebra", "geometry"], 2, 0.5), answered(["geometry"], 2, 1)], ["algebra": 0.5, "geometry": 0.75]),
        // pending ones are skipped; a topic with only pending ones is unknown, not 0
        ([answered(["essays"], 5, nil), answered(["algebra"], 1, 1), answered(["algebra"], 4, nil)], ["algebra": 1]),
        // zero points tell nothing either
        ([answered(["intro"], 0, 1)], [:]),
        // a tag written twice counts its question once
        ([answered(["algebra", "algebra"], 1, 1), answered(["algebra"], 1, 0)], ["algebra": 0.5]),
        // fractions out of range clamp
        ([answered(["x"], 1, 2), answered(["x"], 1, -1)], ["x": 0.5]),
        ([answered([], 1, 1)], [:]),
    ] as [([Answered], [String: Double])])
    func compute(answered: [Answered], mastery: [String: Double]) {
        #expect(TopicMastery.compute(answered) == mastery)
    }

    @Test(arguments: [
        // mastery, threshold, weak topics weakest first
        ([:], 0.6, []),
        (["a": 0.9, "b": 0.6, "c": 0.59], 0.6, ["c"]),  // at the threshold is not weak
        (["geometry": 0.2, "algebra": 0.5, "logic": 0.2, "sets": 1], 0.6, ["geometry", "logic", "algebra"]),
        (["a": 0.1, "b": 0.5], 0.3, ["a"]),
        (["a": 0, "b": 0], 0, []),
        (["b": 0, "a": 0], 0.01, ["a", "b"]),
    ] as [([String: Double], Double, [String])])
    func weak(mastery: [String: Double], threshold: Double, weak: [String]) {
        #expect(TopicMastery.weak(mastery, below: threshold) == weak)
    }

    @Test func weakDefaultsToSixtyPercent() {
        #expect(TopicMastery.weak(["a": 0.59, "b": 0.6]) == ["a"])
    }
}
