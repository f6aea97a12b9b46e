import Domain
import Foundation

/// An iCalendar (RFC 5545) feed of all-day events: what a learner's calendar app subscribes to.
///
/// Text values are escaped (`\`, `;`, `,`, line breaks), lines end in CRLF and are folded at 75
/// octets without splitting a UTF-8 character, as the RFC requires.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public let uid: String
        public let day: Day
        public let summary: String
        public let description: String
        public let url: String?
        public init(uid: String, day: Day, summary: String, description: String, url: String?) {
            self.uid = uid; self.day = day; self.summary = summary; self.description = description; self.url = url
        }
    }

    public let name: String
    public let events: [Event]

    public init(name: String, events: [Event]) {
        self.name = name
        self.events = events
    }

    public func render(now: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Atelier//Courses//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name)]
        let stamp = Self.timestamp(now)
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "DTSTAMP:" + stamp,
                      "DTSTART;VALUE=DATE:" + Self.date(event.day), "DTEND;VALUE=DATE:" + Self.date(event.day.adding(days: 1)),
                      "SUMMARY:" + Self.escape(event.summary), "DESCRIPTION:" + Self.escape(event.description),
                      "TRANSP:TRANSPARENT"]
            if let url = event.url { lines.append("URL:" + url.filter { !$0.isNewline }) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default:
                // Other control characters have no place in a calendar line.
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) { out.append(character) }
            }
        }
        return out
    }

    /// Splits a line into 75-octet pieces; each continuation starts with one space.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    static func date(_ day: Day) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }

    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
