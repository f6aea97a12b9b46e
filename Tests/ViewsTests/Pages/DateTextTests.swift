import Foundation
import Testing
@testable import Views

/// Dates are written by arithmetic, not formatters (formatters were a forum page's main cost):
/// the same text as Foundation's, over centuries, leap days and times before 1970.
@Suite struct DateTextTests {
    @Test func theSameAsFoundationsFormatters() {
        let formatter = ISO8601DateFormatter()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var instants: [TimeInterval] = [0, -1, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_399, -2_208_988_800, 1_796_000_000.75]
        var state: UInt64 = 42
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(TimeInterval(Int64(bitPattern: state >> 1) % 8_000_000_000) - 3_000_000_000)
        }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(DateText.iso(date) == formatter.string(from: date), "\(seconds)")
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = "\(parts.day!) \(months[parts.month! - 1]) \(parts.year!), " + String(format: "%02d:%02d UTC", parts.hour!, parts.minute!)
            #expect(DateText.dayAndTime(date) == expected, "\(seconds)")
        }
    }
}
