import Foundation

/// What grading a peer assignment yields: the grade of each submission, how much each reviewer
/// was trusted and how well they reviewed, and how far reviewers agree on each criterion.
public struct PeerGrades: Hashable, Sendable {
    /// Per submission, the grade of each criterion in points (fractional when reviews differ),
    /// in the rubric's criterion order. A submission without reviews is absent.
    public var grades: [UUID: [Double]]
    /// Per reviewer, the weight their reviews carry, from all their reviews, where the cohort's
    /// median peer review counts 1. Peers lie within `PeerGrading.weightBounds`; staff get its
    /// upper end.
    public var weights: [UUID: Double]
    /// Per reviewer, per criterion, the leniency that grading subtracted from their levels
    /// (in levels: +0.8 means they gave about 0.8 of a level too much). Zero for staff.
    public var leniency: [UUID: [Double]]
    /// Per reviewer (and per person whose reviews were rated), their grade for reviewing.
    public var reviewing: [UUID: ReviewingGrade]
    /// Per criterion, Krippendorff's alpha (interval) over every review's points; nil when
    /// there is not enough data (see `Agreement.krippendorffAlpha`).
    public var agreement: [Double?]

    public init(grades: [UUID: [Double]] = [:], weights: [UUID: Double] = [:], leniency: [UUID: [Double]] = [:],
                reviewing: [UUID: ReviewingGrade] = [:], agreement: [Double?] = []) {
        self.grades = grades
        self.weights = weights
        self.leniency = leniency
        self.reviewing = reviewing
        self.agreement = agreement
    }

    /// The submission's grade in points: the sum of its criteria's grades; nil without reviews.
    public func total(of submission: UUID) -> Double? {
        grades[submission].map { $0.reduce(0, +) }
    }
}

/// A learner's grade for reviewing, on a 0...100 scale.
public struct ReviewingGrade: Hashable, Sendable {
    /// How close their levels were to the other reviewers' of the same work (see
    /// `PeerGrading.accuracy(of:against:in:)`), averaged over their reviews; nil when none of
    /// their reviews had another review to compare with.
    public var accuracy: Double?
    /// The mean of the authors' ratings of their reviews (helpful 100, somewhat 50, not 0); nil
    /// when no review was rated.
    public var helpfulness: Double?
    /// Reviews they completed.
    public var reviews: Int
    /// Two thirds accuracy and one third helpfulness; either alone when the other is nil.
    public var overall: Double?

    public init(accuracy: Double?, helpfulness: Double?, reviews: Int) {
        self.accuracy = accuracy
        self.helpfulness = helpfulness
        self.reviews = reviews
        self.overall = Self.overall(accuracy: accuracy, helpfulness: helpfulness)
    }

    /// Accuracy counts twice as much as helpfulness: it is measured on every review, while
    /// ratings are optional and partly reflect how the author took the news.
    public static func overall(accuracy: Double?, helpfulness: Double?) -> Double? {
        switch (accuracy, helpfulness) {
        case let (a?, h?): return (2 * a + h) / 3
        case let (a?, nil): return a
        case let (nil, h?): return h
        case (nil, nil): return nil
        }
    }
}
