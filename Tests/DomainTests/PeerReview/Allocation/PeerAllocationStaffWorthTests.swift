import Foundation
import Testing
@testable import Domain

/// A staff review, completed or a to-do whose lease has not ended, counts 2 toward k, as grading
/// weighs it; a peer's counts 1. The push clock is `PeerAllocationPushTests`': trainers (people
/// 101…) from hour 216; pulls happen at hour 100.
@Suite struct PeerAllocationStaffWorthTests {
    typealias S = AllocationSamples
    typealias Given = PeerAllocationPushTests.Given

    static func pushes(_ pool: PeerPool, at hours: Double, staff: [Int]) -> [PeerAllocation.Push] {
        PeerAllocationPushTests.pushes(pool, at: hours, staff: staff)
    }

    @Test func aStaffReviewIsWorthWhatGradingWeighsIt() {
        #expect(PeerAllocation.staffReviewWorth == 2)
        #expect(Double(PeerAllocation.staffReviewWorth) == PeerGrading.weightBounds.upperBound)
        #expect(PeerAllocation.worth(byStaff: true) == 2)
        #expect(PeerAllocation.worth(byStaff: false) == 1)
    }

    @Test(arguments: [(0, 0, 0), (3, 0, 3), (0, 1, 2), (1, 1, 3), (0, 2, 4), (2, 1, 4)])
    func reviewsTowardK(peer: Int, staff: Int, expected: Int) {
        #expect(PeerAllocation.reviewsTowardK(peer: peer, staff: staff) == expected)
    }

    /// k = 3 and three trainers free: 1's work, with `peerReviews` completed peer reviews (by 2,
    /// 3, 4 in turn), gets two to-dos with none, one with one or two, none with three. 2's to 4's
    /// work is at k. Under a rule counting a staff review 1, it would get three, two, one, none.
    @Test(arguments: [(0, 2), (1, 1), (2, 1), (3, 0)])
    func trainerToDosForWhatPeersLeft(peerReviews: Int, expected: Int) {
        var reviews = (2...4).prefix(peerReviews).map { S.completed(by: $0, of: 1) }
        for author in 2...4 {
            reviews += (1...4).filter { $0 != author }.map { S.completed(by: $0, of: author) }
        }
        let made = Self.pushes(S.pool(authors: 4, k: 3, reviews: reviews), at: 216, staff: [101, 102, 103])
        #expect(made.count == expected)
        #expect(made.allSatisfy { $0.byStaff && $0.submission == S.work(of: 1) })
        #expect(Set(made.map(\.reviewer)).count == made.count)
    }

    /// 1 and 2 are in one group, so no peer may review either's work. With k = 3 and two
    /// trainers, each gets both trainers, and once they have reviewed it the work is at k: a
    /// third trainer is not asked on a later run.
    @Test func twoTrainersBringWorkNoPeerMayReviewToK() {
        let pool = S.pool(authors: 2, k: 3, groups: [1: 1, 2: 1])
        let made = Self.pushes(pool, at: 216, staff: [101, 102])
        #expect(PeerAllocationPushTests.given(made) == [Given(author: 1, reviewer: 101, byStaff: true),
                                                        Given(author: 1, reviewer: 102, byStaff: true),
                                                        Given(author: 2, reviewer: 101, byStaff: true),
                                                        Given(author: 2, reviewer: 102, byStaff: true)])
        var reviewed = pool
        reviewed.reviews = made.map {
            PeerPool.Review(submission: $0.submission, reviewer: $0.reviewer, state: .completed(at: S.at(220)), byStaff: true)
        }
        #expect(Self.pushes(reviewed, at: 221, staff: [101, 102, 103]).isEmpty)
        #expect(PeerAllocation.reviewsTowardK(peer: 0, staff: 2) >= pool.reviewsRequired)
    }

    /// A staff to-do whose lease has not ended counts 2 as a completed staff review does: with
    /// one peer review, 1's work is at k = 3; once the to-do's lease ended, it needs another.
    @Test(arguments: [(230.0, 0), (210.0, 1)])
    func anUnexpiredStaffToDoCountsTwo(leaseEnds: Double, expected: Int) {
        let pool = S.pool(authors: 1, k: 3, reviews: [S.completed(by: 2, of: 1), S.leased(by: 101, of: 1, until: leaseEnds, byStaff: true)])
        #expect(Self.pushes(pool, at: 216, staff: [101, 102]).count == expected)
    }

    /// Fewest reviews first, a staff review counting 2: 2's work has one staff review, 3's one
    /// peer review, so 3's needs reviews more (counting each review 1, they would tie and the
    /// older 2's would go first).
    @Test(arguments: [S.completed(by: 101, of: 2, byStaff: true), S.leased(by: 101, of: 2, until: 120, byStaff: true)])
    func pullsSeeAStaffReviewAsTwo(staffReview: PeerPool.Review) {
        let pool = S.pool(authors: 3, k: 3, reviews: [staffReview, S.completed(by: 4, of: 3)])
        #expect(S.next(for: 1, in: pool) == 3)
    }

    /// A staff review never counts toward a learner's share, whatever it counts for the work.
    @Test func aStaffReviewIsNoPartOfAShare() {
        let pool = S.pool(authors: 3, k: 2, reviews: [S.completed(by: 1, of: 2, byStaff: true), S.completed(by: 1, of: 3)])
        #expect(PeerAllocation.share(of: S.person(1), in: pool, now: S.at(100))
            == PeerAllocation.Share(completed: 1, inProgress: 0, required: 2))
    }
}
