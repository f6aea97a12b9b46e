import Foundation

extension PeerAllocation {
    /// A review to create: a lease for a volunteer, or a to-do for a trainer (`byStaff`).
    public struct Push: Hashable, Sendable {
        public var submission: UUID
        public var reviewer: UUID
        public var byStaff: Bool
        public var leaseEnds: Date

        public init(submission: UUID, reviewer: UUID, byStaff: Bool, leaseEnds: Date) {
            self.submission = submission
            self.reviewer = reviewer
            self.byStaff = byStaff
            self.leaseEnds = leaseEnds
        }
    }

    /// Push, run periodically (and on each page load) from `deadline - pushWindow` on: the reviews to create
    /// for submissions still short of k, counting reviews toward k as allocation does (a staff
    /// review or to-do counts `staffReviewWorth`, 2; a peer's 1).
    ///
    /// The push window has two halves:
    /// - Volunteer phase, `deadline - pushWindow ..< deadline - pushWindow / 2`: a submission short
    ///   of k (counting completed reviews and unexpired leases) is offered to a volunteer: one of
    ///   `volunteers` (those who opted in) who has submitted, has done their share (checked here)
    ///   and holds no unexpired lease (one at a time, as in a pull); the fewest peer reviews first,
    ///   then one its author does not review. The lease ends at `now + lease`, but no later than
    ///   the start of the staff phase, so a review a volunteer leaves unfinished is back in time
    ///   for the trainers. A submission no free volunteer may take waits: nothing goes to the
    ///   staff in this phase. A staff to-do counts as two reviews, so pulls (fewest reviews
    ///   first) would turn away from the submission and a trainer would do what peers may still
    ///   do: staff time is kept for what the peers leave.
    /// - Staff phase, from `deadline - pushWindow / 2` on, the deadline included and after it:
    ///   a submission is short of k counting only its completed reviews and unexpired staff
    ///   to-dos (volunteers' leases have ended by then), not the leases peers took by pulling,
    ///   which a learner may abandon after the last run before the deadline; a pull is still
    ///   allowed, and may add a review beyond k. What is short goes to `staff` as `byStaff`
    ///   to-dos, the trainer with the fewest staff reviews in this pool first, with a lease
    ///   ending at `now + lease`; a trainer may take several in one run. Each to-do counts 2, so
    ///   with k = 3 a submission with one or two peer reviews (or one staff review) gets one
    ///   to-do, and one with none gets two.
    ///
    /// A trainer reviews a submission once, so the trainers bring a submission no peer reviewed
    /// to k only when there are at least k / 2 of them (rounded up: 2 for k = 3 or 4); with
    /// fewer, such a submission needs a peer. The staff phase does not start earlier for that:
    /// an early to-do only sends the peers' pulls elsewhere, and staff time is not something
    /// allocation knows about.
    ///
    /// Before the window nothing is pushed. A submission that arrives late, inside the window or
    /// after the deadline, is pushed on the first run that sees it, by the phase of that moment:
    /// after the deadline, to the staff. The neediest submissions (fewest reviews toward k as the
    /// phase counts them, then oldest) are served first, one review at a time, so a scarce volunteer
    /// goes where they are most needed. Among volunteers, and among trainers, one who has not let
    /// a lease on that submission lapse comes first; so a to-do a trainer leaves past its lease
    /// goes to another trainer on a later run, and back to them only when no other may take it.
    ///
    /// The pushes are returned in the order they were decided. The caller saves each as an
    /// in-progress review (restarting the row of a lapsed pair) and notifies its reviewer.
    public static func pushes<G: RandomNumberGenerator>(in pool: PeerPool, now: Date, deadline: Date, pushWindow: TimeInterval,
                                                        lease: TimeInterval, volunteers: [UUID], staff: [UUID],
                                                        using random: inout G) -> [Push] {
        guard now >= deadline - pushWindow else { return [] }
        let staffPhase = deadline - pushWindow / 2
        let inStaffPhase = now >= staffPhase
        let view = AllocationView(pool, now: now)
        let reviews = { (submission: UUID) in inStaffPhase ? view.firmCount(of: submission) : view.count(of: submission) }
        let qualified = inStaffPhase ? [] : distinct(volunteers).filter { view.hasSubmitted($0) && view.share(of: $0).isDone }
        let trainers = distinct(staff)
        let neediest = { (submission: PeerPool.Submission) in
            Rank(first: Double(reviews(submission.id)), second: submission.submittedAt.timeIntervalSinceReferenceDate)
        }
        var open = pool.submissions.filter { reviews($0.id) < pool.reviewsRequired }
        var made: [Push] = []
        while let submission = best(open, id: \.id, rank: neediest, using: &random) {
            let push = inStaffPhase
                ? trainer(for: submission, among: trainers, in: view, using: &random).map {
                    Push(submission: submission.id, reviewer: $0, byStaff: true, leaseEnds: now + lease)
                }
                : volunteer(for: submission, among: qualified, in: view, using: &random).map {
                    Push(submission: submission.id, reviewer: $0, byStaff: false, leaseEnds: min(now + lease, staffPhase))
                }
            if let push {
                made.append(push)
                view.record(push)
            }
            if push == nil || reviews(submission.id) >= pool.reviewsRequired {
                open.removeAll { $0.id == submission.id }
            }
        }
        return made
    }

    /// The volunteer for `submission`: among those who may review it, free ones only; a fresh pair
    /// before one given back, then the fewest peer reviews, then one who is not reviewed by its
    /// author, then the random source.
    private static func volunteer<G: RandomNumberGenerator>(for submission: PeerPool.Submission, among volunteers: [UUID],
                                                            in view: AllocationView, using random: inout G) -> UUID? {
        let free = volunteers.compactMap { person in
            view.heldLease(of: person) == nil ? view.fit(of: person, for: submission).map { (person, $0) } : nil
        }
        return best(free, id: \.0, rank: { person, fit in
            let share = view.share(of: person)
            return Rank(first: fit == .lapsed ? 1 : 0, second: Double(share.completed + share.inProgress),
                        third: view.isReciprocal(reviewer: person, author: submission.author) ? 1 : 0)
        }, using: &random)?.0
    }

    /// The trainer for `submission`: a fresh pair before one given back, then the fewest staff
    /// reviews, then the random source.
    private static func trainer<G: RandomNumberGenerator>(for submission: PeerPool.Submission, among staff: [UUID],
                                                          in view: AllocationView, using random: inout G) -> UUID? {
        let fitting = staff.compactMap { person in view.fit(of: person, for: submission).map { (person, $0) } }
        return best(fitting, id: \.0, rank: { person, fit in
            Rank(first: fit == .lapsed ? 1 : 0, second: Double(view.staffLoad(of: person)))
        }, using: &random)?.0
    }

    /// `people` without repeats, in their first order.
    private static func distinct(_ people: [UUID]) -> [UUID] {
        var seen = Set<UUID>()
        return people.filter { seen.insert($0).inserted }
    }
}
