import Foundation

/// What a peer assessment is made of: criteria, each with levels that carry points, and a required
/// overall comment. Reviewers pick one level per criterion; the levels are in ascending order of
/// points, so "within one level" and "one level more lenient" mean something.
public struct Rubric: Hashable, Sendable, Codable {
    public struct Level: Hashable, Sendable, Codable {
        public var points: Int
        public var description: String
        public init(points: Int, description: String) {
            self.points = points
            self.description = description
        }
    }

    public struct Criterion: Hashable, Sendable, Codable {
        public var title: String
        public var description: String
        /// Ascending points; at least two.
        public var levels: [Level]
        /// Whether reviewers may add a comment on this criterion (always optional).
        public var asksComment: Bool

        public init(title: String, description: String = "", levels: [Level], asksComment: Bool = true) {
            self.title = title
            self.description = description
            self.levels = levels
            self.asksComment = asksComment
        }

        public var maxPoints: Int { levels.last?.points ?? 0 }
        public var minPoints: Int { levels.first?.points ?? 0 }
    }

    public var criteria: [Criterion]
    /// The overall comment must have at least this many characters (trimmed).
    public var overallCommentMinimum: Int

    public init(criteria: [Criterion], overallCommentMinimum: Int = 40) {
        self.criteria = criteria
        self.overallCommentMinimum = overallCommentMinimum
    }

    public var maxPoints: Int { criteria.reduce(0) { $0 + $1.maxPoints } }

    /// Criteria and their number of levels: what assessments already made depend on.
    public var shape: [Int] { criteria.map(\.levels.count) }

    public static let maxCriteria = 12
    public static let maxLevels = 7
    public static let overallCommentRange = 0...2000

    /// The problems of a rubric an author wrote, every one at once (field names: `c<i>_title`,
    /// `c<i>_levels`, `overall_minimum`, `criteria`).
    public func problems() -> [FieldError] {
        var found: [FieldError] = []
        if criteria.isEmpty { found.append(FieldError("criteria", .required)) }
        if criteria.count > Self.maxCriteria { found.append(FieldError("criteria", .outOfRange)) }
        for (i, criterion) in criteria.enumerated() {
            if criterion.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                found.append(FieldError("c\(i)_title", .required))
            }
            let ascending = zip(criterion.levels, criterion.levels.dropFirst()).allSatisfy { $0.points < $1.points }
            if criterion.levels.count < 2 || criterion.levels.count > Self.maxLevels {
                found.append(FieldError("c\(i)_levels", .outOfRange))
            } else if !criterion.levels.allSatisfy({ (0...1000).contains($0.points) }) || !ascending {
                // Distinct and ascending, so a level's index orders it.
                found.append(FieldError("c\(i)_levels", .invalid))
            }
        }
        if !Self.overallCommentRange.contains(overallCommentMinimum) {
            found.append(FieldError("overall_minimum", .outOfRange))
        }
        return found
    }
}

/// One reviewer's assessment of one submission against a rubric: a level per criterion, an
/// optional comment per criterion and the overall comment.
public struct RubricAssessment: Hashable, Sendable, Codable {
    /// Index into each criterion's levels, in the rubric's criterion order.
    public var levels: [Int]
    /// One per criterion; empty when none was written.
    public var comments: [String]
    public var overall: String

    public init(levels: [Int], comments: [String]? = nil, overall: String) {
        self.levels = levels
        self.comments = comments ?? Array(repeating: "", count: levels.count)
        self.overall = overall
    }

    /// Points per criterion, in the rubric's criterion order.
    /// A level that is not among the criterion's (an assessment made before the rubric changed) counts 0.
    public func points(in rubric: Rubric) -> [Double] {
        zip(levels, rubric.criteria).map { level, criterion in
            criterion.levels.indices.contains(level) ? Double(criterion.levels[level].points) : 0
        }
    }

    public func total(in rubric: Rubric) -> Double { points(in: rubric).reduce(0, +) }
}

/// Why an assessment, a submission or a review is refused.
public enum PeerReviewError: Error, Hashable, Sendable {
    /// No level picked for this criterion (index), or one that is not among its levels.
    case criterionUnanswered(Int)
    /// The overall comment is shorter than the rubric asks.
    case overallCommentTooShort(minimum: Int)
    /// A comment longer than `PeerReviewLimits.commentLength`.
    case commentTooLong
    case submissionClosed
    case reviewClosed
    case notSubmitted
    case emptySubmission
    case notAllocated
    case alreadyReviewed
    case nothingToReview
    /// Reviewing peers waits for a passed calibration.
    case calibrationRequired
    /// The database refused the write; nothing was saved.
    case storage
    case submissionTooLong
    /// A files assignment handed in without a file.
    case noFiles
    /// Already `PeerReviewLimits.filesPerSubmission` files.
    case tooManyFiles
    /// This assignment asks for text only.
    case filesNotAccepted
    /// The file is all the handed-in work has.
    case lastFile
}

public enum PeerReviewLimits {
    public static let commentLength = 10_000
    public static let submissionTextLength = 100_000
    public static let filesPerSubmission = 5
    /// Graded examples an assignment offers for calibration.
    public static let examples = 3
}

extension Rubric {
    /// Checks a reviewer's assessment: a level for every criterion, comments within bounds and an
    /// overall comment long enough. Throws the first problem, in criterion order.
    public func check(_ assessment: RubricAssessment) throws(PeerReviewError) {
        for (i, criterion) in criteria.enumerated() {
            guard i < assessment.levels.count, criterion.levels.indices.contains(assessment.levels[i]) else {
                throw .criterionUnanswered(i)
            }
        }
        if assessment.levels.count != criteria.count || assessment.comments.count != criteria.count {
            throw .criterionUnanswered(criteria.count)
        }
        if assessment.comments.contains(where: { $0.count > PeerReviewLimits.commentLength })
            || assessment.overall.count > PeerReviewLimits.commentLength {
            throw .commentTooLong
        }
        let overall = assessment.overall.trimmingCharacters(in: .whitespacesAndNewlines)
        if overall.count < overallCommentMinimum { throw .overallCommentTooShort(minimum: overallCommentMinimum) }
    }
}
