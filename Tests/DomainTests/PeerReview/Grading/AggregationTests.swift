import Foundation
import Testing
@testable import Domain

@Suite struct AggregationTests {
    let rubric = GradingSamples.rubric()

    @Test func oneReviewIsTheGrade() {
        let grades = PeerGrading.grade(GradingSamples.scores([2]), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [2])
        #expect(grades.total(of: GradingSamples.submission) == 2)
    }

    @Test func noReviewsNoGrade() {
        let grades = PeerGrading.grade([], rubric: rubric)
        #expect(grades.grades.isEmpty)
        #expect(grades.total(of: GradingSamples.submission) == nil)
        #expect(grades.agreement == [nil])
    }

    @Test(arguments: [[1, 1], [3, 3, 3], [0, 0, 0, 0], [2, 2, 2, 2, 2, 2]])
    func allAgreeingIsTheirLevel(_ levels: [Int]) {
        let grades = PeerGrading.grade(GradingSamples.scores(levels), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [Double(levels[0])])
        for reviewer in 1...levels.count {
            #expect(grades.reviewing[GradingSamples.id(reviewer)]?.accuracy == 100)
        }
    }

    /// The median rule up to 3 reviews: two reviews meet half-way, three take the middle one.
    @Test(arguments: [([0, 3], 1.5), ([0, 1, 3], 1.0), ([3, 0, 2], 2.0)])
    func upToThreeReviewsTakeTheMedian(_ levels: [Int], _ expected: Double) {
        let grades = PeerGrading.grade(GradingSamples.scores(levels), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [expected])
    }

    /// Spread over the whole scale, with nothing known of the reviewers, the grade stays in the
    /// middle and every reviewer's accuracy is low.
    @Test func allDisagreeingLandsInTheMiddle() throws {
        let grades = PeerGrading.grade(GradingSamples.scores([0, 1, 2, 3]), rubric: rubric)
        let grade = try #require(grades.grades[GradingSamples.submission]?.first)
        #expect(abs(grade - 1.5) < 1e-9)
        let accuracies = (1...4).compactMap { grades.reviewing[GradingSamples.id($0)]?.accuracy }
        #expect(accuracies.count == 4 && accuracies.allSatisfy { $0 < 75 })
    }

    /// One random reviewer among five careful ones barely moves the grade: the robust mean
    /// counts a value far from the rest in proportion to ½ level over its distance.
    @Test(arguments: [0, 3])
    func aRogueAmongFiveBarelyCounts(_ rogue: Int) throws {
        let careful = rogue == 0 ? 3 : 0
        let grades = PeerGrading.grade(GradingSamples.scores([careful, careful, careful, careful, rogue]), rubric: rubric)
        let grade = try #require(grades.grades[GradingSamples.submission]?.first)
        // Four at `careful` pull back 4 × distance, the rogue ½: the grade is ⅛ level off.
        #expect(abs(grade - Double(careful)) < 0.13)
        #expect(grades.reviewing[GradingSamples.id(5)]?.accuracy == 0)
    }

    static let truth = [0, 1, 2, 1, 0, 2, 1, 2, 0, 1, 2, 1]

    /// Over a cohort, a reviewer who always gives one level too many is found out, corrected
    /// and graded as less accurate; the work they reviewed gets about its true level.
    @Test func aLenientReviewerIsCorrected() {
        let truth = { (author: Int) in Self.truth[author] }
        let scores = GradingSamples.circle(12, k: 4) { reviewer, author in
            reviewer == 0 ? truth(author) + 1 : truth(author)
        }
        let grades = PeerGrading.grade(scores, rubric: rubric)
        let lenient = GradingSamples.id(0)
        #expect((grades.leniency[lenient]?.first ?? 0) > 0.8)
        for author in 0..<12 {
            let grade = grades.grades[GradingSamples.id(1000 + author)]?.first ?? -1
            #expect(abs(grade - Double(truth(author))) < 0.15)
        }
        let accuracy = grades.reviewing[lenient]?.accuracy ?? 100
        #expect(accuracy < 60)
        #expect((grades.reviewing[GradingSamples.id(5)]?.accuracy ?? 0) > 95)
    }

    /// With 3 reviews the grade is a median, but of corrected levels: where two lenient
    /// reviewers outvote a careful one, the plain median would be a level too high.
    @Test func lenientReviewersAreCorrectedBeforeTheMedian() throws {
        let lenient: Set = [0, 1]
        let scores = GradingSamples.circle(12, k: 3) { reviewer, author in
            Self.truth[author] + (lenient.contains(reviewer) ? 1 : 0)
        }
        let grades = PeerGrading.grade(scores, rubric: rubric)
        // Submission 2 is reviewed by 0, 1 and 11: plain median truth + 1.
        let grade = try #require(grades.grades[GradingSamples.id(1002)]?.first)
        #expect(abs(grade - Double(Self.truth[2])) < 0.25)
    }

    /// In a cohort where every reviewer is exact, nobody is corrected and every grade is exact.
    @Test func exactCohortIsLeftAlone() {
        let scores = GradingSamples.circle(9, k: 3) { _, author in author % 4 }
        let grades = PeerGrading.grade(scores, rubric: rubric)
        #expect(grades.leniency.values.allSatisfy { $0 == [0] })
        for author in 0..<9 { #expect(grades.grades[GradingSamples.id(1000 + author)] == [Double(author % 4)]) }
    }

    /// Staff weigh as much as the bounds allow and are never corrected, even when they disagree.
    @Test func staffAreTrusted() throws {
        let submission = GradingSamples.id(1000)
        let peers = GradingSamples.circle(8, k: 3) { _, author in author % 3 }
        let trainer = PeerScore(submission: submission, reviewer: GradingSamples.id(99), levels: [3], byStaff: true)
        let grades = PeerGrading.grade(peers + [trainer], rubric: rubric)
        #expect(grades.weights[trainer.reviewer] == PeerGrading.weightBounds.upperBound)
        #expect(grades.leniency[trainer.reviewer] == nil)
        // Three peers at 0 (weight 1 each), the trainer at 3 (weight 2), who pulls as if ½ level
        // away (Huber): 3 × m = 2 × ½, so m = ⅓, twice what a fourth peer would pull.
        let grade = try #require(grades.grades[submission]?.first)
        #expect(abs(grade - 1.0 / 3) < 1e-9)
    }

    @Test func unevenPointsAreReadBetweenLevels() {
        let grades = PeerGrading.grade(GradingSamples.scores([1, 2]), rubric: GradingSamples.uneven)
        // Levels 1 and 2 meet at level 1.5: half-way between 2 and 5 points.
        #expect(grades.grades[GradingSamples.submission] == [3.5])
    }

    @Test func malformedAndRepeatedScoresAreIgnored() {
        var scores = GradingSamples.scores([1, 1, 1])
        scores.append(PeerScore(submission: GradingSamples.submission, reviewer: GradingSamples.id(7), levels: [9]))
        scores.append(PeerScore(submission: GradingSamples.submission, reviewer: GradingSamples.id(8), levels: [1, 1]))
        scores.append(PeerScore(submission: GradingSamples.submission, reviewer: GradingSamples.id(1), levels: [3]))
        let grades = PeerGrading.grade(scores, rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [1])
        #expect(grades.reviewing[GradingSamples.id(1)]?.reviews == 1)
        #expect(grades.reviewing[GradingSamples.id(7)] == nil)
    }

    /// Nothing breaks on degenerate input: no criteria, a calibration that is not a number.
    @Test func degenerateInputStaysFinite() {
        let unanswerable = PeerScore(submission: GradingSamples.submission, reviewer: GradingSamples.id(1), levels: [])
        let empty = PeerGrading.grade([unanswerable], rubric: Rubric(criteria: []))
        #expect(empty.total(of: GradingSamples.submission) == 0)
        #expect(empty.agreement.isEmpty)
        let scores = GradingSamples.circle(6, k: 4) { reviewer, author in (reviewer + author) % 4 }
        let calibration = [GradingSamples.id(0): Double.nan, GradingSamples.id(1): .infinity]
        let grades = PeerGrading.grade(scores, rubric: rubric, calibration: calibration)
        #expect(grades.grades.values.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(grades.weights.values.allSatisfy { $0.isFinite })
    }
}
