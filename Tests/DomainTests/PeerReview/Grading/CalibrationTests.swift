import Testing
@testable import Domain

@Suite struct CalibrationTests {
    @Test(arguments: [
        ([2, 2, 2], [2, 2, 2], true),
        ([1, 3, 2], [2, 2, 2], true),
        ([0, 2, 2], [2, 2, 2], false),
        ([2, 2, 4], [2, 2, 2], false),
        ([3, 3, 3], [2, 2, 2], true),
        ([2, 2], [2, 2, 2], false),
        ([], [], true),
    ])
    func passesWithinOneLevelEverywhere(_ levels: [Int], _ trainer: [Int], _ passes: Bool) {
        #expect(Calibration.passes(levels, against: trainer) == passes)
    }

    /// Closeness is the accuracy of the assessment against the trainer's, over 100.
    @Test(arguments: [
        ([2, 2], [2, 2], 1.0),
        ([3, 3], [2, 2], 0.5),
        ([3, 2], [2, 2], 1 - 1.5 * (0.5 / 9).squareRoot()),
        ([0, 0], [3, 3], 0.0),
        ([9, 0], [3, 3], 0.0),
        ([1], [3, 3], 0.0),
    ])
    func closenessScoresLikeAccuracy(_ levels: [Int], _ trainer: [Int], _ expected: Double) {
        let rubric = GradingSamples.rubric(criteria: 2)
        #expect(abs(Calibration.closeness(levels, against: trainer, rubric: rubric) - expected) < 1e-12)
    }

    /// A good calibration makes a reviewer count for more until their reviews say otherwise.
    @Test func closenessIsAPriorForTheWeight() throws {
        let calibration = [GradingSamples.id(1): 1.0, GradingSamples.id(3): 0]
        let agreeing = PeerGrading.grade(GradingSamples.scores([2, 2, 2, 2]), rubric: GradingSamples.rubric(),
                                         calibration: calibration).weights
        #expect(agreeing[GradingSamples.id(1)]! > agreeing[GradingSamples.id(2)]!)
        #expect(agreeing[GradingSamples.id(2)]! > agreeing[GradingSamples.id(3)]!)
        // Split two against two: the side of the well-calibrated reviewer wins.
        let split = PeerGrading.grade(GradingSamples.scores([1, 1, 3, 3]), rubric: GradingSamples.rubric(),
                                      calibration: calibration)
        #expect(try #require(split.grades[GradingSamples.submission]?.first) < 1.9)
    }
}
