import Domain
import Foundation
import Testing

@Suite struct LearnerRiskTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    /// Someone active yesterday, a month into the cohort, who posted: nothing to say.
    static let fine = LearnerFacts(since: daysAgo(30), lastActiveAt: daysAgo(1), posts: 3)

    static func assess(_ change: (inout LearnerFacts) -> Void, _ thresholds: RiskThresholds = .standard) -> RiskAssessment {
        var facts = fine
        change(&facts)
        return RiskRules.assess(facts, thresholds: thresholds, now: now)
    }

    @Test(arguments: [
        // (days idle, ever active, expected reasons, expected level)
        (6.9, true, [RiskReason](), RiskLevel.onTrack),
        (7.0, true, [.inactive(days: 7, ever: true)], .watch),
        (9.5, true, [.inactive(days: 9, ever: true)], .watch),
        (14.0, true, [.inactive(days: 14, ever: true)], .atRisk),
        (8.0, false, [.inactive(days: 8, ever: false)], .watch),
    ])
    func inactivityCountsWholeDaysFromTheLastActivityOrFromJoining(idle: Double, ever: Bool, reasons: [RiskReason], level: RiskLevel) {
        let result = Self.assess {
            if ever { $0.lastActiveAt = Self.daysAgo(idle) } else { $0.lastActiveAt = nil; $0.since = Self.daysAgo(idle); $0.posts = 1 }
        }
        #expect(result.reasons == reasons)
        #expect(result.level == level)
    }

    @Test(arguments: [(0, [RiskReason](), RiskLevel.onTrack), (1, [.behindSchedule(modules: 1)], .watch),
                      (2, [.behindSchedule(modules: 2)], .atRisk)])
    func modulesBehindSchedule(modules: Int, reasons: [RiskReason], level: RiskLevel) {
        let result = Self.assess { $0.modulesBehind = modules }
        #expect(result.reasons == reasons)
        #expect(result.level == level)
    }

    @Test func aQuizFailedTwiceIsNamedAndOneFailureIsNot() {
        let result = Self.assess {
            $0.failedQuizzes = [.init(title: "Module 1 check", failures: 1), .init(title: "Module 2 quiz", failures: 2)]
        }
        #expect(result.reasons == [.failedQuiz(title: "Module 2 quiz", times: 2)])
        #expect(result.level == .watch)
        #expect(Self.assess { $0.failedQuizzes = [.init(title: "Module 2 quiz", failures: 4)] }.level == .atRisk, "twice the threshold")
    }

    @Test func missedLiveClassesAndSilence() {
        #expect(Self.assess { $0.missedLiveInARow = 1 }.reasons == [.missedLiveClasses(1)])
        #expect(Self.assess { $0.missedLiveInARow = 2 }.level == .atRisk)
        #expect(Self.assess { $0.posts = 0 }.reasons == [.neverPosted], "a month in without a post")
        #expect(Self.assess { $0.posts = 0; $0.since = Self.daysAgo(13) }.reasons.isEmpty, "too early to say")
    }

    @Test func twoReasonsMakeAtRiskInTheOrderOfTheRules() {
        let result = Self.assess { $0.posts = 0; $0.lastActiveAt = Self.daysAgo(8); $0.missedLiveInARow = 1 }
        #expect(result.reasons == [.inactive(days: 8, ever: true), .missedLiveClasses(1), .neverPosted])
        #expect(result.level == .atRisk)
    }

    @Test func aThresholdOfZeroTurnsItsRuleOff() {
        let off = RiskThresholds(inactiveDays: 0, modulesBehind: 0, failedAttempts: 0, missedLiveClasses: 0, silentDays: 0)
        let result = Self.assess({
            $0.lastActiveAt = nil; $0.since = Self.daysAgo(100); $0.modulesBehind = 5; $0.posts = 0; $0.missedLiveInARow = 5
            $0.failedQuizzes = [.init(title: "Q", failures: 9)]
        }, off)
        #expect(result == RiskAssessment(level: .onTrack, reasons: []))
    }

    @Test func activityInTheFutureIsNotNegativeIdleness() {
        #expect(Self.assess { $0.lastActiveAt = Self.now.addingTimeInterval(3600) }.level == .onTrack)
    }

    @Test func failuresCountSinceTheLastPass() {
        let attempts: [(quiz: String, passed: Bool)] = [
            ("A", false), ("B", false), ("A", true), ("A", false), ("B", false), ("C", true), ("B", false),
        ]
        #expect(RiskRules.failedQuizzes(attempts) == [.init(title: "A", failures: 1), .init(title: "B", failures: 3)])
        #expect(RiskRules.failedQuizzes([("A", false), ("A", true)]).isEmpty)
    }

    @Test func missedInARowCountsBackFromTheLastClass() {
        #expect(RiskRules.missedInARow([]) == 0)
        #expect(RiskRules.missedInARow([false, true, false, false]) == 2)
        #expect(RiskRules.missedInARow([false, false, true]) == 0)
    }

    @Test func modulesBehindCountsModulesWithOverdueWorkNotDone() {
        let m1 = CourseModule(id: .init(UUID()), title: "One", position: 0, unlock: nil)
        let m2 = CourseModule(id: .init(UUID()), title: "Two", position: 1, unlock: nil)
        func activity(_ module: CourseModule, _ position: Int) -> Activity {
            Activity(id: .init(UUID()), moduleID: module.id, kind: .lesson, title: "A\(position)", estimatedMinutes: 5, required: true,
                     position: position, due: nil)
        }
        let a = activity(m1, 0), b = activity(m1, 1), c = activity(m2, 0), d = activity(m2, 1)
        let today = Day(year: 2027, month: 3, day: 10)!
        let due: [Activity.ID: Day] = [a.id: today.adding(days: -3), b.id: today.adding(days: -1), c.id: today, d.id: today.adding(days: -2)]
        let outline = [(module: m1, activities: [a, b]), (module: m2, activities: [c, d])]
        func behind(_ states: [Activity.ID: ActivityState]) -> Int {
            RiskRules.modulesBehind(outline, states: states, dueDay: { due[$0.id] }, today: today)
        }
        #expect(behind([:]) == 2)
        #expect(behind([a.id: .done, b.id: .started]) == 2, "started is not done")
        #expect(behind([a.id: .done, b.id: .done]) == 1)
        #expect(behind([a.id: .done, b.id: .done, d.id: .done]) == 0, "due today is not late")
    }

    @Test func thresholdsAreCheckedFieldByField() throws {
        let good: [String: String?] = ["inactive_days": "10", "modules_behind": "0", "failed_attempts": " 3 ", "missed_live_classes": "1",
                                       "silent_days": "21"]
        #expect(try RiskThresholds.check(good)
            == RiskThresholds(inactiveDays: 10, modulesBehind: 0, failedAttempts: 3, missedLiveClasses: 1, silentDays: 21))
        var bad = good
        bad["inactive_days"] = "-1"; bad["silent_days"] = "abc"; bad["modules_behind"] = nil; bad["failed_attempts"] = "21"
        do {
            _ = try RiskThresholds.check(bad)
            Issue.record("accepted bad thresholds")
        } catch {
            #expect(Set(error.errors) == [FieldError("inactive_days", .outOfRange), FieldError("silent_days", .outOfRange),
                                          FieldError("modules_behind", .required), FieldError("failed_attempts", .outOfRange)])
        }
    }
}
