import Testing
@testable import Domain

@Suite struct AgreementTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: four
    /// observers, twelve units, missing values (unit 12 has a single value, so is not pairable).
    static let reliabilityData: [[Double]] = [
        [1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3],
    ]

    @Test(arguments: [
        (Agreement.Metric.nominal, 0.743), (.ordinal, 0.815), (.interval, 0.849), (.ratio, 0.797),
    ])
    func matchesKrippendorffsPublishedValues(_ metric: Agreement.Metric, _ published: Double) throws {
        let alpha = try #require(Agreement.krippendorffAlpha(Self.reliabilityData, metric: metric))
        #expect(abs(alpha - published) < 0.0005)
    }

    @Test func perfectAgreementIsOne() {
        #expect(Agreement.krippendorffAlpha([[1, 1, 1], [3, 3], [0, 0, 0]]) == 1)
    }

    /// Two coders who always disagree by the whole scale: systematic disagreement, below 0.
    @Test func oppositeCodersAreBelowZero() throws {
        let alpha = try #require(Agreement.krippendorffAlpha([[0, 3], [3, 0], [0, 3], [3, 0]]))
        #expect(alpha < 0)
    }

    @Test(arguments: [[[Double]](), [[1, 2, 3]], [[1], [2], [3]], [[2, 2], [2, 2, 2]]])
    func notEnoughDataIsNil(_ units: [[Double]]) {
        #expect(Agreement.krippendorffAlpha(units) == nil)
    }

    /// Grading reports alpha per criterion: a criterion reviewers agree on and one they do not.
    @Test func gradingReportsAgreementPerCriterion() throws {
        let rubric = GradingSamples.rubric(criteria: 2)
        let scores = (0..<6).flatMap { author in
            (1...3).map { reviewer in
                PeerScore(submission: GradingSamples.id(1000 + author), reviewer: GradingSamples.id(reviewer),
                          levels: [author % 4, (author + reviewer) % 4])
            }
        }
        let agreement = PeerGrading.grade(scores, rubric: rubric).agreement
        #expect(agreement.count == 2)
        #expect(agreement[0] == 1)
        #expect(try #require(agreement[1]) < 0.2)
    }
}
