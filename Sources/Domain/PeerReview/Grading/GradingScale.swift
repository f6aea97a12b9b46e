import Foundation

/// A rubric's criteria as grading reads them: estimation works in levels (0 = a criterion's
/// lowest level), so "one level more lenient" means the same whatever the points, and grades are
/// read back in points.
struct GradingScale: Sendable {
    /// Per criterion, the points of each level, ascending.
    let points: [[Double]]

    init(_ rubric: Rubric) {
        points = rubric.criteria.map { $0.levels.map { Double($0.points) } }
    }

    var criteria: Int { points.count }

    /// The highest level index of a criterion (0 when it has no levels).
    func top(_ criterion: Int) -> Int { max(points[criterion].count - 1, 0) }

    /// Points between a criterion's lowest and highest level.
    func range(_ criterion: Int) -> Double {
        (points[criterion].last ?? 0) - (points[criterion].first ?? 0)
    }

    /// Whether the levels answer every criterion with one of its levels.
    func accepts(_ levels: [Int]) -> Bool {
        levels.count == criteria && zip(levels, points).allSatisfy { $1.indices.contains($0) }
    }

    /// Points per criterion of an assessment; nil when `accepts` refuses it.
    func points(_ levels: [Int]) -> [Double]? {
        guard accepts(levels) else { return nil }
        return zip(levels, points).map { $1[$0] }
    }

    /// Points of a fractional level: level 1.5 lies half-way between levels 1 and 2. Clamped to
    /// the criterion's levels, so a grade never leaves its [min, max] points.
    func points(atLevel level: Double, criterion: Int) -> Double {
        let scale = points[criterion]
        guard let first = scale.first, let last = scale.last else { return 0 }
        if level <= 0 { return first }
        if level >= Double(scale.count - 1) { return last }
        let below = Int(level.rounded(.down))
        let fraction = level - Double(below)
        return scale[below] + fraction * (scale[below + 1] - scale[below])
    }
}
