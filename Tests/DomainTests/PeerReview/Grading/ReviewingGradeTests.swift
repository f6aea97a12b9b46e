import Testing
@testable import Domain

@Suite struct ReviewingGradeTests {
    @Test(arguments: [(Helpfulness.helpful, 100.0), (.somewhat, 50), (.not, 0)])
    func helpfulnessScores(_ rating: Helpfulness, _ score: Double) {
        #expect(rating.score == score)
    }

    @Test func helpfulnessIsTheMeanOfTheRatings() {
        let reviewer = GradingSamples.id(1)
        let grades = PeerGrading.grade(GradingSamples.scores([2, 2, 2]), rubric: GradingSamples.rubric(),
                                       ratings: [reviewer: [.helpful, .somewhat, .not, .helpful]])
        #expect(grades.reviewing[reviewer]?.helpfulness == 62.5)
        #expect(grades.reviewing[reviewer]?.overall == (2 * 100 + 62.5) / 3)
        #expect(grades.reviewing[GradingSamples.id(2)]?.helpfulness == nil)
        #expect(grades.reviewing[GradingSamples.id(2)]?.overall == 100)
    }

    /// Someone whose reviews were rated but who wrote none (this run) still gets helpfulness.
    @Test func ratedWithoutScoresKeepsHelpfulness() {
        let someone = GradingSamples.id(9)
        let grades = PeerGrading.grade([], rubric: GradingSamples.rubric(), ratings: [someone: [.somewhat]])
        #expect(grades.reviewing[someone] == ReviewingGrade(accuracy: nil, helpfulness: 50, reviews: 0))
    }

    @Test(arguments: [
        (Double?.some(90), Double?.some(30), Double?.some(70)),
        (90, nil, 90), (nil, 30, 30), (nil, nil, nil),
    ])
    func overallWeighsAccuracyTwice(_ accuracy: Double?, _ helpfulness: Double?, _ overall: Double?) {
        #expect(ReviewingGrade.overall(accuracy: accuracy, helpfulness: helpfulness) == overall)
    }

    /// The scale: exact 100, one level off everywhere on 4 levels 50 (on 5 levels 62.5), two
    /// levels off 0.
    @Test(arguments: [
        (4, [1.0, 1], [1.0, 1], 100.0), (4, [2, 2], [1, 1], 50), (5, [2, 2], [1, 1], 62.5),
        (4, [3, 3], [1, 1], 0),
        // Half a level off on one of two criteria: d = √(½ × (0.5/3)²).
        (4, [1.5, 1], [1, 1], 100 * (1 - 1.5 * (0.5 * (0.5 / 3) * (0.5 / 3)).squareRoot())),
    ])
    func accuracyScale(_ levels: Int, _ points: [Double], _ reference: [Double], _ expected: Double) throws {
        let rubric = GradingSamples.rubric(criteria: 2, levels: levels)
        let accuracy = try #require(PeerGrading.accuracy(of: points, against: reference, in: rubric))
        #expect(abs(accuracy - expected) < 1e-9)
    }

    /// With three reviewers, each is compared with the mean of the other two.
    @Test func threeReviewersCompareWithTheOtherTwo() throws {
        let grades = PeerGrading.grade(GradingSamples.scores([1, 1, 3]), rubric: GradingSamples.rubric())
        // Reviewer 1: others 1 and 3 meet at 2, one level off: 50. Reviewer 3: others at 1, two off: 0.
        #expect(grades.reviewing[GradingSamples.id(1)]?.accuracy == 50)
        #expect(grades.reviewing[GradingSamples.id(3)]?.accuracy == 0)
        #expect(grades.reviewing[GradingSamples.id(3)]?.reviews == 1)
    }

    /// Alone on a submission, a review has nothing to be compared with.
    @Test func aLoneReviewHasNoAccuracy() {
        let grades = PeerGrading.grade(GradingSamples.scores([2]), rubric: GradingSamples.rubric())
        #expect(grades.reviewing[GradingSamples.id(1)] == ReviewingGrade(accuracy: nil, helpfulness: nil, reviews: 1))
    }
}
