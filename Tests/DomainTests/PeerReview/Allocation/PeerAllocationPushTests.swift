import Foundation
import Testing
@testable import Domain

/// `pushes`, one rule at a time. The review deadline is hour 240 and the push window 48 hours:
/// volunteers from hour 192, trainers (people 101…) from hour 216. Leases last 24 hours.
@Suite struct PeerAllocationPushTests {
    typealias S = AllocationSamples

    /// A push as numbers: whose submission, who reviews it, as staff or not.
    struct Given: Hashable, CustomStringConvertible {
        var author: Int
        var reviewer: Int
        var byStaff: Bool
        var description: String { "\(author)←\(reviewer)\(byStaff ? " staff" : "")" }
    }

    static func pushes(_ pool: PeerPool, at hours: Double, volunteers: [Int] = [], staff: [Int] = [],
                       seed: UInt64 = 3) -> [PeerAllocation.Push] {
        var random = SeededGenerator(seed: seed)
        return PeerAllocation.pushes(in: pool, now: S.at(hours), deadline: S.at(240), pushWindow: 48 * 3600,
                                     lease: 24 * 3600, volunteers: volunteers.map(S.person), staff: staff.map(S.person),
                                     using: &random)
    }

    static func given(_ pushes: [PeerAllocation.Push]) -> Set<Given> {
        Set(pushes.map { Given(author: S.author(of: $0.submission)!, reviewer: S.author(of: $0.reviewer)!, byStaff: $0.byStaff) })
    }

    /// 1 has done their share (k = 1), 3 has not.
    static let oneHasDoneTheirShare = S.pool(authors: 3, k: 1, reviews: [S.completed(by: 1, of: 2)])

    @Test func nothingBeforeTheWindow() {
        #expect(Self.pushes(Self.oneHasDoneTheirShare, at: 191.9, volunteers: [1], staff: [101, 102]).isEmpty)
        #expect(!Self.pushes(Self.oneHasDoneTheirShare, at: 192, volunteers: [1], staff: [101, 102]).isEmpty)
    }

    /// 3 volunteers but has not done their share; 1's own submission has no volunteer left, so
    /// it waits for the staff phase. The volunteer's lease ends when the staff phase begins.
    @Test func volunteersMustHaveDoneTheirShare() {
        let made = Self.pushes(Self.oneHasDoneTheirShare, at: 200, volunteers: [1, 3], staff: [101])
        #expect(Self.given(made) == [Given(author: 3, reviewer: 1, byStaff: false)])
        #expect(made.first?.leaseEnds == S.at(216))
    }

    /// Work no volunteer may take waits for the staff phase: a to-do would count as two reviews
    /// and turn the peers' pulls away from it. From hour 216 the trainers take it, leases of 24
    /// hours: one to-do each, worth 2, brings the three submissions to k = 2.
    @Test(arguments: [(192.0, 0), (215.9, 0), (216.0, 3), (240.0, 3)])
    func nothingGoesToTheStaffBeforeTheStaffPhase(hours: Double, expected: Int) {
        let made = Self.pushes(S.pool(authors: 3), at: hours, volunteers: [1, 2, 3], staff: [101, 102])
        #expect(made.count == expected)
        #expect(made.allSatisfy { $0.byStaff && $0.leaseEnds == S.at(hours + 24) })
    }

    @Test func aVolunteerWhoHasNotSubmittedIsNotAsked() {
        let pool = S.pool(authors: 2, k: 1, reviews: [S.completed(by: 9, of: 1)])
        #expect(Self.given(Self.pushes(pool, at: 200, volunteers: [9])).isEmpty)
    }

    /// 1 holds a lease on 3's work, so 4's waits for them; 1's own waits for the staff phase.
    @Test func busyVolunteersAreWaitedForInTheVolunteerPhase() {
        let pool = S.pool(authors: 4, k: 1, reviews: [S.completed(by: 1, of: 2), S.leased(by: 1, of: 3, until: 210)])
        #expect(Self.pushes(pool, at: 200, volunteers: [1], staff: [101]).isEmpty)
    }

    @Test func theStaffPhaseGoesToTrainersOnly() {
        let made = Self.given(Self.pushes(Self.oneHasDoneTheirShare, at: 216, volunteers: [1], staff: [101]))
        #expect(made == [Given(author: 1, reviewer: 101, byStaff: true), Given(author: 3, reviewer: 101, byStaff: true)])
    }

    /// 101 already has two staff reviews, so 102 takes the first two, then one each.
    @Test(arguments: UInt64(0)..<8)
    func trainersWithFewestStaffReviewsFirst(seed: UInt64) {
        let pool = S.pool(authors: 6, k: 1, reviews: [S.completed(by: 101, of: 5, byStaff: true),
                                                   S.completed(by: 101, of: 6, byStaff: true)])
        let made = Self.pushes(pool, at: 216, staff: [101, 102], seed: seed)
        #expect(made.count == 4)
        #expect(made.prefix(2).allSatisfy { $0.reviewer == S.person(102) })
        #expect(made.filter { $0.reviewer == S.person(101) }.count == 1)
    }

    /// 101 has the fewest staff reviews but already reviewed 1's work, which needs one more
    /// trainer to reach k = 3 (its staff review counts 2); 2's to 4's have two staff reviews each.
    @Test(arguments: UInt64(0)..<8)
    func aTrainerNeverReviewsTheSameSubmissionTwice(seed: UInt64) {
        var reviews = [S.completed(by: 101, of: 1, byStaff: true)]
        for author in 2...4 {
            reviews += [S.completed(by: 102, of: author, byStaff: true), S.completed(by: 103, of: author, byStaff: true)]
        }
        let made = Self.pushes(S.pool(authors: 4, k: 3, reviews: reviews), at: 216, staff: [101, 102, 103], seed: seed)
        #expect(made.count == 1)
        #expect(made.allSatisfy { $0.submission == S.work(of: 1) && $0.reviewer != S.person(101) })
    }

    /// 101's to-do on 1's work lapsed: another trainer first, 101 again only when alone.
    @Test func anEndedStaffLeaseGoesToAnotherTrainerFirst() {
        let reviews = [S.leased(by: 101, of: 1, until: 210, byStaff: true)] + (2...4).map { S.completed(by: 102, of: $0, byStaff: true) }
        let pool = S.pool(authors: 4, k: 1, reviews: reviews)
        let forOne = { (staff: [Int]) in Self.given(Self.pushes(pool, at: 216, staff: staff)).filter { $0.author == 1 } }
        #expect(forOne([101, 102]) == [Given(author: 1, reviewer: 102, byStaff: true)])
        #expect(forOne([101]) == [Given(author: 1, reviewer: 101, byStaff: true)])
    }

    /// A peer's lease counts in the volunteer phase, not in the staff phase: a learner who pulled
    /// 1's work an hour before the deadline may abandon it after the last run. 2's lease is a
    /// volunteer's, pushed at hour 200: it has ended by the staff phase.
    @Test(arguments: [(200.0, 250.0, 0), (216.0, 250.0, 1), (239.0, 262.0, 1), (239.0, 238.0, 1)])
    func aPeersLeaseCountsOnlyInTheVolunteerPhase(hours: Double, leaseEnds: Double, expected: Int) {
        let pool = S.pool(authors: 3, k: 2, reviews: [S.completed(by: 2, of: 1), S.leased(by: 3, of: 1, until: leaseEnds),
                                                   S.completed(by: 1, of: 2), S.completed(by: 3, of: 2),
                                                   S.completed(by: 1, of: 3), S.completed(by: 2, of: 3)])
        let made = Self.pushes(pool, at: hours, volunteers: [1, 2, 3], staff: [101])
        #expect(Self.given(made) == Set(expected == 0 ? [] : [Given(author: 1, reviewer: 101, byStaff: true)]))
    }

    /// Completed reviews and live staff to-dos count; an ended to-do does not.
    @Test(arguments: [(230.0, 0), (210.0, 1)])
    func onlyShortSubmissionsArePushed(leaseEnds: Double, expected: Int) {
        let pool = S.pool(authors: 2, k: 2, reviews: [S.completed(by: 2, of: 1), S.leased(by: 101, of: 1, until: leaseEnds, byStaff: true),
                                                   S.completed(by: 1, of: 2), S.completed(by: 102, of: 2, byStaff: true)])
        #expect(Self.pushes(pool, at: 216, staff: [101, 102, 103]).count == expected)
    }

    /// After the deadline, straight to the trainers, who may take several at once: one to-do
    /// (worth 2) brings each late submission to k = 2.
    @Test func aSubmissionAfterTheDeadlineIsPushedAtOnce() {
        var pool = S.pool(authors: 3, k: 2, reviews: [S.completed(by: 1, of: 2), S.completed(by: 1, of: 3), S.completed(by: 2, of: 1),
                                                   S.completed(by: 2, of: 3), S.completed(by: 3, of: 1), S.completed(by: 3, of: 2)])
        pool.submissions += [S.submitted(4, at: 250), S.submitted(5, at: 250)]
        let made = Self.given(Self.pushes(pool, at: 250, volunteers: [1, 2, 3], staff: [101]))
        #expect(made == [Given(author: 4, reviewer: 101, byStaff: true), Given(author: 5, reviewer: 101, byStaff: true)])
    }

    /// A submission handed in during the volunteer phase is offered to a volunteer at once.
    @Test func aSubmissionInTheWindowIsOfferedAtOnce() {
        var pool = S.pool(authors: 2, k: 1, reviews: [S.completed(by: 1, of: 2), S.completed(by: 2, of: 1)])
        pool.submissions.append(S.submitted(3, at: 199))
        #expect(Self.given(Self.pushes(pool, at: 199, volunteers: [1], staff: [101])) == [Given(author: 3, reviewer: 1, byStaff: false)])
    }

    /// One free volunteer (5) goes where reviews are fewest (4's), not to the older 3's.
    @Test func aScarceVolunteerGoesToTheNeediest() {
        let pool = S.pool(authors: 5, k: 2, reviews: [S.completed(by: 5, of: 1), S.completed(by: 5, of: 2), S.completed(by: 1, of: 3)])
        let made = Self.pushes(pool, at: 200, volunteers: [5], staff: [101])
        #expect(made.filter { !$0.byStaff }.map { S.author(of: $0.submission) } == [4])
    }

    /// Both may review 4's work; 2 has done fewer reviews than 1.
    @Test func volunteersWithFewestReviewsFirst() {
        let pool = S.pool(authors: 4, k: 1, reviews: [S.completed(by: 1, of: 2), S.completed(by: 1, of: 3), S.completed(by: 2, of: 3),
                                                   S.completed(by: 3, of: 1)])
        let made = Self.pushes(pool, at: 200, volunteers: [1, 2], staff: [101])
        #expect(Self.given(made) == [Given(author: 4, reviewer: 2, byStaff: false)])
    }

    @Test func withoutTrainersNothingIsForcedOnVolunteers() {
        #expect(Self.pushes(S.pool(authors: 3), at: 220, volunteers: [1, 2, 3]).isEmpty)
    }
}
