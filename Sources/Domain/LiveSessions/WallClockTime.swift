import Foundation

/// A time of day as a clock shows it ("14:30"), without a date or a zone.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses exactly `HH:MM` on a 24-hour clock, the value of an HTML time input.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public var description: String {
        (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + (minute < 10 ? "0\(minute)" : "\(minute)")
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}

/// A date and a time as the clocks of one place show them: what a trainer types when scheduling
/// ("2027-03-28 at 14:30, Paris time"). Turning it into an instant needs the zone's rules, and
/// around a clock change there may be no such instant, or two.
public struct WallClockTime: Hashable, Sendable, CustomStringConvertible {
    public let day: Day
    public let time: TimeOfDay

    public init(day: Day, time: TimeOfDay) {
        self.day = day
        self.time = time
    }

    /// What the clocks of `zone` show at `instant` (seconds dropped).
    public init(_ instant: Date, in zone: TimeZone) {
        let local = Int((instant.timeIntervalSince1970).rounded(.down)) + zone.secondsFromGMT(for: instant)
        let seconds = ((local % 86_400) + 86_400) % 86_400
        day = Day(utc: Date(timeIntervalSince1970: TimeInterval(local)))
        time = TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60)!
    }

    public var description: String { "\(day) \(time)" }

    /// The instants at which the clocks of a zone show this time.
    public enum Resolution: Hashable, Sendable {
        case exact(Date)
        /// The clocks went back and showed this time twice (02:30 on the last Sunday of October in
        /// Paris: first in summer time, then an hour later in winter time).
        case ambiguous(first: Date, second: Date)
        /// The clocks jumped over this time (02:30 on the last Sunday of March in Paris).
        case skipped
    }

    public func resolve(in zone: TimeZone) -> Resolution {
        // The wall time read as if it were UTC; the real instant is this minus the zone's offset
        // then. Offsets in force a day either side cover every change of a real zone (none
        // changes twice in two days), and an offset only counts if the zone really has it then.
        let asUTC = TimeInterval(day.daysSinceEpoch * 86_400 + time.minutesSinceMidnight * 60)
        let offsets = Set([-86_400.0, 0, 86_400].map { zone.secondsFromGMT(for: Date(timeIntervalSince1970: asUTC + $0)) })
        let instants = offsets.map { Date(timeIntervalSince1970: asUTC - TimeInterval($0)) }
            .filter { WallClockTime($0, in: zone) == self }
            .sorted()
        switch instants.count {
        case 0: return .skipped
        case 1: return .exact(instants[0])
        default: return .ambiguous(first: instants[0], second: instants[instants.count - 1])
        }
    }

    /// The instant a session scheduled at this time starts: the only one, or the first of two
    /// when the clocks went back (people join at the first 02:30, the one that comes first on
    /// their calendars); nil when the clocks skipped it.
    public func firstInstant(in zone: TimeZone) -> Date? {
        switch resolve(in: zone) {
        case .exact(let instant), .ambiguous(let instant, _): instant
        case .skipped: nil
        }
    }
}

extension TimeZone {
    /// A zone by its IANA name ("Europe/Paris", "America/New_York", "UTC"), as stored with a
    /// session and written as an iCalendar TZID; nil for anything else.
    ///
    /// Only `UTC` and Area/Location names: Foundation also accepts abbreviations and offsets
    /// ("CET", "EST", "GMT+2") that calendars do not read the same way, and renames "UTC" to
    /// "GMT", so the name is checked to come back unchanged.
    public init?(ianaName name: String) {
        if name == "UTC" {
            self.init(identifier: "UTC")
            return
        }
        guard name.contains("/"), name.count <= 64, let zone = TimeZone(identifier: name), zone.identifier == name
        else { return nil }
        self = zone
    }
}

extension TimeZone {
    /// Every zone `init(ianaName:)` accepts, UTC first and the rest by name: a zone picker's choices.
    public static let ianaChoices: [String] = ["UTC"] + knownTimeZoneIdentifiers
        .filter { $0 != "UTC" && TimeZone(ianaName: $0) != nil }.sorted()
}
