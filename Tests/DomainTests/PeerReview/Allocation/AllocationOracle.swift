import Foundation
@testable import Domain

/// The allocation rules written out plainly, apart from the code under test, to check each pull
/// and push of a simulated run against. Pushes are added as they are checked, so the checks of a
/// later push in one run see the earlier ones. A class, so that the checks' closures share it
/// rather than copy it.
final class AllocationOracle {
    /// What a staff review counts toward k, written out: as much as two peers' reviews.
    static let staffWorth = 2

    struct Pair: Hashable {
        var reviewer: UUID
        var submission: UUID
    }

    struct Lease {
        var submission: UUID
        var ends: Date
    }

    let now: Date
    let required: Int
    let submissions: [PeerPool.Submission]
    private let groups: [UUID: UUID]
    private let byID: [UUID: PeerPool.Submission]
    private let byAuthor: [UUID: [PeerPool.Submission]]
    private var live: Set<Pair> = []
    private var ended: Set<Pair> = []
    /// Reviews toward k: completed ones and live leases, a staff one counting `staffWorth`.
    private var counts: [UUID: Int] = [:]
    /// Completed reviews and staff to-dos only, toward k.
    private var firmCounts: [UUID: Int] = [:]
    private var completed: [UUID: Int] = [:]
    private var staffLoads: [UUID: Int] = [:]
    /// Peer leases that have not ended, by reviewer.
    private var leases: [UUID: [Lease]] = [:]

    init(_ pool: PeerPool, now: Date) {
        self.now = now
        required = pool.reviewsRequired
        submissions = pool.submissions
        groups = pool.groups
        byID = Dictionary(pool.submissions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        byAuthor = Dictionary(grouping: pool.submissions, by: \.author)
        for review in pool.reviews {
            if review.counts(at: now) {
                add(review)
            } else {
                ended.insert(Pair(reviewer: review.reviewer, submission: review.submission))
            }
        }
    }

    func add(_ review: PeerPool.Review) {
        live.insert(Pair(reviewer: review.reviewer, submission: review.submission))
        let worth = review.byStaff ? Self.staffWorth : 1
        counts[review.submission, default: 0] += worth
        if review.isCompleted || review.byStaff { firmCounts[review.submission, default: 0] += worth }
        switch (review.state, review.byStaff) {
        case (_, true): staffLoads[review.reviewer, default: 0] += 1
        case (.completed, false): completed[review.reviewer, default: 0] += 1
        case (.inProgress(let ends), false): leases[review.reviewer, default: []].append(Lease(submission: review.submission, ends: ends))
        }
    }

    func submission(_ id: UUID) -> PeerPool.Submission? { byID[id] }
    func hasSubmitted(_ person: UUID) -> Bool { byAuthor[person] != nil }
    func count(of submission: UUID) -> Int { counts[submission] ?? 0 }
    /// Its reviews without peers' leases: what the staff phase counts.
    func firmCount(of submission: UUID) -> Int { firmCounts[submission] ?? 0 }
    func completedPeerReviews(of person: UUID) -> Int { completed[person] ?? 0 }
    func staffLoad(of person: UUID) -> Int { staffLoads[person] ?? 0 }
    func leases(of person: UUID) -> [Lease] { leases[person] ?? [] }

    /// Their own, or one of their group's.
    func isOwnOrGroup(_ reviewer: UUID, _ submission: PeerPool.Submission) -> Bool {
        if submission.author == reviewer { return true }
        let theirs = groups[reviewer] ?? byAuthor[reviewer]?.first?.group
        guard let group = submission.group ?? groups[submission.author] else { return false }
        return group == theirs
    }

    func isLive(_ reviewer: UUID, _ submission: UUID) -> Bool { live.contains(Pair(reviewer: reviewer, submission: submission)) }

    func mayReview(_ reviewer: UUID, _ submission: PeerPool.Submission) -> Bool {
        !isOwnOrGroup(reviewer, submission) && !isLive(reviewer, submission.id)
    }

    /// May review it, but only as a lease of theirs that ended, given back.
    func isLapsed(_ reviewer: UUID, _ submission: PeerPool.Submission) -> Bool {
        mayReview(reviewer, submission) && ended.contains(Pair(reviewer: reviewer, submission: submission.id))
    }

    func isReciprocal(_ reviewer: UUID, _ submission: PeerPool.Submission) -> Bool {
        byAuthor[reviewer, default: []].contains { isLive(submission.author, $0.id) }
    }
}
