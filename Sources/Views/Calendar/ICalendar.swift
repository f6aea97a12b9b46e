import Domain
import Foundation

/// An iCalendar (RFC 5545) calendar: what a learner's calendar app subscribes to (all-day due
/// dates, timed live classes), or one live class's file.
///
/// Text values are escaped (`\`, `;`, `,`, line breaks), lines end in CRLF and are folded at 75
/// octets without splitting a UTF-8 character, as the RFC requires. Timed events are written in
/// UTC (`…Z`), which every calendar reads without a VTIMEZONE block.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public enum When: Sendable, Equatable {
            case allDay(Day)
            case timed(start: Date, end: Date)
        }

        public let uid: String
        public let when: When
        public let summary: String
        public let description: String
        public let url: String?
        /// Bumped at every change, so calendars replace their copy.
        public var sequence = 0
        public var organizer: (name: String, email: String)?
        public var isCancelled = false

        /// An all-day event.
        public init(uid: String, day: Day, summary: String, description: String, url: String?) {
            self.init(uid: uid, when: .allDay(day), summary: summary, description: description, url: url)
        }

        public init(uid: String, when: When, summary: String, description: String, url: String?) {
            self.uid = uid; self.when = when; self.summary = summary; self.description = description; self.url = url
        }

        /// The day it falls on (in UTC for a timed event), for sorting.
        public var day: Day {
            switch when {
            case .allDay(let day): day
            case .timed(let start, _): Day(String(DateText.iso(start).prefix(10)))!
            }
        }

        public static func == (lhs: Event, rhs: Event) -> Bool {
            lhs.uid == rhs.uid && lhs.when == rhs.when && lhs.summary == rhs.summary && lhs.description == rhs.description
                && lhs.url == rhs.url && lhs.sequence == rhs.sequence && lhs.isCancelled == rhs.isCancelled
                && lhs.organizer?.name == rhs.organizer?.name && lhs.organizer?.email == rhs.organizer?.email
        }
    }

    /// PUBLISH for a feed or an event; CANCEL for the file of an event that was called off.
    public enum Method: String, Sendable { case publish = "PUBLISH", cancel = "CANCEL" }

    public let name: String
    public let events: [Event]
    public let method: Method

    public init(name: String, events: [Event], method: Method = .publish) {
        self.name = name
        self.events = events
        self.method = method
    }

    public func render(now: Date = Date()) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Atelier//Courses//EN", "CALSCALE:GREGORIAN",
                     "METHOD:" + method.rawValue, "X-WR-CALNAME:" + Self.escape(name)]
        let stamp = Self.timestamp(now)
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "DTSTAMP:" + stamp]
            switch event.when {
            case .allDay(let day):
                lines += ["DTSTART;VALUE=DATE:" + Self.date(day), "DTEND;VALUE=DATE:" + Self.date(day.adding(days: 1))]
            case .timed(let start, let end):
                lines += ["DTSTART:" + Self.timestamp(start), "DTEND:" + Self.timestamp(end)]
            }
            if event.sequence > 0 { lines.append("SEQUENCE:\(event.sequence)") }
            lines += ["SUMMARY:" + Self.escape(event.summary), "DESCRIPTION:" + Self.escape(event.description)]
            if case .allDay = event.when { lines.append("TRANSP:TRANSPARENT") }
            if event.isCancelled { lines.append("STATUS:CANCELLED") }
            if let organizer = event.organizer, !organizer.email.contains(where: { $0.isNewline || $0 == "\"" }) {
                lines.append("ORGANIZER;CN=" + Self.parameter(organizer.name) + ":mailto:" + organizer.email)
            }
            if let url = event.url { lines.append("URL:" + url.filter { !$0.isNewline }) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A parameter value (RFC 5545, 3.2): quoted, without the quotes and control characters it cannot hold.
    static func parameter(_ text: String) -> String {
        "\"" + text.filter { $0 != "\"" && !$0.isNewline && $0.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } } + "\""
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

    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
