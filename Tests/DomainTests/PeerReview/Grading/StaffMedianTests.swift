import Foundation
import PropertyBased
import Testing
@testable import Domain

/// With 3 reviews or fewer the grade is a median in which a staff review is two entries, as it
/// counts two toward k (`PeerAllocation.staffReviewWorth`).
@Suite struct StaffMedianTests {
    let rubric = GradingSamples.rubric()

    /// Peers 1, 2… at `peers`, then trainers (reviewers 50, 51…) at `staff`, on one submission.
    static func scores(peers: [Int], staff: [Int]) -> [PeerScore] {
        GradingSamples.scores(peers) + staff.enumerated().map {
            PeerScore(submission: GradingSamples.submission, reviewer: GradingSamples.id(50 + $0.offset),
                      levels: [$0.element], byStaff: true)
        }
    }

    /// One peer and one trainer: entries {peer, trainer, trainer}, so the trainer's level (the
    /// plain median met half-way, 1 for 0 and 2).
    @Test(arguments: [(0, 2), (3, 1), (1, 0), (2, 2)])
    func onePeerAndOneTrainerTakeTheTrainersLevel(_ peer: Int, _ trainer: Int) {
        let grades = PeerGrading.grade(Self.scores(peers: [peer], staff: [trainer]), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [Double(trainer)])
    }

    /// Two peers and one trainer: four entries, which meet half-way between the middle two (the
    /// plain median was the middle review, 0 for 0, 0 and 3).
    @Test(arguments: [([0, 0], 3, 1.5), ([1, 3], 0, 0.5), ([3, 3], 0, 1.5), ([0, 3], 2, 2.0), ([1, 2], 3, 2.5)])
    func twoPeersAndOneTrainerTakeTheMedianOfFourEntries(_ peers: [Int], _ trainer: Int, _ expected: Double) {
        let grades = PeerGrading.grade(Self.scores(peers: peers, staff: [trainer]), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [expected])
    }

    /// "3 or fewer" counts reviews, not entries: 2 peers and 1 trainer (4 entries) still take the
    /// median, 0 here, where the weighted mean of 4 or more would give 1/6.
    @Test func theThresholdCountsReviewsLiterally() {
        let grades = PeerGrading.grade(Self.scores(peers: [0, 3], staff: [0]), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [0])
    }

    /// Without peers, or with staff only, counting each trainer twice changes no median.
    @Test(arguments: [([Int](), [2], 2.0), ([], [1, 3], 2.0), ([0], [2, 3], 2.0), ([3], [0, 1], 1.0)])
    func staffOnlyOrOnePeerAndTwoTrainers(_ peers: [Int], _ staff: [Int], _ expected: Double) {
        let grades = PeerGrading.grade(Self.scores(peers: peers, staff: staff), rubric: rubric)
        #expect(grades.grades[GradingSamples.submission] == [expected])
    }

    /// Read back in points: level 2 of 0, 2, 5, 10 points is 5 (half-way from level 0 was 2).
    @Test func theTrainersLevelIsReadInPoints() {
        let grades = PeerGrading.grade(Self.scores(peers: [0], staff: [2]), rubric: GradingSamples.uneven)
        #expect(grades.grades[GradingSamples.submission] == [5])
    }

    /// The weighted median of whole entries is the median of the list with staff values repeated.
    @Test func theMedianIsThatOfStaffValuesRepeated() async {
        // Levels in halves, staff or not, and a reliability weight that the median must ignore.
        let cases = Generator<[(level: Double, byStaff: Bool, weight: Double)], _> { rng in
            (0..<Int.random(in: 1...Consensus.medianUpTo, using: &rng)).map { _ in
                (Double(Int.random(in: 0...6, using: &rng)) / 2, Bool.random(using: &rng),
                 Double.random(in: PeerGrading.weightBounds, using: &rng))
            }
        }
        await propertyCheck(count: 300, input: cases) { reviews in
            let repeated = reviews.flatMap { Array(repeating: $0.level, count: PeerAllocation.worth(byStaff: $0.byStaff)) }
            let median = Consensus.combine(reviews.map(\.level), weights: reviews.map(\.weight),
                                           byStaff: reviews.map(\.byStaff))
            #expect(median == PeerGrading.median(repeated))
        }
    }

    /// A reviewer's accuracy is measured against the other reviews with the trainer counted
    /// twice: beside one peer at 0 and a trainer at 2, a peer at 2 is exact (it was compared with
    /// 1 and scored 50); the peer at 0, against 2 and 2, is two levels off.
    @Test func accuracyCountsTheTrainerTwice() {
        let grades = PeerGrading.grade(Self.scores(peers: [2, 0], staff: [2]), rubric: rubric)
        #expect(grades.reviewing[GradingSamples.id(1)]?.accuracy == 100)
        #expect(grades.reviewing[GradingSamples.id(2)]?.accuracy == 0)
        // The trainer, against peers at 2 and 0 (met half-way at 1), one level off.
        #expect(grades.reviewing[GradingSamples.id(50)]?.accuracy == 50)
    }

    /// Residuals are measured against the consensus of the other reviews by the same rule, so a
    /// peer reviewed beside one peer and one trainer is measured against the trainer alone: with
    /// an exact trainer on every submission, half the peers a level too lenient are found out
    /// exactly, and every grade is the true level.
    @Test func leniencyIsLearnedAgainstTheTrainer() {
        let truth = AggregationTests.truth
        let peers = GradingSamples.circle(8, k: 2) { reviewer, author in
            truth[author] + (reviewer < 4 ? 1 : 0)
        }
        let trainer = (0..<8).map {
            PeerScore(submission: GradingSamples.id(1000 + $0), reviewer: GradingSamples.id(99), levels: [truth[$0]], byStaff: true)
        }
        let grades = PeerGrading.grade(peers + trainer, rubric: rubric)
        for reviewer in 0..<8 {
            let leniency = grades.leniency[GradingSamples.id(reviewer)]?.first ?? .nan
            #expect(abs(leniency - (reviewer < 4 ? 1 : 0)) < 1e-9)
        }
        for author in 0..<8 {
            let grade = grades.grades[GradingSamples.id(1000 + author)]?.first ?? .nan
            #expect(abs(grade - Double(truth[author])) < 1e-9)
        }
    }
}
