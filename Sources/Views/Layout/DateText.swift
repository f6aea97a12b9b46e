import Domain
import Foundation

/// Dates as people read them. English for now; a later translation changes only this file.
public enum DateText {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "29 Nov 2026" (UTC until people have a time zone setting).
    public static func day(_ date: Date?) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!)"
    }
}

public extension DateText {
    /// "29 Nov 2026, 14:05 UTC".
    static func dayAndTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let minutes = ((seconds % 86_400 + 86_400) % 86_400) / 60
        let hh = minutes / 60, mm = minutes % 60
        return "\(day(date)), \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm) UTC"
    }

    /// "2026-11-29T14:05:00Z", for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// "Mon 8 Mar 2027".
    static func day(_ day: Day) -> String {
        "\(weekdays[day.weekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }
}
