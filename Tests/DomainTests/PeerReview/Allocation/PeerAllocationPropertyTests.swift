import Foundation
import PropertyBased
import Testing
@testable import Domain

/// Simulated assignments (`AllocationSimulation`): k+1…25 learners submit at random times, some
/// late, some absent, some in groups, some volunteering; present ones pull and mostly complete,
/// the push runs through the window and trainers complete their to-dos.
@Suite struct PeerAllocationPropertyTests {
    typealias Sim = AllocationSimulation
    static let count = 200

    /// Each pull against the rules: a non-submitter gets nil; a held lease is resumed (the one
    /// ending first); otherwise never their own, never their group's, never a live pair, a lapsed
    /// pair only when no fresh one is open, and the pick is first by (fewest reviews, not
    /// reciprocal, oldest) among the open ones.
    ///
    /// Load spread, as tested: a learner who has submitted and holds no live lease gets nil only
    /// when no submission is open to them (none that is not theirs, not their group's and without
    /// a live review of theirs). So nobody is kept waiting while another reviewer takes more: the
    /// strongest form of "no reviewer gets more than one above the mean while another who asked
    /// got nil" that groups allow (a learner in a large group may run out of submissions they may
    /// review while others go on). With one lease at a time (tested below), nobody hoards either.
    @Test func pullsFollowTheRules() async {
        await propertyCheck(count: Self.count, input: AllocationScenario.cases) { scenario in
            var sim = Sim(scenario)
            sim.run(pulled: Self.checkPull)
        }
    }

    /// Each run of the push against the rules: nothing before the window; only short submissions
    /// (reviews toward k, a staff one counting 2; in the staff phase completed reviews and staff
    /// to-dos only, not peers' leases), so never a to-do beyond what brings work to k;
    /// never own, group or a live pair; volunteers only in the first half, only qualified (submitted,
    /// share done), free and with the fewest peer reviews among those who may take it, with a lease
    /// that ends by the staff phase; trainers only from the staff phase on, and always one with the
    /// fewest staff reviews among those who may; after a run in the first half, nothing is left
    /// short that a free qualified volunteer may take, and in the second half nothing that some
    /// trainer may still take.
    @Test func pushesFollowTheRules() async {
        await propertyCheck(count: Self.count, input: AllocationScenario.cases) { scenario in
            var sim = Sim(scenario)
            let volunteers = sim.volunteers
            let staff = sim.staff
            sim.run(pushed: { pool, now, made in
                Self.checkPushes(pool, now: now, made: made, volunteers: volunteers, staff: staff)
            })
        }
    }

    /// The outcome, step by step:
    /// - never self, never own group, never the same pair twice (one row per pair, a lapsed lease
    ///   given back replacing its row), and never two live peer leases for one person;
    /// - at the last step before the deadline (hour 239) every submission handed in before it has
    ///   `k` completed reviews toward k (a staff one counting 2), and at the end of the run (hour
    ///   259) so have the ones handed in after it, though learners drop pulled work up to the end
    ///   (leases running past the deadline); a submission short at those steps has been reviewed
    ///   by every trainer, and so only when the trainers together count less than `k`;
    /// - at hour 239 every present learner who submitted in time, and is not away after dropping
    ///   a review, has done their share, or every review they may do.
    @Test func everySubmissionReachesKWithoutSelfGroupOrPairTwice() async {
        await propertyCheck(count: Self.count, input: AllocationScenario.cases) { scenario in
            var sim = Sim(scenario)
            sim.run(stepDone: { hour, pool, away in
                let now = AllocationSamples.at(Double(hour))
                var leases: [UUID: Int] = [:]
                for review in pool.reviews where !review.byStaff && !review.isCompleted && review.counts(at: now) {
                    leases[review.reviewer, default: 0] += 1
                }
                #expect(leases.values.allSatisfy { $0 <= 1 })
                guard hour == Sim.lastCall || hour == Sim.end else { return }
                let oracle = AllocationOracle(pool, now: now)
                let pairs = pool.reviews.map { AllocationOracle.Pair(reviewer: $0.reviewer, submission: $0.submission) }
                #expect(Set(pairs).count == pairs.count)
                for review in pool.reviews {
                    #expect(!oracle.isOwnOrGroup(review.reviewer, oracle.submission(review.submission)!))
                }
                for submission in pool.submissions {
                    let done = pool.reviews.filter { $0.submission == submission.id && $0.isCompleted }
                    let byStaff = done.filter(\.byStaff)
                    let trainers = Set(byStaff.map(\.reviewer))
                    let towardK = done.count - byStaff.count + byStaff.count * AllocationOracle.staffWorth
                    guard towardK < scenario.k else { continue }
                    #expect(scenario.staff * AllocationOracle.staffWorth < scenario.k && trainers.count == scenario.staff,
                            "\(submission.submittedAt) has \(done.count) (\(towardK) toward k) at hour \(hour), \(trainers.count) by staff")
                }
                guard hour == Sim.lastCall else { return }
                let inTime = scenario.learners.indices.filter {
                    scenario.learners[$0].present && scenario.learners[$0].submitsAt ?? .infinity < Sim.deadline
                        && !away.contains($0)
                }
                for index in inTime {
                    let person = Sim.learner(index)
                    let open = pool.submissions.filter { !oracle.isOwnOrGroup(person, $0) }.count
                    #expect(oracle.completedPeerReviews(of: person) >= min(scenario.k, open))
                }
            })
        }
    }

    /// Every pull and push gives the same answer again for the same seed, on the pool listed in
    /// reverse order: the allocation depends on the seed, not on the order rows were loaded in.
    @Test func aSeedGivesTheSameAnswerWhateverTheOrder() async {
        await propertyCheck(count: Self.count, input: AllocationScenario.cases) { scenario in
            var sim = Sim(scenario)
            sim.replays = true
            sim.run()
            #expect(sim.differences == 0)
        }
    }

    static func checkPull(_ pool: PeerPool, now: Date, reviewer: UUID, given: UUID?) {
        let oracle = AllocationOracle(pool, now: now)
        guard oracle.hasSubmitted(reviewer) else {
            #expect(given == nil)
            return
        }
        if let held = oracle.leases(of: reviewer).min(by: { $0.ends < $1.ends }) {
            #expect(given == held.submission)
            return
        }
        let open = pool.submissions.filter { oracle.mayReview(reviewer, $0) }
        guard let given else {
            #expect(open.isEmpty, "refused while \(open.count) are open to them")
            return
        }
        guard let chosen = oracle.submission(given) else {
            Issue.record("gave a submission not in the pool")
            return
        }
        #expect(!oracle.isOwnOrGroup(reviewer, chosen))
        #expect(!oracle.isLive(reviewer, given))
        let fresh = open.filter { !oracle.isLapsed(reviewer, $0) }
        let candidates = fresh.isEmpty ? open : fresh
        #expect(candidates.contains(chosen))
        let rank = { (submission: PeerPool.Submission) in
            (oracle.count(of: submission.id), oracle.isReciprocal(reviewer, submission) ? 1 : 0, submission.submittedAt)
        }
        let chosenRank = rank(chosen)
        #expect(candidates.allSatisfy { chosenRank <= rank($0) })
    }

    static func checkPushes(_ pool: PeerPool, now: Date, made: [PeerAllocation.Push], volunteers: [UUID], staff: [UUID]) {
        let lease = Sim.lease * 3600
        let staffPhase = AllocationSamples.at(Sim.deadline - Sim.window / 2)
        guard now >= AllocationSamples.at(Sim.deadline - Sim.window) else {
            #expect(made.isEmpty)
            return
        }
        let oracle = AllocationOracle(pool, now: now)
        let inStaffPhase = now >= staffPhase
        let reviews = { (submission: UUID) in inStaffPhase ? oracle.firmCount(of: submission) : oracle.count(of: submission) }
        let qualified = volunteers.filter { oracle.hasSubmitted($0) && oracle.completedPeerReviews(of: $0) >= pool.reviewsRequired }
        for push in made {
            guard let submission = oracle.submission(push.submission) else {
                Issue.record("pushed a submission not in the pool")
                continue
            }
            #expect(reviews(submission.id) < pool.reviewsRequired)
            #expect(oracle.mayReview(push.reviewer, submission))
            let fitting = { (people: [UUID]) in people.filter { oracle.mayReview($0, submission) } }
            if push.byStaff {
                #expect(staff.contains(push.reviewer))
                #expect(push.leaseEnds == now + lease)
                #expect(inStaffPhase)
                let rank = { (person: UUID) in (oracle.isLapsed(person, submission) ? 1 : 0, oracle.staffLoad(of: person)) }
                #expect(fitting(staff).allSatisfy { rank(push.reviewer) <= rank($0) })
            } else {
                #expect(now < staffPhase)
                #expect(qualified.contains(push.reviewer))
                #expect(oracle.leases(of: push.reviewer).isEmpty)
                #expect(push.leaseEnds == min(now + lease, staffPhase))
                let free = fitting(qualified).filter { oracle.leases(of: $0).isEmpty }
                let rank = { (person: UUID) in (oracle.isLapsed(person, submission) ? 1 : 0, oracle.completedPeerReviews(of: person)) }
                #expect(free.allSatisfy { rank(push.reviewer) <= rank($0) })
            }
            oracle.add(PeerPool.Review(submission: push.submission, reviewer: push.reviewer,
                                       state: .inProgress(leaseEnds: push.leaseEnds), byStaff: push.byStaff))
        }
        for submission in pool.submissions where reviews(submission.id) < pool.reviewsRequired {
            if inStaffPhase {
                #expect(!staff.contains { oracle.mayReview($0, submission) })
            } else {
                #expect(!qualified.contains { oracle.mayReview($0, submission) && oracle.leases(of: $0).isEmpty })
            }
        }
    }
}
