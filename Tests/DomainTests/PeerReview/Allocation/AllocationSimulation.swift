import Foundation
import PropertyBased
@testable import Domain

/// A cohort going through one peer assignment, for the allocation properties: who submits when,
/// who takes part, who volunteers, the groups, and a seed for everything decided along the way.
struct AllocationScenario: Sendable, CustomStringConvertible {
    struct Learner: Sendable {
        /// Hours from the start; nil for one who never submits (they may still ask).
        var submitsAt: Double?
        /// Absent learners never review, and drop whatever is pushed to them.
        var present: Bool
        /// Reviews wanted beyond `k`.
        var extra: Int
        var volunteers: Bool
        var group: Int?
        /// Where the group is recorded: the pool's map, the submission, or both.
        var groupInPool: Bool
        var groupOnSubmission: Bool
    }

    var k: Int
    var learners: [Learner]
    /// `(k - 1) / 2` to `k + 1`: a staff review counts 2 toward k, so from k / 2 trainers (rounded
    /// up) they can complete a submission no peer reviewed, and with one fewer they cannot.
    var staff: Int
    var seed: UInt64

    var description: String {
        let submitted = learners.filter { $0.submitsAt != nil }
        return "k \(k), \(submitted.count) submit (\(submitted.filter { !$0.present }.count) absent, "
            + "\(submitted.filter { ($0.submitsAt ?? 0) > 180 }.count) late), \(learners.count - submitted.count) never, "
            + "\(learners.filter(\.volunteers).count) volunteer, groups \(learners.compactMap(\.group)), \(staff) staff, seed \(seed)"
    }

    static let cases = Generator<AllocationScenario, _> { rng in
        let k = Int.random(in: 1...4, using: &rng)
        let submitters = Int.random(in: (k + 1)...25, using: &rng)
        let absence = [0, 0.2, 0.5].randomElement(using: &rng)!
        let volunteering = [0, 0.3, 0.8].randomElement(using: &rng)!
        let groups = Bool.random(using: &rng) ? Int.random(in: 1...max(1, submitters / 2), using: &rng) : 0
        let learners = (0..<submitters + Int.random(in: 0...2, using: &rng)).map { index in
            let when = Double.random(in: 0..<1, using: &rng)
            let hour = when < 0.85 ? Double.random(in: 0..<180, using: &rng)
                : when < 0.95 ? Double.random(in: 180..<239, using: &rng) : Double.random(in: 240..<252, using: &rng)
            // On the simulation's grid (2:30, 6:30…), so that some hand in at the same time.
            return Learner(submitsAt: index < submitters ? (hour / 4).rounded(.down) * 4 + 2.5 : nil,
                           present: Double.random(in: 0..<1, using: &rng) >= absence,
                           extra: Int.random(in: 0..<5, using: &rng) == 0 ? Int.random(in: 1...3, using: &rng) : 0,
                           volunteers: Double.random(in: 0..<1, using: &rng) < volunteering,
                           group: groups > 0 && Bool.random(using: &rng) ? Int.random(in: 1...groups, using: &rng) : nil,
                           groupInPool: Bool.random(using: &rng), groupOnSubmission: Bool.random(using: &rng))
        }
        return AllocationScenario(k: k, learners: learners, staff: Int.random(in: (k - 1) / 2 ... k + 1, using: &rng),
                                  seed: UInt64.random(in: .min ... .max, using: &rng))
    }
}

/// Runs a scenario in steps of four hours up to hour 259, past the review deadline
/// (hour 240; push window 48 hours, so volunteers from 192 and trainers from 216; leases of 24
/// hours). At each step (hours 3, 7, 11…): the submissions of the last four hours arrive (they
/// come at 2:30, 6:30…); present learners who want more reviews ask with even chance, and
/// complete what they get or now and then drop it (they are away until its lease ends, even
/// past the deadline, which the staff phase must not wait for); at hour 239
/// each present learner asks until their share is done or they get nothing; from hour 187 the
/// push runs, trainers complete their to-dos at once and present volunteers most of the time.
struct AllocationSimulation {
    static let deadline = 240.0
    static let window = 48.0
    static let lease = 24.0
    static let step = 4
    static let end = 259
    static let lastCall = 239

    let scenario: AllocationScenario
    private(set) var pool: PeerPool
    /// When set, each call is made again with the same seed on the pool listed in reverse order,
    /// and every different answer is counted in `differences`.
    var replays = false
    private(set) var differences = 0
    private var random: SeededGenerator
    private var awayUntil: [Int: Int] = [:]
    private var rows: [AllocationOracle.Pair: Int] = [:]
    private let people: [UUID]
    private var completed: [Int: Int] = [:]
    private var submitted: Set<Int> = []

    init(_ scenario: AllocationScenario) {
        self.scenario = scenario
        random = SeededGenerator(seed: scenario.seed)
        people = scenario.learners.indices.map(Self.learner)
        var groups: [UUID: UUID] = [:]
        for (index, learner) in scenario.learners.enumerated() where learner.groupInPool || !learner.groupOnSubmission {
            if let group = learner.group { groups[people[index]] = AllocationSamples.group(group) }
        }
        pool = PeerPool(submissions: [], reviews: [], groups: groups, reviewsRequired: scenario.k)
    }

    static func learner(_ index: Int) -> UUID { AllocationSamples.person(index + 1) }
    var staff: [UUID] { (0..<scenario.staff).map { AllocationSamples.person(1001 + $0) } }
    var volunteers: [UUID] { scenario.learners.indices.filter { scenario.learners[$0].volunteers }.map(Self.learner) }

    /// Runs to the end; `pulled` sees each pull with the pool it was made on, `pushed` each run of
    /// the push, `stepDone` the pool after each step with the learners (indices) away then.
    mutating func run(pulled: (PeerPool, Date, UUID, UUID?) -> Void = { _, _, _, _ in },
                      pushed: (PeerPool, Date, [PeerAllocation.Push]) -> Void = { _, _, _ in },
                      stepDone: (Int, PeerPool, Set<Int>) -> Void = { _, _, _ in }) {
        for hour in stride(from: 3, through: Self.end, by: Self.step) {
            let now = AllocationSamples.at(Double(hour))
            arrive(by: hour)
            var asking: [Int] = []
            for index in scenario.learners.indices where scenario.learners[index].present && awayUntil[index, default: 0] <= hour {
                if hour == Self.lastCall || (wantsMore(index) && random.index(below: 2) == 0) { asking.append(index) }
            }
            random.shuffle(&asking)
            for index in asking {
                if hour == Self.lastCall {
                    while completed[index, default: 0] < scenario.k, ask(index, at: hour, now: now, pulled: pulled) {}
                } else {
                    _ = ask(index, at: hour, now: now, pulled: pulled)
                }
            }
            if hour >= 187 { push(at: now, pushed: pushed) }
            stepDone(hour, pool, Set(awayUntil.filter { $0.value > hour }.keys))
        }
    }

    private mutating func arrive(by hour: Int) {
        for (index, learner) in scenario.learners.enumerated() {
            guard let at = learner.submitsAt, at <= Double(hour), at > Double(hour - Self.step) else { continue }
            submitted.insert(index)
            pool.submissions.append(PeerPool.Submission(
                id: AllocationSamples.work(of: index + 1), author: people[index],
                group: learner.groupOnSubmission ? learner.group.map(AllocationSamples.group) : nil,
                submittedAt: AllocationSamples.at(at)))
        }
    }

    private var reversed: PeerPool {
        var pool = pool
        pool.submissions.reverse()
        pool.reviews.reverse()
        return pool
    }

    /// Before submitting, a learner asks only now and then (and is refused).
    private mutating func wantsMore(_ index: Int) -> Bool {
        guard submitted.contains(index) else { return random.index(below: 20) == 0 }
        return completed[index, default: 0] < scenario.k + scenario.learners[index].extra
    }

    /// Whether the learner was given something.
    private mutating func ask(_ index: Int, at hour: Int, now: Date, pulled: (PeerPool, Date, UUID, UUID?) -> Void) -> Bool {
        let reviewer = people[index]
        var again = random
        let given = PeerAllocation.next(for: reviewer, in: pool, now: now, using: &random)
        if replays, PeerAllocation.next(for: reviewer, in: reversed, now: now, using: &again) != given { differences += 1 }
        pulled(pool, now, reviewer, given)
        guard let given else { return false }
        let pair = AllocationOracle.Pair(reviewer: reviewer, submission: given)
        if let row = rows[pair], pool.reviews[row].counts(at: now) {
            pool.reviews[row].state = .completed(at: now)
            completed[index, default: 0] += 1
            return true
        }
        let ends = now + Self.lease * 3600
        let drops = random.index(below: 6) == 0
        start(PeerPool.Review(submission: given, reviewer: reviewer, state: drops ? .inProgress(leaseEnds: ends) : .completed(at: now)))
        if drops {
            awayUntil[index] = hour + Int(Self.lease)
        } else {
            completed[index, default: 0] += 1
        }
        return true
    }

    private mutating func push(at now: Date, pushed: (PeerPool, Date, [PeerAllocation.Push]) -> Void) {
        var again = random
        let made = pushes(in: pool, now: now, using: &random)
        if replays, pushes(in: reversed, now: now, using: &again) != made { differences += 1 }
        pushed(pool, now, made)
        for push in made {
            let index = people.firstIndex(of: push.reviewer)
            let completes = push.byStaff || (index.map { scenario.learners[$0].present } == true && random.index(below: 10) < 7)
            if completes, !push.byStaff, let index { completed[index, default: 0] += 1 }
            start(PeerPool.Review(submission: push.submission, reviewer: push.reviewer,
                                  state: completes ? .completed(at: now) : .inProgress(leaseEnds: push.leaseEnds), byStaff: push.byStaff))
        }
    }

    private func pushes(in pool: PeerPool, now: Date, using random: inout SeededGenerator) -> [PeerAllocation.Push] {
        PeerAllocation.pushes(in: pool, now: now, deadline: AllocationSamples.at(Self.deadline), pushWindow: Self.window * 3600,
                              lease: Self.lease * 3600, volunteers: volunteers, staff: staff, using: &random)
    }

    /// One row per pair: a lease given back replaces the ended one, as the app does.
    private mutating func start(_ review: PeerPool.Review) {
        let pair = AllocationOracle.Pair(reviewer: review.reviewer, submission: review.submission)
        if let row = rows[pair] {
            pool.reviews[row] = review
        } else {
            rows[pair] = pool.reviews.count
            pool.reviews.append(review)
        }
    }
}
