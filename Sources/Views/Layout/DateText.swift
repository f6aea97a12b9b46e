import Domain
import Foundation

/// Dates as people read them. English for now; a later translation changes only this file.
public enum DateText {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "29 Nov 2026" (UTC until people have a time zone setting).
    public static func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        let (year, month, day) = civil(date).date
        return "\(day) \(months[month - 1]) \(year)"
    }

    /// The UTC date and the seconds into that day, by arithmetic (Howard Hinnant's days-to-civil):
    /// a page of fifty dates made formatters (ICU) its main cost.
    static func civil(_ date: Date) -> (date: (year: Int, month: Int, day: Int), seconds: Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return ((yoe + era * 400 + (month <= 2 ? 1 : 0), month, day), total - days * 86_400)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

public extension DateText {
    /// "29 Nov 2026, 14:05 UTC".
    static func dayAndTime(_ date: Date) -> String {
        let (_, seconds) = civil(date)
        return "\(day(date)), \(two(seconds / 3600)):\(two(seconds / 60 % 60)) UTC"
    }

    /// "2026-11-29T14:05:00Z", for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        let ((year, month, day), seconds) = civil(date)
        let yyyy = year >= 1000 ? "\(year)" : String(repeating: "0", count: 4 - String(year).count) + "\(year)"
        return "\(yyyy)-\(two(month))-\(two(day))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    /// "Mon 8 Mar 2027".
    static func day(_ day: Day) -> String {
        "\(weekdays[day.weekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }
}

public extension DateText {
    /// The day that ends at `deadline` (a midnight): "29 Nov 2026" for 30 Nov, 00:00 UTC.
    static func dayBefore(_ deadline: Date) -> String {
        day(deadline.addingTimeInterval(-1))
    }
}
