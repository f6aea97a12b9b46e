import Foundation

/// The state of one peer assignment in one cohort, as allocation sees it: who submitted when, who
/// reviews what and how far along they are. Built from the database on each request; the rules
/// that read it are pure.
public struct PeerPool: Sendable {
    public struct Submission: Hashable, Sendable {
        public var id: UUID
        public var author: UUID
        /// The author's group in the cohort, if any: a reviewer never reviews their own group.
        public var group: UUID?
        public var submittedAt: Date

        public init(id: UUID, author: UUID, group: UUID? = nil, submittedAt: Date) {
            self.id = id
            self.author = author
            self.group = group
            self.submittedAt = submittedAt
        }
    }

    public struct Review: Hashable, Sendable {
        public enum State: Hashable, Sendable {
            /// Started; the reviewer holds it until the lease ends.
            case inProgress(leaseEnds: Date)
            case completed(at: Date)
        }

        public var submission: UUID
        public var reviewer: UUID
        public var state: State
        /// Assigned to a trainer because peers were short ("staff review").
        public var byStaff: Bool

        public init(submission: UUID, reviewer: UUID, state: State, byStaff: Bool = false) {
            self.submission = submission
            self.reviewer = reviewer
            self.state = state
            self.byStaff = byStaff
        }

        public var isCompleted: Bool {
            if case .completed = state { return true }
            return false
        }

        /// Completed, or in progress with a lease that has not ended at `now`.
        public func counts(at now: Date) -> Bool {
            switch state {
            case .completed: return true
            case .inProgress(let leaseEnds): return leaseEnds > now
            }
        }
    }

    public var submissions: [Submission]
    public var reviews: [Review]
    /// Each person's group in the cohort (learners without a group are absent).
    public var groups: [UUID: UUID]
    /// `k`.
    public var reviewsRequired: Int

    public init(submissions: [Submission], reviews: [Review], groups: [UUID: UUID] = [:], reviewsRequired: Int) {
        self.submissions = submissions
        self.reviews = reviews
        self.groups = groups
        self.reviewsRequired = reviewsRequired
    }
}
