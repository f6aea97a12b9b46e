import Foundation

/// A personal message from a template: `{first name}`, `{next activity}`, `{due date}` and
/// `{live class}` are replaced by each learner's own values.
public struct NudgeTemplate: Equatable, Sendable {
    public static let placeholders = ["first name", "next activity", "due date", "live class"]
    public static let maximumLength = 2_000

    public let text: String

    /// Checks the text: present, not too long, and only known placeholders (a typo such as
    /// `{firstname}` would reach every learner as it is).
    public static func check(_ text: String?, field: String = "message") throws(ValidationErrors) -> NudgeTemplate {
        var v = Validator()
        let trimmed = v.text(text?.replacingOccurrences(of: "\r\n", with: "\n"), field: field, max: maximumLength, multiline: true)
        if v.errors.isEmpty, !unknownPlaceholders(in: trimmed).isEmpty { v.add(field, .invalid) }
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return NudgeTemplate(text: trimmed)
    }

    init(text: String) { self.text = text }

    /// Names between braces that are not placeholders.
    public static func unknownPlaceholders(in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close].lowercased()
            if !placeholders.contains(name) { found.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// The text for one learner; a placeholder without a value becomes a neutral phrase.
    public func render(_ values: [String: String]) -> String {
        var result = text
        for name in Self.placeholders {
            let value = values[name].flatMap { $0.isEmpty ? nil : $0 } ?? Self.fallback[name] ?? ""
            result = result.replacingOccurrences(of: "{\(name)}", with: value, options: .caseInsensitive)
        }
        return result
    }

    static let fallback = ["first name": "there", "next activity": "the next activity", "due date": "soon",
                           "live class": "the last live class"]

    /// What each automatic nudge says, unless the cohort's trainers wrote their own.
    public static let automatic: [NudgeEvent.Kind: String] = [
        .inactive: "Hi {first name}, we have not seen you in the course for a few days. Your next step is {next activity}. Is anything in the way? Just answer here.",
        .dueSoon: "Hi {first name}, {next activity} is due on {due date}. A few minutes today will get you there — answer here if you need a hand.",
        .missedLive: "Hi {first name}, we missed you at {live class}. The notes (and the recording, when there is one) are on its page; answer here if you have questions.",
    ]
}

/// Something that calls for an automatic nudge, with the key that makes it happen once per learner.
public struct NudgeEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case inactive, dueSoon = "due_soon", missedLive = "missed_live"
    }

    public let kind: Kind
    /// Unique per learner and occasion: one inactive spell (the day of the last activity), one
    /// due date of one activity, one live class.
    public let key: String

    public init(kind: Kind, key: String) {
        self.kind = kind
        self.key = key
    }
}

/// When the cohort's trainers want automatic nudges sent. Zero (or false) turns one off.
public struct NudgeSettings: Codable, Equatable, Sendable {
    /// After this many days without activity.
    public var inactiveDays: Int
    /// This many days before a due date of work not done.
    public var daysBeforeDue: Int
    public var afterMissedLive: Bool
    /// No automatic nudge from this hour to that one, in the cohort's time zone (equal: none).
    public var quietFrom: Int
    public var quietUntil: Int

    public init(inactiveDays: Int, daysBeforeDue: Int, afterMissedLive: Bool, quietFrom: Int, quietUntil: Int) {
        self.inactiveDays = inactiveDays
        self.daysBeforeDue = daysBeforeDue
        self.afterMissedLive = afterMissedLive
        self.quietFrom = quietFrom
        self.quietUntil = quietUntil
    }

    /// Off until the trainers choose; quiet from 20:00 to 08:00.
    public static let off = NudgeSettings(inactiveDays: 0, daysBeforeDue: 0, afterMissedLive: false, quietFrom: 20, quietUntil: 8)

    public var isOn: Bool { inactiveDays > 0 || daysBeforeDue > 0 || afterMissedLive }

    public static func check(_ values: [String: String?]) throws(ValidationErrors) -> NudgeSettings {
        var v = Validator()
        func number(_ name: String, _ range: ClosedRange<Int>) -> Int {
            let text = (values[name] ?? nil)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !text.isEmpty else { v.add(name, .required); return 0 }
            guard let value = Int(text), range.contains(value) else { v.add(name, .outOfRange); return 0 }
            return value
        }
        let settings = NudgeSettings(inactiveDays: number("inactive_days", 0...90), daysBeforeDue: number("days_before_due", 0...14),
                                     afterMissedLive: (values["after_missed_live"] ?? nil) == "on",
                                     quietFrom: number("quiet_from", 0...23), quietUntil: number("quiet_until", 0...23))
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return settings
    }

    /// Whether `hour` (0–23, local) falls in the quiet hours; they may run past midnight.
    public func isQuiet(hour: Int) -> Bool {
        guard quietFrom != quietUntil else { return false }
        return quietFrom < quietUntil ? (quietFrom..<quietUntil).contains(hour) : (hour >= quietFrom || hour < quietUntil)
    }
}

/// What the automatic nudges read about one learner.
public struct NudgeFacts: Equatable, Sendable {
    /// The day of their last activity (or of joining, when never active).
    public var lastActiveDay: Day
    /// Their next piece of work not done and its due day, if it has one.
    public var nextDue: (activity: String, day: Day)?
    /// The last live class held, when they missed it.
    public var missedLive: String?

    public init(lastActiveDay: Day, nextDue: (activity: String, day: Day)? = nil, missedLive: String? = nil) {
        self.lastActiveDay = lastActiveDay
        self.nextDue = nextDue
        self.missedLive = missedLive
    }

    public static func == (a: NudgeFacts, b: NudgeFacts) -> Bool {
        a.lastActiveDay == b.lastActiveDay && a.nextDue?.activity == b.nextDue?.activity && a.nextDue?.day == b.nextDue?.day
            && a.missedLive == b.missedLive
    }
}

/// Decides the automatic nudges due for one learner: each event at most once (its key is not in
/// `sent`), none for a learner who muted them, none during quiet hours (they wait for the
/// morning), none within `spacing` of the last automatic one (so three reasons make three
/// nudges on three days, not three in a quarter of an hour), the first by the order of `Kind`.
public enum NudgePlanner {
    public static let spacing: TimeInterval = 20 * 3600

    public static func due(_ facts: NudgeFacts, settings: NudgeSettings, sent: Set<String>, muted: Bool, today: Day,
                           localHour: Int, lastNudgedAt: Date? = nil, now: Date = .distantFuture) -> NudgeEvent? {
        guard settings.isOn, !muted, !settings.isQuiet(hour: localHour) else { return nil }
        if let last = lastNudgedAt, now.timeIntervalSince(last) < spacing { return nil }
        var events: [NudgeEvent] = []
        if settings.inactiveDays > 0, facts.lastActiveDay.days(to: today) >= settings.inactiveDays {
            events.append(NudgeEvent(kind: .inactive, key: "inactive:\(facts.lastActiveDay)"))
        }
        if settings.daysBeforeDue > 0, let next = facts.nextDue {
            let left = today.days(to: next.day)
            if left >= 0, left <= settings.daysBeforeDue {
                events.append(NudgeEvent(kind: .dueSoon, key: "due:\(next.activity):\(next.day)"))
            }
        }
        if settings.afterMissedLive, let session = facts.missedLive {
            events.append(NudgeEvent(kind: .missedLive, key: "live:\(session)"))
        }
        return events.first { !sent.contains($0.key) }
    }
}
