/// When something happens in a cohort, relative to the cohort's start: "week 2, Monday".
///
/// Week 1 is the week (Monday to Sunday) in which the cohort starts, so the same course fits every
/// company's calendar. A day that falls before the start (week 1, Monday, for a cohort starting on
/// a Wednesday) is the start day itself.
public struct ScheduleOffset: Hashable, Sendable, Codable, CustomStringConvertible {
    public let week: Int
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public let weekday: Int

    public static let weeks = 1...104

    public init?(week: Int, weekday: Int) {
        guard Self.weeks.contains(week), (1...7).contains(weekday) else { return nil }
        self.week = week
        self.weekday = weekday
    }

    /// The real day in a cohort starting on `start`, moved by the cohort's shift.
    public func resolve(start: Day, shiftDays: Int = 0) -> Day {
        let monday = start.adding(days: 1 - start.weekday)
        let day = monday.adding(days: (week - 1) * 7 + weekday - 1)
        return max(day, start).adding(days: shiftDays)
    }

    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    public var description: String { "Week \(week), \(Self.weekdayNames[weekday - 1])" }

    /// Reads the two form fields (`<field>_week`, `<field>_weekday`): both empty means "no date".
    public static func check(week: String?, weekday: String?, field: String, into v: inout Validator) -> ScheduleOffset? {
        let weekText = (week ?? "").trimmingCharacters(in: .whitespaces)
        let dayText = (weekday ?? "").trimmingCharacters(in: .whitespaces)
        if weekText.isEmpty { return nil }
        guard let w = Int(weekText), let d = Int(dayText.isEmpty ? "1" : dayText),
              let offset = ScheduleOffset(week: w, weekday: d) else {
            v.add(field, .outOfRange)
            return nil
        }
        return offset
    }
}
