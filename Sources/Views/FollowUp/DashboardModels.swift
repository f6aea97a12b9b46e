import Domain
import Foundation
import Routes

/// One learner's line in the trainer's dashboard.
public struct DashboardRow: Sendable {
    public let personID: String
    public let name: String
    public let progress: CourseProgress.Part
    public let lastActiveAt: Date?
    public let minutesLastWeek: Int
    public let quizAverage: Int?
    public let weakestTopic: (topic: String, percent: Int)?
    public let reviewsDone: Int
    public let reviewsDue: Int
    public let liveAttended: Int
    public let liveHeld: Int
    public let openHelpRequests: Int
    public let unreadFromThem: Int
    public let risk: RiskAssessment

    public init(personID: String, name: String, progress: CourseProgress.Part, lastActiveAt: Date?, minutesLastWeek: Int,
                quizAverage: Int?, weakestTopic: (topic: String, percent: Int)?, reviewsDone: Int, reviewsDue: Int, liveAttended: Int,
                liveHeld: Int, openHelpRequests: Int, unreadFromThem: Int, risk: RiskAssessment) {
        self.personID = personID; self.name = name; self.progress = progress; self.lastActiveAt = lastActiveAt
        self.minutesLastWeek = minutesLastWeek; self.quizAverage = quizAverage; self.weakestTopic = weakestTopic
        self.reviewsDone = reviewsDone; self.reviewsDue = reviewsDue; self.liveAttended = liveAttended; self.liveHeld = liveHeld
        self.openHelpRequests = openHelpRequests; self.unreadFromThem = unreadFromThem; self.risk = risk
    }
}

/// The columns the table sorts by, each with the order that puts who needs attention first.
public enum DashboardSort: String, Sendable, CaseIterable {
    case risk, name, progress
    case lastActive = "last_active"
    case time, quiz, reviews, live, help, unread

    /// Whether the first click sorts up: names A→Z, progress from the least; counts of what waits
    /// (help, unread) and risk from the most.
    public var ascendingFirst: Bool {
        switch self {
        case .name, .progress, .lastActive, .time, .quiz, .reviews, .live: true
        case .risk, .help, .unread: false
        }
    }

    /// The rows in this order (`ascending` or not), ties by name, then id, so the page is stable.
    public func apply(_ rows: [DashboardRow], ascending: Bool) -> [DashboardRow] {
        rows.sorted { a, b in
            let (x, y) = (key(a), key(b))
            if x != y { return ascending ? x < y : x > y }
            return (a.name, a.personID) < (b.name, b.personID)
        }
    }

    /// A number per row (the name column compares names through the tie-break alone).
    func key(_ row: DashboardRow) -> Double {
        switch self {
        case .risk: Double(row.risk.level.rawValue * 100 + row.risk.reasons.count)
        case .name: 0
        case .progress: Double(row.progress.percent)
        case .lastActive: row.lastActiveAt?.timeIntervalSince1970 ?? -.greatestFiniteMagnitude
        case .time: Double(row.minutesLastWeek)
        case .quiz: Double(row.quizAverage ?? -1)
        case .reviews: Double(row.reviewsDone - row.reviewsDue)
        case .live: Double(row.liveAttended - row.liveHeld)
        case .help: Double(row.openHelpRequests)
        case .unread: Double(row.unreadFromThem)
        }
    }
}

public struct DashboardModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    /// Every learner, before filtering: the counts in the lead.
    public var all: [DashboardRow]
    /// What the table shows, filtered and sorted.
    public var rows: [DashboardRow]
    public var sort: DashboardSort
    public var ascending: Bool
    public var level: RiskLevel?
    public var search: String
    public var thresholds: RiskThresholds
    /// Its trainers and facilitators adjust the thresholds; admins outside it read them.
    public var canAdjust: Bool
    public var errors: [FieldError] = []
    /// Staff of the cohort send nudges from the table; an admin outside it reads.
    public var canNudge = false
    /// The nudge form's id (a second click on the same form sends nothing twice).
    public var nudgeBatch = ""
    /// What was typed in the rules form, shown again with its errors.
    public var submitted: [String: String]?
    public var now: Date

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, all: [DashboardRow], rows: [DashboardRow],
                sort: DashboardSort, ascending: Bool, level: RiskLevel?, search: String, thresholds: RiskThresholds, canAdjust: Bool,
                now: Date) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.all = all; self.rows = rows
        self.sort = sort; self.ascending = ascending; self.level = level; self.search = search; self.thresholds = thresholds
        self.canAdjust = canAdjust; self.now = now
    }

    func route(_ page: FollowUpRoute) -> SiteRoute { .followUp(organizationID, cohortID, page) }

    /// The query that keeps the filters, with another sort.
    func query(sort: DashboardSort? = nil, ascending: Bool? = nil) -> String {
        var items = [("sort", (sort ?? self.sort).rawValue), ("dir", (ascending ?? self.ascending) ? "asc" : "desc")]
        if let level { items.append(("risk", RiskText.key(level))) }
        if !search.isEmpty { items.append(("q", search)) }
        return "?" + items.map { "\($0.0)=\(SiteRoute.percentEncoded($0.1))" }.joined(separator: "&")
    }
}

/// Risk levels and reasons in words: what the dashboard, the learner's page and the CSV say.
public enum RiskText {
    public static func level(_ level: RiskLevel) -> String {
        switch level {
        case .onTrack: "On track"
        case .watch: "Watch"
        case .atRisk: "At risk"
        }
    }

    /// The level in the address: `at_risk`, `watch`, `on_track`.
    public static func key(_ level: RiskLevel) -> String {
        switch level {
        case .onTrack: "on_track"
        case .watch: "watch"
        case .atRisk: "at_risk"
        }
    }

    public static func level(key: String?) -> RiskLevel? { RiskLevel.allCases.first { self.key($0) == key } }

    public static func reason(_ reason: RiskReason) -> String {
        switch reason {
        case .inactive(let days, true): "no activity for \(days) days"
        case .inactive(let days, false): "no activity since joining \(days) days ago"
        case .behindSchedule(let modules): modules == 1 ? "1 module behind schedule" : "\(modules) modules behind schedule"
        case .failedQuiz(let title, let times): "failed “\(title)” \(times == 1 ? "once" : times == 2 ? "twice" : "\(times) times")"
        case .missedLiveClasses(let count): count == 1 ? "missed the last live class" : "missed the last \(count) live classes"
        case .neverPosted: "never posted in the forum"
        }
    }

    public static func reasons(_ assessment: RiskAssessment) -> String {
        assessment.reasons.map(reason).joined(separator: "; ")
    }
}
