import Foundation

/// Who reviews which submission of a peer assignment: the pull a learner makes when they ask for
/// a submission to review, and the push that, near the review deadline, hands submissions still
/// short of `k` reviews to volunteers and then to the cohort's trainers.
///
/// Both read the pool as it is at `now`, and follow the same rules:
/// - a reviewer never gets their own submission, nor one of their own group (the submission's
///   group, or else its author's; the reviewer's group, or else the one their submission names);
/// - a reviewer never gets a submission they already review or reviewed (completed, or a lease
///   that has not ended). A submission whose only reviews by them are ended leases is given back
///   to them only when nothing else fits: they dropped it once, but a review is better than none;
/// - a submission's reviews toward `k` are its completed reviews and unexpired leases (except in
///   the push's staff phase, which leaves out the leases peers took by pulling), a staff one
///   counting `staffReviewWorth` (2) and a peer's 1. Staff reviews count for the submission but
///   never towards a learner's share;
/// - ties are broken by the oldest submission, then by the random source, so that a seed gives
///   the same allocation every time.
public enum PeerAllocation {
    /// What one staff review (completed, or a to-do whose lease has not ended) counts toward `k`:
    /// the weight grading gives it, two typical peers (`PeerGrading.weightBounds.upperBound`),
    /// rounded down to whole reviews so that it never counts for more than grading gives it. So
    /// with `k` = 3 two trainers bring work no peer reviewed to `k`, and work with one or two peer
    /// reviews needs one trainer. Grading gives it the same: two entries in the median of 3 or
    /// fewer reviews, the weight 2 beyond (`Consensus.medianEntries`). A learner's share counts
    /// their own peer reviews only.
    public static let staffReviewWorth = Int(PeerGrading.weightBounds.upperBound.rounded(.down))

    /// What one review counts toward `k`: `staffReviewWorth` for a staff review, 1 for a peer's.
    public static func worth(byStaff: Bool) -> Int { byStaff ? staffReviewWorth : 1 }

    /// A submission's reviews toward `k`, from the number of its peer and of its staff reviews
    /// (whichever the caller counts: allocation counts completed reviews and unexpired leases, a
    /// page saying whether work has its reviews would count completed ones). The submission is at
    /// `k` when this is `reviewsRequired` or more.
    public static func reviewsTowardK(peer: Int, staff: Int) -> Int { peer + staff * staffReviewWorth }

    /// What a reviewer has done: completed reviews (peer ones), in progress, and whether their share (k) is done.
    public struct Share: Hashable, Sendable {
        /// Completed peer reviews.
        public var completed: Int
        /// Peer reviews whose lease has not ended.
        public var inProgress: Int
        /// `k`.
        public var required: Int

        public init(completed: Int, inProgress: Int, required: Int) {
            self.completed = completed
            self.inProgress = inProgress
            self.required = required
        }

        /// `k` completed reviews; more are allowed and counted.
        public var isDone: Bool { completed >= required }
    }

    /// What `reviewer` has done as a peer at `now` (reviews by staff are not counted).
    public static func share(of reviewer: UUID, in pool: PeerPool, now: Date) -> Share {
        AllocationView(pool, now: now, about: reviewer).share(of: reviewer)
    }

    /// The shares of several reviewers, from one reading of the pool (a report of the cohort).
    public static func shares(of reviewers: some Sequence<UUID>, in pool: PeerPool, now: Date) -> [UUID: Share] {
        let view = AllocationView(pool, now: now)
        return Dictionary(reviewers.map { ($0, view.share(of: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// Pull: the submission `reviewer` should review next, or nil when none may be given to them.
    /// An unexpired in-progress review the reviewer already holds is returned first (resume, not a second lease).
    ///
    /// - Only a learner who has submitted may pull; anyone else gets nil.
    /// - One lease at a time: a reviewer holding an unexpired lease gets that submission back
    ///   (the one whose lease ends first, should there be several), never another. Early
    ///   reviewers thus cannot hoard; once done they may pull again, beyond `k`.
    /// - Otherwise the submission that most needs reviews: fewest reviews toward `k` first (a
    ///   staff review counting `staffReviewWorth`); among those, one whose author does not review
    ///   the reviewer's own submission, if there is one; then the oldest; then the random source.
    /// - A submission on which the reviewer let a lease lapse comes back to them only when nothing
    ///   else fits.
    /// - Submissions that already have `k` reviews are still given when nothing shorter fits, so
    ///   nil means there is nothing left that this reviewer may review.
    ///
    /// The caller starts the lease (`leaseHours`) on a submission that is not the one resumed.
    public static func next<G: RandomNumberGenerator>(for reviewer: UUID, in pool: PeerPool, now: Date,
                                                      using random: inout G) -> UUID? {
        let view = AllocationView(pool, now: now, about: reviewer)
        guard view.hasSubmitted(reviewer) else { return nil }
        if let held = view.heldLease(of: reviewer) { return held }
        var fresh: [PeerPool.Submission] = []
        var lapsed: [PeerPool.Submission] = []
        for submission in pool.submissions {
            switch view.fit(of: reviewer, for: submission) {
            case .fresh: fresh.append(submission)
            case .lapsed: lapsed.append(submission)
            case nil: break
            }
        }
        let chosen = best(fresh.isEmpty ? lapsed : fresh, id: \.id, rank: { submission in
            Rank(first: Double(view.count(of: submission.id)),
                 second: view.isReciprocal(reviewer: reviewer, author: submission.author) ? 1 : 0,
                 third: submission.submittedAt.timeIntervalSinceReferenceDate)
        }, using: &random)
        return chosen?.id
    }
}
