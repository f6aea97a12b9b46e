import Domain
import Foundation

/// One review handed in, as grading and the report read it.
struct CompletedReview {
    /// The learner whose work it assesses.
    var author: Int
    var reviewer: UUID
    /// The peer reviewer's kind; nil for a trainer.
    var kind: ReviewerKind?
    var levels: [Int]
    var at: Date

    var byStaff: Bool { kind == nil }
}

/// What one simulated cohort produced.
struct CohortOutcome {
    var learners: [Learner]
    var submissionIDs: [UUID]
    /// In the order they were handed in.
    var reviews: [CompletedReview]
    /// Per learner, the peer reviews they completed.
    var peerReviews: [Int]
    /// Submissions short of k at the review deadline (completed reviews toward k, a staff one
    /// counting `PeerAllocation.staffReviewWorth` as allocation counts it), by cause: every trainer
    /// has reviewed it already, so no push can reach it (nor any volunteer, or it would have);
    /// else a peer's lease that ended after the last push run before the deadline, or runs past
    /// it (a lease counts as a review, so the submission was not pushed while it ran).
    var shortWithLease: Int
    var shortWithoutReviewer: Int
    /// Staff to-dos pushed before the staff phase, because no volunteer qualified.
    var earlyStaff: Int
    /// Reviews pushed to volunteers, and how many of them they completed.
    var volunteerPushes: Int
    var volunteerReviews: Int

    /// Per submission, its completed reviews (peer and staff) at `time`, each counting 1.
    func counts(at time: Date) -> [Int] { counts(at: time) { _ in 1 } }

    /// Per submission, its completed reviews toward k at `time`, as allocation counts them: a
    /// staff one `PeerAllocation.staffReviewWorth`, a peer's 1.
    func towardK(at time: Date) -> [Int] { counts(at: time) { PeerAllocation.worth(byStaff: $0.byStaff) } }

    private func counts(at time: Date, worth: (CompletedReview) -> Int) -> [Int] {
        var counts = Array(repeating: 0, count: learners.count)
        for review in reviews where review.at <= time { counts[review.author] += worth(review) }
        return counts
    }
}

/// The process of one cohort, from the first submission to the end of the grace after the
/// review deadline, with Atelier's own allocation: learners pull with `PeerAllocation.next`, and
/// the push job runs `PeerAllocation.pushes` every `Scenario.tickHours`. Rows are kept as the
/// app keeps them: a lapsed pair taken up again restarts its row.
struct CohortRun {
    let scenario: Scenario
    let learners: [Learner]
    private var random: SeededGenerator
    private let people: [UUID]
    private let submissionIDs: [UUID]
    private let trainers: [UUID]
    private var pool: PeerPool
    private var timeline = Timeline()
    private var completed: [CompletedReview] = []
    private var peerReviews: [Int]
    /// Rows pushed to a volunteer, with the lease they were pushed with.
    private var volunteerLeases: [Int: Date] = [:]
    private var earlyStaff = 0
    private var shortWithLease = 0
    private var shortWithoutReviewer = 0
    private var unexplained = 0
    private var volunteerPushes = 0
    private var volunteerReviews = 0

    init(scenario: Scenario, size: Int, seed: UInt64) {
        self.scenario = scenario
        random = SeededGenerator(seed: seed)
        let top = scenario.rubric.criteria[0].levels.count - 1
        var drawn: [Learner] = []
        for _ in 0..<size {
            drawn.append(Learner.draw(criteria: scenario.rubric.criteria.count, top: top, k: scenario.k, using: &random))
        }
        learners = drawn
        people = (0..<size).map { Self.id(1, $0) }
        submissionIDs = (0..<size).map { Self.id(2, $0) }
        trainers = (0..<scenario.trainers).map { Self.id(3, $0) }
        pool = PeerPool(submissions: [], reviews: [], reviewsRequired: scenario.k)
        peerReviews = Array(repeating: 0, count: size)
    }

    /// Runs the cohort to the end.
    mutating func run() -> CohortOutcome {
        for learner in learners.indices {
            timeline.schedule(.submit(learner: learner), at: scenario.opening + random.uniform() * scenario.submissionDays * 86_400)
        }
        timeline.schedule(.push, at: scenario.reviewDeadline - scenario.pushWindow)
        timeline.schedule(.deadline, at: scenario.reviewDeadline)
        while let (now, event) = timeline.next() {
            switch event {
            case .submit(let learner): submit(learner, now: now)
            case .visit(let learner): visit(learner, now: now)
            case .finish(let row, let leaseEnds): finish(row, leaseEnds: leaseEnds, now: now)
            case .push: push(now: now)
            case .deadline: diagnose(now: now)
            }
        }
        precondition(unexplained == 0, "a submission short of k at the deadline that no rule explains")
        return CohortOutcome(learners: learners, submissionIDs: submissionIDs, reviews: completed, peerReviews: peerReviews,
                             shortWithLease: shortWithLease, shortWithoutReviewer: shortWithoutReviewer, earlyStaff: earlyStaff,
                             volunteerPushes: volunteerPushes, volunteerReviews: volunteerReviews)
    }

    private mutating func submit(_ learner: Int, now: Date) {
        pool.submissions.append(PeerPool.Submission(id: submissionIDs[learner], author: people[learner], submittedAt: now))
        guard learners[learner].reviews else { return }
        let first = learners[learner].late
            ? scenario.reviewDeadline - random.uniform(4, 48) * 3600
            : now + random.uniform(1, 48) * 3600
        timeline.schedule(.visit(learner: learner), at: max(first, now))
    }

    /// A pull: the reviewer starts the submission allocation gives them, then hands it in a
    /// little later, or abandons it (its lease lapses) and comes back after the lease ended.
    private mutating func visit(_ learner: Int, now: Date) {
        guard now < scenario.reviewDeadline, peerReviews[learner] < learners[learner].target else { return }
        let reviewer = people[learner]
        guard let submission = PeerAllocation.next(for: reviewer, in: pool, now: now, using: &random) else {
            timeline.schedule(.visit(learner: learner), at: now + 12 * 3600)
            return
        }
        if let held = pool.reviews.firstIndex(where: { $0.reviewer == reviewer && $0.submission == submission && $0.counts(at: now) }),
           case .inProgress(let leaseEnds) = pool.reviews[held].state {
            // Only a volunteer's pushed lease can be held at a visit: they will hand it in.
            timeline.schedule(.visit(learner: learner), at: leaseEnds)
            return
        }
        let leaseEnds = now + scenario.lease
        let row = start(submission, reviewer: reviewer, byStaff: false, leaseEnds: leaseEnds)
        if random.chance(Learner.Shares.abandon) {
            timeline.schedule(.visit(learner: learner), at: leaseEnds + gap(learner))
        } else {
            timeline.schedule(.finish(row: row, leaseEnds: leaseEnds), at: now + random.uniform(0.5, 3) * 3600)
        }
    }

    /// The time a reviewer lets pass before their next pull.
    private mutating func gap(_ learner: Int) -> TimeInterval {
        random.uniform(0, learners[learner].late ? 3 : 24) * 3600
    }

    /// Starts a review, restarting the row of a lapsed pair as the app does; returns its row.
    private mutating func start(_ submission: UUID, reviewer: UUID, byStaff: Bool, leaseEnds: Date) -> Int {
        let state = PeerPool.Review.State.inProgress(leaseEnds: leaseEnds)
        if let stale = pool.reviews.firstIndex(where: { $0.reviewer == reviewer && $0.submission == submission }) {
            pool.reviews[stale].state = state
            pool.reviews[stale].byStaff = pool.reviews[stale].byStaff || byStaff
            return stale
        }
        pool.reviews.append(PeerPool.Review(submission: submission, reviewer: reviewer, state: state, byStaff: byStaff))
        return pool.reviews.count - 1
    }

    /// Hands a review in, unless its lease has lapsed or was restarted since, or a peer's review
    /// arrives after the review deadline (the app refuses those).
    private mutating func finish(_ row: Int, leaseEnds: Date, now: Date) {
        let review = pool.reviews[row]
        guard case .inProgress(let current) = review.state, current == leaseEnds, now <= leaseEnds,
              review.byStaff || now <= scenario.reviewDeadline else { return }
        pool.reviews[row].state = .completed(at: now)
        let author = submissionIDs.firstIndex(of: review.submission)!
        let top = scenario.rubric.criteria[0].levels.count - 1
        let truth = learners[author].truth
        if review.byStaff {
            completed.append(CompletedReview(author: author, reviewer: review.reviewer, kind: nil,
                                             levels: ReviewerKind.staffLevels(for: truth, top: top, using: &random), at: now))
            return
        }
        let learner = people.firstIndex(of: review.reviewer)!
        if volunteerLeases[row] == leaseEnds { volunteerReviews += 1 }
        let kind = learners[learner].kind
        completed.append(CompletedReview(author: author, reviewer: review.reviewer, kind: kind,
                                         levels: kind.levels(for: truth, top: top, using: &random), at: now))
        peerReviews[learner] += 1
        if peerReviews[learner] < learners[learner].target {
            timeline.schedule(.visit(learner: learner), at: now + gap(learner))
        }
    }

    /// A run of the push job. Volunteers hand pushed work in within 1–12 hours (too late when
    /// that is past its lease, which ends at the staff phase), or abandon it;
    /// trainers always hand theirs in, within ½–8 hours, and a minute before the review deadline
    /// at the latest when it was pushed before it.
    private mutating func push(now: Date) {
        let volunteers = learners.indices.filter { learners[$0].reviews && learners[$0].volunteers }.map { people[$0] }
        let pushes = PeerAllocation.pushes(in: pool, now: now, deadline: scenario.reviewDeadline, pushWindow: scenario.pushWindow,
                                           lease: scenario.lease, volunteers: volunteers, staff: trainers, using: &random)
        for push in pushes {
            let row = start(push.submission, reviewer: push.reviewer, byStaff: push.byStaff, leaseEnds: push.leaseEnds)
            if push.byStaff {
                if now < scenario.reviewDeadline - scenario.pushWindow / 2 { earlyStaff += 1 }
                var done = now + random.uniform(0.5, 8) * 3600
                if now < scenario.reviewDeadline { done = min(done, scenario.reviewDeadline - 60) }
                timeline.schedule(.finish(row: row, leaseEnds: push.leaseEnds), at: done)
            } else {
                volunteerLeases[row] = push.leaseEnds
                volunteerPushes += 1
                guard !random.chance(Learner.Shares.abandon) else { continue }
                timeline.schedule(.finish(row: row, leaseEnds: push.leaseEnds), at: now + random.uniform(1, 12) * 3600)
            }
        }
        let next = now + scenario.tickHours * 3600
        if next <= scenario.end { timeline.schedule(.push, at: next) }
    }

    /// Sorts the submissions short of k (toward k, as allocation counts) at the deadline by cause.
    private mutating func diagnose(now: Date) {
        for submission in pool.submissions {
            let reviews = pool.reviews.filter { $0.submission == submission.id }
            let towardK = reviews.filter(\.isCompleted).reduce(0) { $0 + PeerAllocation.worth(byStaff: $1.byStaff) }
            guard towardK < scenario.k else { continue }
            let leases = reviews.compactMap { review -> Date? in
                if case .inProgress(let ends) = review.state { return ends }
                return nil
            }
            let staff = Set(reviews.filter { $0.byStaff && $0.counts(at: now) }.map(\.reviewer))
            if staff.count == trainers.count {
                shortWithoutReviewer += 1
            } else if leases.contains(where: { $0 > now - scenario.tickHours * 3600 }) {
                shortWithLease += 1
            } else {
                unexplained += 1
            }
        }
    }

    /// A fixed id per role and number, so runs name the same people.
    static func id(_ role: Int, _ number: Int) -> UUID {
        UUID(uuidString: String(format: "%08d-0000-0000-0000-%012d", role, number))!
    }
}
