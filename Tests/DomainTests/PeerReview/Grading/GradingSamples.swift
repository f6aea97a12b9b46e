import Foundation
@testable import Domain

/// Rubrics, ids and scores for the grading tests.
enum GradingSamples {
    /// `criteria` criteria of `levels` levels worth 0, 1, 2… points.
    static func rubric(criteria: Int = 1, levels: Int = 4) -> Rubric {
        Rubric(criteria: (0..<criteria).map { c in
            Rubric.Criterion(title: "C\(c)", levels: (0..<levels).map { Rubric.Level(points: $0, description: "L\($0)") })
        })
    }

    /// A rubric whose levels carry uneven points: 0, 2, 5, 10.
    static let uneven = Rubric(criteria: [
        Rubric.Criterion(title: "Depth", levels: [0, 2, 5, 10].map { Rubric.Level(points: $0, description: "") }),
    ])

    /// A stable UUID per small number, so failures name the same people every run.
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static let submission = id(1000)

    /// One submission reviewed by reviewers 1, 2, 3… with these levels (one criterion each).
    static func scores(_ levels: [Int], of submission: UUID = submission) -> [PeerScore] {
        levels.enumerated().map { PeerScore(submission: submission, reviewer: id($0.offset + 1), levels: [$0.element]) }
    }

    /// A cohort in which everyone reviews the next `k` submissions round a circle: reviewer r
    /// reviews the submissions of r+1 … r+k, giving `level(reviewer, author)` on one criterion.
    static func circle(_ people: Int, k: Int, level: (Int, Int) -> Int) -> [PeerScore] {
        (0..<people).flatMap { reviewer in
            (1...k).map { step in
                let author = (reviewer + step) % people
                return PeerScore(submission: id(1000 + author), reviewer: id(reviewer), levels: [level(reviewer, author)])
            }
        }
    }
}
