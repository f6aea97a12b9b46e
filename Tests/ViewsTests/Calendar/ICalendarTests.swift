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

    @Test func writesTimedEventsInUTCWithTheirSequenceOrganizerAndCancellation() {
        let start = Date(timeIntervalSince1970: 1_796_302_800) // 2026-12-03T13:00:00Z
        var event = ICalendar.Event(uid: "live-1@atelier", when: .timed(start: start, end: start.addingTimeInterval(5_400)),
                                    summary: "Live class: Clinic", description: "Bring; your, notes", url: "https://learn.example/l")
        event.sequence = 2
        event.organizer = (name: "Tess \"T\" Trainer;\nX", email: "tess@example.com")
        let text = ICalendar(name: "Clinic", events: [event]).render(now: start)
        #expect(text.contains("METHOD:PUBLISH\r\n"))
        #expect(text.contains("DTSTART:20261203T130000Z\r\nDTEND:20261203T143000Z\r\n"))
        #expect(text.contains("SEQUENCE:2\r\n"))
        #expect(text.contains("ORGANIZER;CN=\"Tess T Trainer;X\":mailto:tess@example.com\r\n"), "a parameter cannot hold quotes or breaks")
        #expect(!text.contains("TRANSP:TRANSPARENT"), "a class takes the time it is in")
        #expect(!text.contains("STATUS:"))
        event.isCancelled = true
        let cancelled = ICalendar(name: "Clinic", events: [event], method: .cancel).render(now: start)
        #expect(cancelled.contains("METHOD:CANCEL\r\n"))
        #expect(cancelled.contains("STATUS:CANCELLED\r\n"))
        #expect(event.day == Day("2026-12-03"))
    }
}

@Suite struct LiveTextTests {
    @Test func countdownsReadLikeAPersonWouldSayThem() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let cases: [(TimeInterval, String)] = [(-5, "now"), (0, "now"), (30, "in 1 min"), (12 * 60, "in 12 min"),
                                               (125 * 60, "in 2 h 05 min"), (47 * 3600 + 59 * 60, "in 47 h 59 min"),
                                               (3 * 86_400 - 60, "in 3 days"), (2 * 86_400 + 11 * 3600, "in 2 days")]
        for (seconds, text) in cases {
            #expect(LiveText.countdown(to: now.addingTimeInterval(seconds), from: now) == text, "\(seconds)")
        }
        #expect(DurationText.minutes(90) == "1 h 30 min")
        #expect(DurationText.minutes(45) == "45 min")
        #expect(DurationText.minutes(120) == "2 h")
    }
}
