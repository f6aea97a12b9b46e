import Foundation

/// One completed review as grading sees it: who reviewed which submission, and the level picked
/// for each criterion. Self-assessments are never passed in: they are shown beside the grade and
/// never counted.
public struct PeerScore: Hashable, Sendable {
    public var submission: UUID
    public var reviewer: UUID
    /// Index into each criterion's levels, in the rubric's criterion order.
    public var levels: [Int]
    /// A trainer's review (pushed to staff when peers were short): trusted, so it gets the
    /// largest weight a reviewer can have and no leniency correction.
    public var byStaff: Bool

    public init(submission: UUID, reviewer: UUID, levels: [Int], byStaff: Bool = false) {
        self.submission = submission
        self.reviewer = reviewer
        self.levels = levels
        self.byStaff = byStaff
    }
}

/// How helpful an author found one review of their work.
public enum Helpfulness: String, Sendable, Codable, CaseIterable {
    case helpful
    case somewhat
    case not

    /// The rating on the 0...100 scale of a reviewing grade: 100, 50 and 0.
    public var score: Double {
        switch self {
        case .helpful: return 100
        case .somewhat: return 50
        case .not: return 0
        }
    }
}
