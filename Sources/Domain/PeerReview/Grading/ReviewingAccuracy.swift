import Foundation

extension PeerGrading {
    /// How close one assessment is to a reference (the consensus of the other reviews, or the
    /// trainer's assessment in calibration), 0...100.
    ///
    /// d = √( mean over criteria of ((points − reference) / criterion range)² ), the root mean
    /// square distance as a fraction of each criterion's point range; accuracy =
    /// 100 × max(0, 1 − `accuracyStrictness` × d). So the same levels score 100; one level off
    /// on every criterion of a 4-level scale (d = ⅓) scores 50, of a 5-level scale 62.5; random
    /// levels on a 4-level scale score about 20 against an exact reference, and d ≥ ⅔ scores 0.
    /// Squaring makes one wild criterion cost more than several near misses. In simulated mixed
    /// cohorts, where the reference is itself imperfect, careful reviewers average about 75,
    /// noisy, lenient and harsh ones about 55 and random ones 30. Criteria whose levels all
    /// carry the same points are skipped; nil when nothing is left or the lengths differ.
    public static func accuracy(of points: [Double], against reference: [Double], in rubric: Rubric) -> Double? {
        accuracy(of: points, against: reference, on: GradingScale(rubric))
    }

    static func accuracy(of points: [Double], against reference: [Double], on scale: GradingScale) -> Double? {
        guard points.count == reference.count, points.count == scale.criteria else { return nil }
        var squares = 0.0
        var counted = 0
        for c in 0..<scale.criteria where scale.range(c) > 0 {
            let gap = (points[c] - reference[c]) / scale.range(c)
            squares += gap * gap
            counted += 1
        }
        guard counted > 0 else { return nil }
        let distance = (squares / Double(counted)).squareRoot()
        return 100 * max(0, 1 - accuracyStrictness * distance)
    }

    /// Each reviewer's grade for reviewing. A review's accuracy compares its points with the
    /// *median of the other reviews'* points on the same submission, per criterion (raw, before
    /// any leniency correction: a lenient review is less accurate), a staff review counting as
    /// two entries as it does in the grade (`Consensus.medianEntries`). With 3 peer reviews that
    /// is the mean of the 2 others; beside one peer and one trainer, the trainer's; when all
    /// agree, every one scores 100. Reviews that are alone on their submission are not counted
    /// in accuracy.
    static func reviewingGrades(_ input: GradingInput, ratings: [UUID: [Helpfulness]]) -> [UUID: ReviewingGrade] {
        var accuracies: [UUID: [Double]] = [:]
        var counts: [UUID: Int] = [:]
        for (_, reviews) in input.bySubmission {
            for review in reviews {
                let reviewer = input.reviews[review].reviewer
                counts[reviewer, default: 0] += 1
                let others = reviews.filter { $0 != review }.map { input.reviews[$0] }
                guard !others.isEmpty else { continue }
                let entries = others.map { Consensus.medianEntries(byStaff: $0.byStaff) }
                let reference = (0..<input.scale.criteria).map { c in
                    Consensus.weightedMedian(others.map { $0.points[c] }, weights: entries) ?? 0
                }
                if let accuracy = accuracy(of: input.reviews[review].points, against: reference, on: input.scale) {
                    accuracies[reviewer, default: []].append(accuracy)
                }
            }
        }
        var grades: [UUID: ReviewingGrade] = [:]
        for reviewer in Set(counts.keys).union(ratings.keys) {
            grades[reviewer] = ReviewingGrade(accuracy: accuracies[reviewer].flatMap(mean),
                                              helpfulness: ratings[reviewer].flatMap { mean($0.map(\.score)) },
                                              reviews: counts[reviewer] ?? 0)
        }
        return grades
    }
}
