import Foundation

/// The scores of one grading run, checked and put in a canonical order (by submission, then
/// reviewer), so that the result does not depend on the order the scores came in.
struct GradingInput: Sendable {
    struct Review: Sendable {
        let submission: UUID
        let reviewer: UUID
        /// The level picked per criterion.
        let levels: [Double]
        /// Points per criterion.
        let points: [Double]
        let byStaff: Bool
    }

    let scale: GradingScale
    let reviews: [Review]
    /// Indices into `reviews`, per submission.
    let bySubmission: [(submission: UUID, reviews: [Int])]
    /// Indices into `reviews` of each peer reviewer's peer (not staff) reviews.
    let byPeer: [(reviewer: UUID, reviews: [Int])]

    /// Scores that do not answer every criterion with one of its levels are left out, and so is
    /// every score after the first of a reviewer on the same submission (in the canonical order).
    init(_ scores: [PeerScore], scale: GradingScale) {
        self.scale = scale
        let keyed = scores.filter { scale.accepts($0.levels) }
            .map { (submission: $0.submission.uuidString, reviewer: $0.reviewer.uuidString, score: $0) }
            .sorted { a, b in
                if a.submission != b.submission { return a.submission < b.submission }
                if a.reviewer != b.reviewer { return a.reviewer < b.reviewer }
                if a.score.levels != b.score.levels { return a.score.levels.lexicographicallyPrecedes(b.score.levels) }
                return !a.score.byStaff && b.score.byStaff
            }
        var reviews: [Review] = []
        var bySubmission: [(submission: UUID, reviews: [Int])] = []
        var peers: [UUID: [Int]] = [:]
        var previous: (submission: String, reviewer: String)?
        for entry in keyed {
            if let previous, previous == (entry.submission, entry.reviewer) { continue }
            previous = (entry.submission, entry.reviewer)
            let score = entry.score
            let index = reviews.count
            reviews.append(Review(submission: score.submission, reviewer: score.reviewer,
                                  levels: score.levels.map(Double.init), points: scale.points(score.levels) ?? [],
                                  byStaff: score.byStaff))
            if bySubmission.last?.submission == score.submission {
                bySubmission[bySubmission.count - 1].reviews.append(index)
            } else {
                bySubmission.append((score.submission, [index]))
            }
            if !score.byStaff { peers[score.reviewer, default: []].append(index) }
        }
        self.reviews = reviews
        self.bySubmission = bySubmission
        self.byPeer = peers.map { (reviewer: $0.key, reviews: $0.value) }
            .sorted { $0.reviewer.uuidString < $1.reviewer.uuidString }
    }
}
