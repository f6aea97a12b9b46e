import Domain
import Foundation

/// The dashboard's rows as CSV (RFC 4180, CRLF), for a spreadsheet: the same figures and the risk
/// reasons in words. A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) is prefixed with `'`, so a learner's name cannot become one.
public enum DashboardCSV {
    public static let header = [
        "Learner", "Risk", "Reasons", "Progress %", "Activities done", "Activities counted", "Last active (UTC)", "Minutes, last 7 days", "Quiz average %",
        "Weakest topic", "Weakest topic %", "Peer reviews done", "Peer reviews due", "Live classes attended", "Live classes held",
        "Open help requests", "Unread messages",
    ]

    public static func render(_ rows: [DashboardRow], now: Date) -> String {
        var lines = [line(header)]
        for row in rows {
            lines.append(line([
                row.name, RiskText.level(row.risk.level), RiskText.reasons(row.risk), "\(row.progress.percent)", "\(row.progress.done)",
                "\(row.progress.total)", row.lastActiveAt.map(DateText.iso) ?? "", "\(row.minutesLastWeek)",
                row.quizAverage.map(String.init) ?? "", row.weakestTopic?.topic ?? "", row.weakestTopic.map { "\($0.percent)" } ?? "",
                "\(row.reviewsDone)", "\(row.reviewsDue)", "\(row.liveAttended)", "\(row.liveHeld)", "\(row.openHelpRequests)",
                "\(row.unreadFromThem)",
            ]))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") }

    /// One cell, defused and quoted when it holds a comma, quote or line break.
    public static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
