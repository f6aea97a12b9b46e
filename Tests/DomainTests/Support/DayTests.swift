import Foundation
import Testing
@testable import Domain

@Suite struct DayTests {
    @Test(arguments: [
        ("2026-01-05", 2026, 1, 5),
        ("2024-02-29", 2024, 2, 29),   // divisible by 4
        ("2000-02-29", 2000, 2, 29),   // divisible by 400
        ("1900-01-01", 1900, 1, 1),    // lower bound
        ("9999-12-31", 9999, 12, 31),  // upper bound
        ("2026-04-30", 2026, 4, 30),
        ("2026-12-31", 2026, 12, 31),
    ])
    func parsesValidDays(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(text))
        #expect(parsed.year == year)
        #expect(parsed.month == month)
        #expect(parsed.day == day)
        #expect(parsed.description == text)
    }

    @Test(arguments: [
        "2027-02-29",           // not a leap year
        "1900-02-29",           // century, not divisible by 400
        "2100-02-29",
        "2026-04-31",           // 30-day month
        "2026-02-30",
        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "1899-12-31",           // before the supported range
        "2026-1-5", "2026-01-5", "26-01-05", "02026-01-05",
        "2026/01/05", "20260105", "2026-01", "2026-01-05-01",
        "", "--", "2026--05", "-2026-01-05",
        " 2026-01-05", "2026-01-05 ", "2026-01-05T00:00",
        "+026-01-05", "2026-+1-05", "2026-01-+5", "abcd-ef-gh",
        "٢٠٢٦-٠١-٠٥",           // Arabic-Indic digits
        "２０２６-０１-０５",      // full-width digits
        "2026-0١-05",           // one non-ASCII digit
    ])
    func rejectsInvalidText(text: String) {
        #expect(Day(text) == nil)
    }

    @Test(arguments: [(2026, 2, 29), (2026, 0, 1), (2026, 13, 1), (1899, 1, 1), (10000, 1, 1), (2026, 6, 31), (2026, 1, 0)])
    func rejectsInvalidComponents(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test(arguments: [(2024, 29), (2023, 28), (1900, 28), (2000, 29), (2100, 28), (2400, 29)])
    func february(year: Int, days: Int) {
        #expect(Day.daysIn(month: 2, year: year) == days)
        #expect(Day(year: year, month: 2, day: days) != nil)
        #expect(Day(year: year, month: 2, day: days + 1) == nil)
    }

    @Test func descriptionPadsMonthAndDay() throws {
        #expect(try #require(Day(year: 2026, month: 3, day: 7)).description == "2026-03-07")
        #expect(try #require(Day(year: 2026, month: 11, day: 10)).description == "2026-11-10")
    }

    @Test func ordersByYearThenMonthThenDay() throws {
        let days = try ["2026-01-31", "2025-12-31", "2026-02-01", "2026-01-01"].map { try #require(Day($0)) }
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01"])
        let parsed = try #require(Day("2026-01-05"))
        let built = try #require(Day(year: 2026, month: 1, day: 5))
        #expect(parsed == built)
        #expect(!(parsed < built) && !(built < parsed))
    }

    @Test func codableRoundTripUsesTheTextForm() throws {
        let day = try #require(Day("2024-02-29"))
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
    }

    @Test(arguments: [#"["2027-02-29"]"#, #"["2026-1-5"]"#, #"[20260105]"#, #"[""]"#])
    func decodingRejectsInvalidDays(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data(json.utf8))
        }
    }
}
