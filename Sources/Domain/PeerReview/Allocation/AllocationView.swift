import Foundation

/// The pool as allocation reads it at one instant: each submission's reviews toward `k`, who holds
/// which lease and which reviewer–submission pairs exist, gathered in one pass so that each rule
/// is a look-up. Pushes record what they decide, so a later choice in the same run sees the earlier ones.
///
/// A view made `about` one person (a pull, a share) keeps only their reviews and the reviews of
/// their own submissions besides the counts, and answers questions about that person only.
///
/// A class, though it never leaves the call that made it, so that the closures ranking candidates
/// share it rather than copy it.
final class AllocationView {
    /// How a reviewer may take a submission.
    enum Fit {
        /// No review of theirs on it, in any state.
        case fresh
        /// Only leases of theirs that ended: given back to them only when nothing fresh fits.
        case lapsed
    }

    private struct Pair: Hashable {
        var reviewer: UUID
        var submission: UUID
    }

    private struct Lease {
        var submission: UUID
        var ends: Date
    }

    let now: Date
    let required: Int
    private let submissionGroup: [UUID: UUID]
    private let personGroup: [UUID: UUID]
    private let submitted: [UUID: [UUID]]
    /// Completed reviews and unexpired leases toward `k`, a staff one counting `staffReviewWorth`.
    private var counted: [UUID: Int] = [:]
    /// Completed reviews and unexpired staff to-dos toward `k`: `counted` without peers' leases.
    private var firm: [UUID: Int] = [:]
    /// Pairs with a completed review or an unexpired lease.
    private var live: Set<Pair> = []
    /// Pairs with an ended lease (and maybe a live review too: `live` is asked first).
    private var ended: Set<Pair> = []
    /// Peer reviewer → their unexpired lease that ends first.
    private var held: [UUID: Lease] = [:]
    private var peerCompleted: [UUID: Int] = [:]
    private var peerInProgress: [UUID: Int] = [:]
    private var staffReviews: [UUID: Int] = [:]
    /// The one person a view is about, if it is.
    private let person: UUID?

    init(_ pool: PeerPool, now: Date, about person: UUID? = nil) {
        self.person = person
        self.now = now
        required = pool.reviewsRequired
        var submissionGroup: [UUID: UUID] = [:]
        var submitted: [UUID: [UUID]] = [:]
        submissionGroup.reserveCapacity(pool.submissions.count)
        submitted.reserveCapacity(pool.submissions.count)
        counted.reserveCapacity(pool.submissions.count)
        for submission in pool.submissions {
            submissionGroup[submission.id] = submission.group ?? pool.groups[submission.author]
            submitted[submission.author, default: []].append(submission.id)
        }
        self.submissionGroup = submissionGroup
        self.submitted = submitted
        personGroup = pool.groups
        let theirs = person.flatMap { submitted[$0] } ?? []
        for review in pool.reviews {
            let counts = review.counts(at: now)
            if counts {
                let worth = PeerAllocation.worth(byStaff: review.byStaff)
                counted[review.submission, default: 0] += worth
                if review.isCompleted || review.byStaff { firm[review.submission, default: 0] += worth }
            }
            if let person, review.reviewer != person, !theirs.contains(review.submission) { continue }
            let pair = Pair(reviewer: review.reviewer, submission: review.submission)
            guard counts else {
                ended.insert(pair)
                continue
            }
            live.insert(pair)
            switch (review.state, review.byStaff) {
            case (_, true):
                staffReviews[review.reviewer, default: 0] += 1
            case (.completed, false):
                peerCompleted[review.reviewer, default: 0] += 1
            case (.inProgress(let leaseEnds), false):
                peerInProgress[review.reviewer, default: 0] += 1
                if let current = held[review.reviewer], current.ends < leaseEnds
                    || (current.ends == leaseEnds && PeerAllocation.precedes(current.submission, review.submission)) {
                    continue
                }
                held[review.reviewer] = Lease(submission: review.submission, ends: leaseEnds)
            }
        }
    }

    func hasSubmitted(_ person: UUID) -> Bool { submitted[person] != nil }

    /// Completed reviews and unexpired leases on `submission`, toward `k` (a staff one counting
    /// `staffReviewWorth`).
    func count(of submission: UUID) -> Int { counted[submission] ?? 0 }

    /// Completed reviews and unexpired staff to-dos on `submission`, toward `k`: its reviews
    /// without the peers' leases, which a learner may still abandon.
    func firmCount(of submission: UUID) -> Int { firm[submission] ?? 0 }

    /// The submission of the unexpired peer lease `reviewer` holds, if any.
    func heldLease(of reviewer: UUID) -> UUID? { held[reviewer]?.submission }

    func share(of reviewer: UUID) -> PeerAllocation.Share {
        assert(person == nil || person == reviewer, "a view about one person answers for them only")
        return PeerAllocation.Share(completed: peerCompleted[reviewer] ?? 0, inProgress: peerInProgress[reviewer] ?? 0,
                                    required: required)
    }

    /// Completed reviews and unexpired leases `person` holds as staff.
    func staffLoad(of person: UUID) -> Int { staffReviews[person] ?? 0 }

    /// Whether and how `reviewer` may review `submission`: never their own, never one of their
    /// group, never a pair that is live. A reviewer's group is theirs in the pool, or else the one
    /// their own submission names.
    func fit(of reviewer: UUID, for submission: PeerPool.Submission) -> Fit? {
        assert(person == nil || person == reviewer, "a view about one person answers for them only")
        if submission.author == reviewer { return nil }
        if let theirs = submissionGroup[submission.id], theirs == group(of: reviewer) { return nil }
        let pair = Pair(reviewer: reviewer, submission: submission.id)
        if live.contains(pair) { return nil }
        return ended.contains(pair) ? .lapsed : .fresh
    }

    /// Whether `author` already reviews (live) a submission of `reviewer`'s, so that `reviewer`
    /// taking one of `author`'s would make the two review each other.
    func isReciprocal(reviewer: UUID, author: UUID) -> Bool {
        guard let theirs = submitted[reviewer] else { return false }
        return theirs.contains { live.contains(Pair(reviewer: author, submission: $0)) }
    }

    /// Counts a push decided in this run as an unexpired lease (a staff one worth `staffReviewWorth`).
    func record(_ push: PeerAllocation.Push) {
        let pair = Pair(reviewer: push.reviewer, submission: push.submission)
        let worth = PeerAllocation.worth(byStaff: push.byStaff)
        counted[push.submission, default: 0] += worth
        live.insert(pair)
        if push.byStaff {
            firm[push.submission, default: 0] += worth
            staffReviews[push.reviewer, default: 0] += 1
        } else {
            peerInProgress[push.reviewer, default: 0] += 1
            held[push.reviewer] = Lease(submission: push.submission, ends: push.leaseEnds)
        }
    }

    private func group(of person: UUID) -> UUID? {
        if let group = personGroup[person] { return group }
        for submission in submitted[person] ?? [] {
            if let group = submissionGroup[submission] { return group }
        }
        return nil
    }
}
