/// Statistics a trainer reads to judge the questions of a quiz rather than the learners: which
/// ones are too easy or too hard (facility), which ones fail to tell strong learners from weak
/// ones (discrimination), and which wrong options attract people (picks).
///
/// Questions are told apart by a key of the caller's choosing (the question's id, or its slot in
/// a fixed quiz), so attempts that drew questions at random from a bank analyse correctly.
public enum ItemAnalysis {
    /// One question as answered in one attempt.
    public struct Item<Key: Hashable & Sendable>: Hashable, Sendable {
        public var key: Key
        /// What the question was worth in this attempt.
        public var points: Double
        /// The mark's fraction; nil while a trainer has to grade it.
        public var fraction: Double?
        /// What was answered, nil when left unanswered; only choices are read, for the picks.
        public var response: QuestionResponse?

        public init(key: Key, points: Double, fraction: Double?, response: QuestionResponse? = nil) {
            self.key = key
            self.points = points
            self.fraction = fraction
            self.response = response
        }
    }

    /// What the analysis says about one question.
    public struct Statistics: Hashable, Sendable {
        /// Fully graded attempts that held the question: the sample behind facility and
        /// discrimination.
        public var graded: Int
        /// Mean fraction × 100: 100 when everyone got it right. Nil without a graded attempt.
        public var facility: Double?
        /// Pearson correlation × 100 (-100…100) between the question's fraction and the rest of
        /// the test (the attempt's points minus this question's), so a question does not
        /// correlate with itself. Nil with fewer than 2 graded attempts or when either side does
        /// not vary (everyone right, say): no correlation can be read then.
        public var discrimination: Double?
        /// For choice questions, how many attempts picked each option, by option index (options
        /// nobody picked are absent); a multiple-response attempt counts once per option picked.
        public var picks: [Int: Int]
        /// Attempts (graded or not) that held the question but left it unanswered.
        public var unanswered: Int

        public init(graded: Int, facility: Double?, discrimination: Double?, picks: [Int: Int], unanswered: Int) {
            self.graded = graded
            self.facility = facility
            self.discrimination = discrimination
            self.picks = picks
            self.unanswered = unanswered
        }
    }

    /// Analyses attempts, each the list of the questions it held.
    ///
    /// Facility and discrimination only read attempts with nothing pending: an attempt's total
    /// is not known while an essay waits, and counting the essay as 0 would bias every other
    /// question's rest-of-test. Picks and unanswered counts read every attempt. A key listed
    /// twice in one attempt counts once (the first).
    public static func analyse<Key>(_ attempts: [[Item<Key>]]) -> [Key: Statistics] {
        var samples: [Key: (fractions: [Double], rests: [Double])] = [:]
        var statistics: [Key: Statistics] = [:]
        for attempt in attempts {
            var seen = Set<Key>()
            let items = attempt.filter { seen.insert($0.key).inserted }
            let isGraded = items.allSatisfy { $0.fraction != nil }
            let total = QuizScore.total(items.map { ($0.points, QuestionMark(fraction: $0.fraction)) }).earned
            for item in items {
                var stats = statistics[item.key] ?? Statistics(graded: 0, facility: nil, discrimination: nil, picks: [:], unanswered: 0)
                countPicks(item.response, into: &stats)
                statistics[item.key] = stats
                guard isGraded, let fraction = item.fraction else { continue }
                let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
                let own = QuizScore.total([(item.points, QuestionMark(fraction: clamped))]).earned
                samples[item.key, default: ([], [])].fractions.append(clamped)
                samples[item.key, default: ([], [])].rests.append(total - own)
            }
        }
        for (key, sample) in samples {
            statistics[key]?.graded = sample.fractions.count
            statistics[key]?.facility = mean(sample.fractions) * 100
            statistics[key]?.discrimination = correlation(sample.fractions, sample.rests).map { $0 * 100 }
        }
        return statistics
    }

    private static func countPicks(_ response: QuestionResponse?, into stats: inout Statistics) {
        switch response {
        case nil: stats.unanswered += 1
        case let .choice(index)?: stats.picks[index, default: 0] += 1
        case let .choices(indices)?: for index in indices { stats.picks[index, default: 0] += 1 }
        default: break
        }
    }

    private static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// Pearson's r, computed from deviations around the means (numerically steadier than the
    /// sum-of-squares shortcut); nil when undefined.
    static func correlation(_ xs: [Double], _ ys: [Double]) -> Double? {
        guard xs.count == ys.count, xs.count >= 2, varies(xs), varies(ys) else { return nil }
        let meanX = mean(xs), meanY = mean(ys)
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
            varianceY += (y - meanY) * (y - meanY)
        }
        let scale = (varianceX * varianceY).squareRoot()
        guard scale > 0, scale.isFinite else { return nil }
        return min(max(covariance / scale, -1), 1)
    }

    /// Whether the values spread beyond floating-point noise: rests of 0.1 + 0.2 − 0.2 and 0.1
    /// differ in the last bit, and a correlation read from that bit would be noise.
    private static func varies(_ values: [Double]) -> Bool {
        guard let low = values.min(), let high = values.max() else { return false }
        return high - low > 1e-9 * max(abs(low), abs(high))
    }
}
