import Foundation
import Testing
@testable import Domain

@Suite struct DayArithmeticTests {
    @Test(arguments: [
        ("1970-01-01", 4), ("2026-11-29", 7), ("2026-11-30", 1), ("2000-02-29", 2), ("2027-01-01", 5), ("1999-12-31", 5),
    ])
    func weekday(day: String, iso: Int) throws {
        #expect(try #require(Day(day)).weekday == iso)
    }

    @Test(arguments: [
        ("2026-12-31", 1, "2027-01-01"), ("2028-02-28", 1, "2028-02-29"), ("2100-02-28", 1, "2100-03-01"),
        ("2026-03-01", -1, "2026-02-28"), ("2026-01-05", 364, "2027-01-04"), ("2026-01-05", 0, "2026-01-05"),
    ])
    func adding(day: String, days: Int, expected: String) throws {
        let start = try #require(Day(day))
        #expect(start.adding(days: days).description == expected)
        #expect(start.days(to: start.adding(days: days)) == days)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() throws {
        var day = try #require(Day("1900-01-01"))
        var weekday = day.weekday
        for offset in 0..<(400 * 366) {  // 1900 to 2299: every leap-year rule
            let next = day.adding(days: 1)
            weekday = weekday % 7 + 1
            if next.weekday != weekday || day.days(to: next) != 1 || !(next > day) {
                Issue.record("broke after \(offset) days at \(day)")
                return
            }
            day = next
            if day.year >= 2299 { break }
        }
    }

    @Test func theUTCDayOfAnInstantAgreesWithTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let instants = [0, 86_399, 86_400, 951_782_400, 1_795_996_799, 1_795_996_800].map { Date(timeIntervalSince1970: $0) }
            + (0..<300).map { _ in Date(timeIntervalSince1970: .random(in: -2_000_000_000...7_000_000_000)) }
        for instant in instants {
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            let day = Day(utc: instant)
            #expect(day == Day(year: parts.year!, month: parts.month!, day: parts.day!), "\(instant)")
            #expect(day.startInUTC <= instant && instant < day.adding(days: 1).startInUTC)
        }
    }
}
