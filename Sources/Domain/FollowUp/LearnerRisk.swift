import Foundation

/// When each risk rule fires, adjustable per cohort by its trainers. Zero turns a rule off.
public struct RiskThresholds: Codable, Equatable, Sendable {
    /// Days without any activity (a page opened, a post, an attempt…).
    public var inactiveDays: Int
    /// Modules holding work that is past due and not done.
    public var modulesBehind: Int
    /// Failed attempts at one quiz not passed since.
    public var failedAttempts: Int
    /// Live classes missed in a row, counting back from the last one held.
    public var missedLiveClasses: Int
    /// Days into the cohort after which a learner who never wrote in the forum is flagged.
    public var silentDays: Int

    public init(inactiveDays: Int, modulesBehind: Int, failedAttempts: Int, missedLiveClasses: Int, silentDays: Int) {
        self.inactiveDays = inactiveDays
        self.modulesBehind = modulesBehind
        self.failedAttempts = failedAttempts
        self.missedLiveClasses = missedLiveClasses
        self.silentDays = silentDays
    }

    public static let standard = RiskThresholds(inactiveDays: 7, modulesBehind: 1, failedAttempts: 2, missedLiveClasses: 1, silentDays: 14)

    /// The form's fields, in order, with the largest value each takes.
    public static let fields: [(name: String, max: Int)] = [
        ("inactive_days", 365), ("modules_behind", 50), ("failed_attempts", 20), ("missed_live_classes", 20), ("silent_days", 365),
    ]

    /// Whole numbers from 0 (off) to the field's maximum; every problem at once.
    public static func check(_ values: [String: String?]) throws(ValidationErrors) -> RiskThresholds {
        var v = Validator()
        var numbers: [String: Int] = [:]
        for (name, max) in fields {
            let text = (values[name] ?? nil)?.trimmingCharacters(in: .whitespaces) ?? ""
            if text.isEmpty { v.add(name, .required) }
            else if let number = Int(text), (0...max).contains(number) { numbers[name] = number }
            else { v.add(name, .outOfRange) }
        }
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return RiskThresholds(inactiveDays: numbers["inactive_days"]!, modulesBehind: numbers["modules_behind"]!,
                              failedAttempts: numbers["failed_attempts"]!, missedLiveClasses: numbers["missed_live_classes"]!,
                              silentDays: numbers["silent_days"]!)
    }
}

/// What the risk rules read about one learner, gathered from every feature.
public struct LearnerFacts: Equatable, Sendable {
    /// A quiz failed at least once and not passed since.
    public struct FailedQuiz: Equatable, Sendable {
        public let title: String
        public let failures: Int
        public init(title: String, failures: Int) {
            self.title = title
            self.failures = failures
        }
    }

    /// When they joined the cohort, or when it started if that is later.
    public var since: Date
    /// The last time they did anything; nil when never.
    public var lastActiveAt: Date?
    /// Modules with work past due and not done.
    public var modulesBehind: Int
    public var failedQuizzes: [FailedQuiz]
    /// Live classes missed in a row, back from the last one held (0 when they came to it).
    public var missedLiveInARow: Int
    /// Forum threads and replies they wrote.
    public var posts: Int

    public init(since: Date, lastActiveAt: Date?, modulesBehind: Int = 0, failedQuizzes: [FailedQuiz] = [], missedLiveInARow: Int = 0,
                posts: Int = 0) {
        self.since = since
        self.lastActiveAt = lastActiveAt
        self.modulesBehind = modulesBehind
        self.failedQuizzes = failedQuizzes
        self.missedLiveInARow = missedLiveInARow
        self.posts = posts
    }
}

/// One reason a learner may need attention; the Views layer says it in words.
public enum RiskReason: Hashable, Sendable {
    /// No activity for `days` (counted from joining when they never did anything: `ever` false).
    case inactive(days: Int, ever: Bool)
    case behindSchedule(modules: Int)
    case failedQuiz(title: String, times: Int)
    case missedLiveClasses(Int)
    case neverPosted

    public var rule: String {
        switch self {
        case .inactive: "inactive"
        case .behindSchedule: "behind"
        case .failedQuiz: "failed_quiz"
        case .missedLiveClasses: "missed_live"
        case .neverPosted: "never_posted"
        }
    }
}

/// How much attention a learner needs, from the reasons found.
public enum RiskLevel: Int, Comparable, Sendable, CaseIterable {
    case onTrack = 0
    case watch = 1
    case atRisk = 2

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.rawValue < b.rawValue }
}

public struct RiskAssessment: Equatable, Sendable {
    public let level: RiskLevel
    public let reasons: [RiskReason]

    public init(level: RiskLevel, reasons: [RiskReason]) {
        self.level = level
        self.reasons = reasons
    }
}

/// The transparent rule set behind the dashboard's risk column. Each rule fires at its threshold
/// (a threshold of 0 turns it off). One reason is "watch"; two or more, or one at twice its
/// threshold, is "at risk". No weights hidden anywhere else.
public enum RiskRules {
    public static func assess(_ facts: LearnerFacts, thresholds t: RiskThresholds, now: Date) -> RiskAssessment {
        var reasons: [RiskReason] = []
        var severe = false
        let idle = days(from: facts.lastActiveAt ?? facts.since, to: now)
        if t.inactiveDays > 0, idle >= t.inactiveDays {
            reasons.append(.inactive(days: idle, ever: facts.lastActiveAt != nil))
            severe = severe || idle >= 2 * t.inactiveDays
        }
        if t.modulesBehind > 0, facts.modulesBehind >= t.modulesBehind {
            reasons.append(.behindSchedule(modules: facts.modulesBehind))
            severe = severe || facts.modulesBehind >= 2 * t.modulesBehind
        }
        if t.failedAttempts > 0 {
            for quiz in facts.failedQuizzes where quiz.failures >= t.failedAttempts {
                reasons.append(.failedQuiz(title: quiz.title, times: quiz.failures))
                severe = severe || quiz.failures >= 2 * t.failedAttempts
            }
        }
        if t.missedLiveClasses > 0, facts.missedLiveInARow >= t.missedLiveClasses {
            reasons.append(.missedLiveClasses(facts.missedLiveInARow))
            severe = severe || facts.missedLiveInARow >= 2 * t.missedLiveClasses
        }
        if t.silentDays > 0, facts.posts == 0, days(from: facts.since, to: now) >= t.silentDays {
            reasons.append(.neverPosted)
        }
        let level: RiskLevel = reasons.isEmpty ? .onTrack : (reasons.count >= 2 || severe ? .atRisk : .watch)
        return RiskAssessment(level: level, reasons: reasons)
    }

    /// Whole days elapsed, rounded down; never negative.
    static func days(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 86_400).rounded(.down)))
    }

    /// Modules holding an activity due before `today` and not done (due today is not late yet).
    public static func modulesBehind(_ outline: [(module: CourseModule, activities: [Activity])], states: [Activity.ID: ActivityState],
                                     dueDay: (Activity) -> Day?, today: Day) -> Int {
        outline.filter { _, activities in
            activities.contains { activity in
                guard let due = dueDay(activity), due < today else { return false }
                return states[activity.id] != .done
            }
        }.count
    }

    /// Missed classes in a row, counting back from the last one held: `attended` is oldest first.
    public static func missedInARow(_ attended: [Bool]) -> Int {
        attended.reversed().prefix { !$0 }.count
    }

    /// Failures at each quiz since it was last passed, oldest attempt first; quizzes passed on the
    /// last attempt, or never failed, are left out.
    public static func failedQuizzes(_ attempts: [(quiz: String, passed: Bool)]) -> [LearnerFacts.FailedQuiz] {
        var order: [String] = []
        var failures: [String: Int] = [:]
        for attempt in attempts {
            if failures[attempt.quiz] == nil { order.append(attempt.quiz) }
            failures[attempt.quiz] = attempt.passed ? 0 : (failures[attempt.quiz] ?? 0) + 1
        }
        return order.compactMap { quiz in failures[quiz].flatMap { $0 > 0 ? LearnerFacts.FailedQuiz(title: quiz, failures: $0) : nil } }
    }
}
