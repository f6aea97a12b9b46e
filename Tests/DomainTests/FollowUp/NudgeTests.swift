import Domain
import Foundation
import Testing

@Suite struct NudgeTests {
    static let today = Day(year: 2027, month: 3, day: 10)!
    static let on = NudgeSettings(inactiveDays: 5, daysBeforeDue: 2, afterMissedLive: true, quietFrom: 20, quietUntil: 8)

    static func due(_ facts: NudgeFacts, _ settings: NudgeSettings = on, sent: Set<String> = [], muted: Bool = false,
                    hour: Int = 10) -> NudgeEvent? {
        NudgePlanner.due(facts, settings: settings, sent: sent, muted: muted, today: today, localHour: hour)
    }

    @Test(arguments: [(4, false), (5, true), (12, true)])
    func inactivityFromTheThreshold(days: Int, expected: Bool) {
        let event = Self.due(NudgeFacts(lastActiveDay: Self.today.adding(days: -days)))
        #expect((event?.kind == .inactive) == expected)
    }

    @Test func eachEventOnlyOnceAndOneSpellAtATime() {
        let facts = NudgeFacts(lastActiveDay: Self.today.adding(days: -6))
        let first = Self.due(facts)
        #expect(first == NudgeEvent(kind: .inactive, key: "inactive:2027-03-04"))
        #expect(Self.due(facts, sent: [first!.key]) == nil, "never twice for the same spell")
        let later = NudgeFacts(lastActiveDay: Self.today.adding(days: -5))
        #expect(Self.due(later, sent: [first!.key])?.key == "inactive:2027-03-05", "a new spell after activity")
    }

    @Test(arguments: [(-1, false), (0, true), (2, true), (3, false)])
    func dueSoonWithinTheWindow(daysLeft: Int, expected: Bool) {
        let facts = NudgeFacts(lastActiveDay: Self.today, nextDue: ("lesson-1", Self.today.adding(days: daysLeft)))
        #expect((Self.due(facts)?.kind == .dueSoon) == expected)
    }

    @Test func missedLiveAndTheOrderOfKinds() {
        let facts = NudgeFacts(lastActiveDay: Self.today.adding(days: -9), nextDue: ("a", Self.today), missedLive: "s1")
        #expect(Self.due(facts)?.kind == .inactive, "one per run, inactivity first")
        #expect(Self.due(facts, sent: ["inactive:2027-03-01"])?.kind == .dueSoon)
        #expect(Self.due(facts, sent: ["inactive:2027-03-01", "due:a:2027-03-10"]) == NudgeEvent(kind: .missedLive, key: "live:s1"))
        #expect(Self.due(facts, sent: ["inactive:2027-03-01", "due:a:2027-03-10", "live:s1"]) == nil)
    }

    @Test func oneAutomaticNudgeADayAtMost() {
        let facts = NudgeFacts(lastActiveDay: Self.today.adding(days: -9), missedLive: "s1")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func due(lastHoursAgo: Double) -> NudgeEvent? {
            NudgePlanner.due(facts, settings: Self.on, sent: ["inactive:2027-03-01"], muted: false, today: Self.today, localHour: 10,
                             lastNudgedAt: now.addingTimeInterval(-lastHoursAgo * 3600), now: now)
        }
        #expect(due(lastHoursAgo: 0.1) == nil)
        #expect(due(lastHoursAgo: 19.9) == nil)
        #expect(due(lastHoursAgo: 20) == NudgeEvent(kind: .missedLive, key: "live:s1"))
    }

    @Test func muteOffAndQuietHoursSendNothing() {
        let facts = NudgeFacts(lastActiveDay: Self.today.adding(days: -30), missedLive: "s1")
        #expect(Self.due(facts, muted: true) == nil)
        #expect(Self.due(facts, .off) == nil)
        for hour in [20, 23, 0, 7] { #expect(Self.due(facts, hour: hour) == nil, "quiet at \(hour)") }
        for hour in [8, 12, 19] { #expect(Self.due(facts, hour: hour) != nil, "awake at \(hour)") }
        let daytimeQuiet = NudgeSettings(inactiveDays: 5, daysBeforeDue: 0, afterMissedLive: false, quietFrom: 12, quietUntil: 14)
        #expect(daytimeQuiet.isQuiet(hour: 13) && !daytimeQuiet.isQuiet(hour: 14) && !daytimeQuiet.isQuiet(hour: 11))
        #expect(!NudgeSettings(inactiveDays: 1, daysBeforeDue: 0, afterMissedLive: false, quietFrom: 9, quietUntil: 9).isQuiet(hour: 9))
    }

    @Test func templatesKnowTheirPlaceholders() throws {
        let template = try NudgeTemplate.check("Hi {First name}, {next activity} is due {due date}.")
        #expect(template.render(["first name": "Lea", "next activity": "“Pricing”", "due date": "Friday 12 March"])
            == "Hi Lea, “Pricing” is due Friday 12 March.")
        #expect(template.render([:]) == "Hi there, the next activity is due soon.")
        #expect(throws: ValidationErrors.self) { try NudgeTemplate.check("Hi {firstname}") }
        #expect(throws: ValidationErrors.self) { try NudgeTemplate.check("  ") }
        #expect(throws: ValidationErrors.self) { try NudgeTemplate.check(String(repeating: "x", count: 2_001)) }
        #expect(NudgeTemplate.unknownPlaceholders(in: "{a} {first name} {b") == ["a"])
        for text in NudgeTemplate.automatic.values { #expect(NudgeTemplate.unknownPlaceholders(in: text).isEmpty) }
    }

    @Test func settingsAreChecked() throws {
        let good: [String: String?] = ["inactive_days": "7", "days_before_due": "2", "after_missed_live": "on", "quiet_from": "21",
                                       "quiet_until": "7"]
        #expect(try NudgeSettings.check(good) == NudgeSettings(inactiveDays: 7, daysBeforeDue: 2, afterMissedLive: true, quietFrom: 21,
                                                               quietUntil: 7))
        var bad = good
        bad["quiet_from"] = "24"; bad["inactive_days"] = "-1"
        do { _ = try NudgeSettings.check(bad); Issue.record("accepted") } catch {
            #expect(Set(error.errors.map(\.field)) == ["quiet_from", "inactive_days"])
        }
    }
}
