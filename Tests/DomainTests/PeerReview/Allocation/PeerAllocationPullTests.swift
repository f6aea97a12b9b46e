import Foundation
import Testing
@testable import Domain

/// `next` and `share`, one rule at a time. People are numbers; submission `n` is person `n`'s,
/// handed in at hour `n`; pulls happen at hour 100.
@Suite struct PeerAllocationPullTests {
    typealias S = AllocationSamples

    @Test func neverTheirOwn() {
        #expect(S.next(for: 1, in: S.pool(authors: 1)) == nil)
        #expect(S.next(for: 2, in: S.pool(authors: 2)) == 1)
    }

    /// The group comes from the pool, or from the submission, for the author and the reviewer alike.
    @Test(arguments: [
        (PeerPool(submissions: [S.submitted(1, at: 1), S.submitted(2, at: 2), S.submitted(3, at: 3)], reviews: [],
                  groups: [S.person(1): S.group(1), S.person(2): S.group(1)], reviewsRequired: 2), 3),
        (PeerPool(submissions: [S.submitted(1, at: 1), S.submitted(2, at: 2, group: 1), S.submitted(3, at: 3)], reviews: [],
                  groups: [S.person(1): S.group(1)], reviewsRequired: 2), 3),
        (PeerPool(submissions: [S.submitted(1, at: 1, group: 1), S.submitted(2, at: 2, group: 1), S.submitted(3, at: 3)],
                  reviews: [], reviewsRequired: 2), 3),
    ])
    func neverTheirOwnGroup(pool: PeerPool, expected: Int) {
        #expect(S.next(for: 1, in: pool) == expected)
        #expect(S.next(for: 3, in: pool) != nil)
    }

    @Test func aGroupOfEveryoneLeavesNothing() {
        let pool = S.pool(authors: 3, groups: [1: 1, 2: 1, 3: 1])
        #expect(S.next(for: 1, in: pool) == nil)
    }

    /// A completed review or a live lease by the reviewer rules the submission out, however
    /// much it needs reviews.
    @Test func neverTheSamePairTwice() {
        let others = [S.completed(by: 4, of: 3), S.completed(by: 5, of: 3)]
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [S.completed(by: 1, of: 2)] + others)) == 3)
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [S.completed(by: 1, of: 2), S.completed(by: 1, of: 3)])) == nil)
    }

    @Test func fewestReviewsFirst() {
        let pool = S.pool(authors: 4, reviews: [S.completed(by: 3, of: 2), S.leased(by: 4, of: 3, until: 120)])
        #expect(S.next(for: 1, in: pool) == 4)
    }

    @Test func oldestFirstAmongEquals() {
        #expect(S.next(for: 3, in: S.pool(authors: 5)) == 1)
        #expect(S.next(for: 1, in: S.pool(authors: 5)) == 2)
    }

    /// 2 reviews 1's work, so 1 gets 3's (younger) rather than 2's; unless 2's is the only one,
    /// or the only one with the fewest reviews.
    @Test func reciprocalPairsAvoidedAtTheSamePriority() {
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [S.completed(by: 2, of: 1)])) == 3)
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [S.leased(by: 2, of: 1, until: 120)])) == 3)
        #expect(S.next(for: 1, in: S.pool(authors: 2, reviews: [S.completed(by: 2, of: 1)])) == 2)
        let fewer = S.pool(authors: 4, reviews: [S.completed(by: 2, of: 1), S.completed(by: 4, of: 3), S.completed(by: 3, of: 4)])
        #expect(S.next(for: 1, in: fewer) == 2)
    }

    /// An ended lease no longer reviews 2's work: back in the pool, and oldest.
    @Test(arguments: [(99.0, 2), (101.0, 3)])
    func endedLeasesReturnToThePool(leaseEnds: Double, expected: Int) {
        let pool = S.pool(authors: 3, reviews: [S.leased(by: 3, of: 2, until: leaseEnds)])
        #expect(S.next(for: 1, in: pool) == expected)
    }

    /// Their own ended lease is neither resumed nor given back while something else fits.
    @Test func anEndedLeaseOfTheirsIsGivenBackOnlyWhenNothingElseFits() {
        let ended = S.leased(by: 1, of: 2, until: 99)
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [ended, S.completed(by: 4, of: 3), S.completed(by: 5, of: 3)])) == 3)
        #expect(S.next(for: 1, in: S.pool(authors: 2, reviews: [ended])) == 2)
        #expect(S.next(for: 1, in: S.pool(authors: 3, reviews: [ended, S.completed(by: 1, of: 3)])) == 2)
    }

    /// One lease at a time: the held one comes back, not the one that most needs reviews.
    @Test func aHeldLeaseIsResumed() {
        let pool = S.pool(authors: 4, reviews: [S.leased(by: 1, of: 4, until: 101), S.completed(by: 2, of: 4)])
        #expect(S.next(for: 1, in: pool) == 4)
        let two = S.pool(authors: 4, reviews: [S.leased(by: 1, of: 4, until: 130), S.leased(by: 1, of: 3, until: 110)])
        #expect(S.next(for: 1, in: two) == 3)
    }

    /// Staff to-dos are not a learner's lease: a learner who is also listed as staff still pulls.
    @Test func aStaffLeaseIsNotResumedByAPull() {
        let pool = S.pool(authors: 3, reviews: [S.leased(by: 1, of: 3, until: 120, byStaff: true)])
        #expect(S.next(for: 1, in: pool) == 2)
    }

    @Test func aLearnerWhoHasNotSubmittedGetsNothing() {
        #expect(S.next(for: 9, in: S.pool(authors: 4)) == nil)
    }

    @Test func aLearnerMayReviewBeyondTheirShare() {
        let pool = S.pool(authors: 4, k: 1, reviews: [S.completed(by: 1, of: 2), S.completed(by: 3, of: 2)])
        #expect(S.next(for: 1, in: pool) == 3)
    }

    /// Equal submissions (same count, same time) go to the seed: the same every time for one
    /// seed, each of them for some seed, whatever order the pool lists them in.
    @Test func tiesGoToTheSeed() {
        var pool = S.pool(authors: 4)
        for i in pool.submissions.indices { pool.submissions[i].submittedAt = S.at(1) }
        var reversed = pool
        reversed.submissions.reverse()
        var seen = Set<Int?>()
        for seed in UInt64(0)..<40 {
            let chosen = S.next(for: 1, in: pool, seed: seed)
            #expect(S.next(for: 1, in: pool, seed: seed) == chosen)
            #expect(S.next(for: 1, in: reversed, seed: seed) == chosen)
            seen.insert(chosen)
        }
        #expect(seen == [2, 3, 4])
    }

    /// Peer reviews only: staff reviews and ended leases are not part of a share.
    @Test func shareCountsPeerReviews() {
        let pool = S.pool(authors: 5, reviews: [
            S.completed(by: 1, of: 2), S.completed(by: 1, of: 3), S.leased(by: 1, of: 4, until: 120),
            S.leased(by: 1, of: 5, until: 90), S.completed(by: 1, of: 5, byStaff: true),
        ])
        let share = PeerAllocation.share(of: S.person(1), in: pool, now: S.at(100))
        #expect(share == PeerAllocation.Share(completed: 2, inProgress: 1, required: 2))
        #expect(share.isDone)
        #expect(!PeerAllocation.share(of: S.person(2), in: pool, now: S.at(100)).isDone)
    }
}
