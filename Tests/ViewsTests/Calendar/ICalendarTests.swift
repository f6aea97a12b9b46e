import Domain
import Foundation
import Testing
@testable import Views

@Suite struct ICalendarTests {
    static let event = ICalendar.Event(uid: "a@atelier", day: Day("2027-03-05")!, summary: "Due: Five whys; at the depot, part 1",
                                       description: "Line one\nLine two \\ end", url: "https://learn.example/x")

    @Test func writesAllDayEventsWithCRLFAndEscapedText() {
        let text = ICalendar(name: "Atelier — Lea", events: [Self.event]).render(now: Date(timeIntervalSince1970: 0))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20270305\r\n"))
        #expect(text.contains("DTEND;VALUE=DATE:20270306\r\n"))
        #expect(text.contains("DTSTAMP:19700101T000000Z\r\n"))
        #expect(text.contains("SUMMARY:Due: Five whys\\; at the depot\\, part 1\r\n"))
        #expect(text.contains("DESCRIPTION:Line one\\nLine two \\\\ end\r\n"))
    }

    @Test func foldsLongLinesAtSeventyFiveOctetsWithoutSplittingCharacters() {
        let long = String(repeating: "é", count: 100) + String(repeating: "x", count: 80)
        let text = ICalendar(name: "n", events: [ICalendar.Event(uid: "u", day: Day("2027-01-01")!, summary: long, description: "",
                                                               url: nil)]).render()
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + long + "\r\n"))
    }

    @Test func dropsControlCharacters() {
        #expect(ICalendar.escape("a\u{0}b\u{7}c") == "abc")
        #expect(ICalendar.escape("x\r\ny") == "x\\ny")
    }
}
