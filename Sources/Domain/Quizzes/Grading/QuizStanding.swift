import Foundation

/// Where one learner stands at one quiz after all their graded attempts, kept small enough to
/// store per learner and quiz and read for a whole cohort at once: the best percent, and what
/// "failures since the last pass" needs for any pass mark.
///
/// The failures since the last pass, at a pass mark, are the longest run of latest attempts that
/// all fall short of it. That depends only on the maxima of the trailing runs: `trail` lists each
/// maximum a trailing run reaches and the longest run with that maximum, the lowest first.
/// [90, 40, 55, 30] gives (30, 1), (55, 3), (90, 4): at a pass mark of 60 the last three attempts
/// failed, at 95 all four. A pass mark changed later needs nothing rewritten.
public struct QuizStanding: Equatable, Sendable {
    public struct Step: Equatable, Sendable {
        /// The best percent of the last `count` attempts…
        public let best: Double
        /// …and of no more of them.
        public let count: Int
    }

    /// Trailing maxima, growing, shortest run first; the last one covers every attempt.
    public private(set) var trail: [Step] = []

    /// Graded attempts folded in.
    public var attempts: Int { trail.last?.count ?? 0 }
    /// The best percent of any graded attempt; nil before one.
    public var best: Double? { trail.last?.best }

    public init() {}

    /// The standing after these graded attempts' percents, oldest first.
    public init(percents: some Sequence<Double>) {
        for percent in percents { add(percent) }
    }

    /// A newer graded attempt.
    public mutating func add(_ percent: Double) {
        let reaching = trail.last { $0.best <= percent }?.count ?? 0
        trail = [Step(best: percent, count: reaching + 1)] + trail.filter { $0.best > percent }.map { Step(best: $0.best, count: $0.count + 1) }
    }

    /// How many of the latest attempts failed, back to the last pass (all of them if none passed).
    public func failures(atPercent passMark: Double) -> Int {
        trail.last { $0.best + QuizScore.passSlack < passMark }?.count ?? 0
    }

    /// `best:count` pairs, comma-separated: what the store keeps.
    public var stored: String {
        trail.map { "\($0.best):\($0.count)" }.joined(separator: ",")
    }

    /// From the store; nil for text it never wrote.
    public init?(stored text: String) {
        var trail: [Step] = []
        for pair in text.split(separator: ",", omittingEmptySubsequences: false) where !text.isEmpty {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Double(parts[0]), value.isFinite, let count = Int(parts[1]), count > 0,
                  count > (trail.last?.count ?? 0), value > (trail.last?.best ?? -.infinity) else { return nil }
            trail.append(Step(best: value, count: count))
        }
        self.trail = trail
    }
}
