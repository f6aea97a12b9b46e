import Foundation

/// A person's tab entering or leaving a live session: from the signalling connection in the
/// built-in room, from the click on Join for a session held elsewhere (which has no leave).
public struct PresenceEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, Codable {
        case join
        case leave
    }

    public let person: Person.ID
    public let connection: LiveConnection.ID
    public let kind: Kind
    public let at: Date

    public init(person: Person.ID, connection: LiveConnection.ID, kind: Kind, at: Date) {
        self.person = person
        self.connection = connection
        self.kind = kind
        self.at = at
    }
}

/// How long one person was at one live session, and whether that counts as attending.
public struct Attendance: Hashable, Sendable {
    public let person: Person.ID
    /// The stretches they were in, within the session, sorted and apart (two tabs open at once
    /// count once).
    public let intervals: [DateInterval]
    /// Whether the time in reaches the threshold.
    public let computed: Bool
    /// A trainer's word, which wins over `computed`; nil when nobody corrected it.
    public let correction: Bool?

    public init(person: Person.ID, intervals: [DateInterval], computed: Bool, correction: Bool?) {
        self.person = person
        self.intervals = intervals
        self.computed = computed
        self.correction = correction
    }

    public var seconds: TimeInterval { intervals.reduce(0) { $0 + $1.duration } }

    /// Whole minutes in, rounded down: never more than they were there, nor than the session.
    public var minutes: Int { Int((seconds / 60).rounded(.down)) }

    /// What counts, in progress and certificates: the trainer's correction, else the computed value.
    public var attended: Bool { correction ?? computed }
}

/// Attendance of a live session from its join and leave events.
public enum AttendanceRules {
    /// The share of the session a person must be in to have attended it.
    public static let defaultThreshold = 0.5

    /// Everyone's attendance at `now`, for every person with an event, a correction, or a place in
    /// `expected` (the cohort's learners, so the absent show with 0 minutes).
    ///
    /// - Time counts only within the session as held: from its start to its end, or to when a host
    ///   ended it, and never beyond `now` (while it runs, the figures so far).
    /// - A join waits for the leave of the same connection; a join without one (a tab that
    ///   crashed, a click on an external link) counts until the session's end, or `now` if sooner.
    ///   A second join of an open connection, and a leave of a closed one, change nothing.
    /// - Two tabs at once count once: stretches are merged.
    /// - Attended when the time in is at least `threshold` of the session as held (from its start
    ///   to its scheduled end, or to when a host ended it), exactly at the threshold included;
    ///   never for a cancelled session. A trainer's correction overrides it; the minutes stay.
    public static func compute(session: LiveSession, events: [PresenceEvent], now: Date,
                               threshold: Double = defaultThreshold, corrections: [Person.ID: Bool] = [:],
                               expected: [Person.ID] = []) -> [Person.ID: Attendance] {
        let window = DateInterval(start: session.start, end: max(session.start, min(session.heldEnd, now)))
        let held = session.heldEnd.timeIntervalSince(session.start)
        var byPerson = Dictionary(grouping: events, by: \.person)
        for person in expected where byPerson[person] == nil { byPerson[person] = [] }
        let attendance = byPerson.reduce(into: [Person.ID: Attendance]()) { result, entry in
            let (person, events) = entry
            let intervals = session.isCancelled ? [] : merge(stretches(events, closingAt: window.end), within: window)
            let seconds = intervals.reduce(0) { $0 + $1.duration }
            let computed = !session.isCancelled && held > 0 && seconds >= threshold * held
            result[person] = Attendance(person: person, intervals: intervals, computed: computed, correction: nil)
        }
        return corrected(attendance, by: corrections)
    }

    /// `attendance` with trainers' corrections on top: the trainer's word wins and the minutes
    /// stay; someone corrected without any event in it appears, with none. Attendance computed
    /// earlier (a class held long ago does not change) takes the corrections of now.
    public static func corrected(_ attendance: [Person.ID: Attendance], by corrections: [Person.ID: Bool]) -> [Person.ID: Attendance] {
        corrections.reduce(into: attendance) { result, correction in
            let before = result[correction.key]
            result[correction.key] = Attendance(person: correction.key, intervals: before?.intervals ?? [],
                                                computed: before?.computed ?? false, correction: correction.value)
        }
    }

    /// Each connection's stretches in, from its events in time order (a join before a leave at
    /// the same instant, so a reconnection leaves no gap); one still open closes at `end`.
    static func stretches(_ events: [PresenceEvent], closingAt end: Date) -> [(start: Date, end: Date)] {
        let ordered = events.sorted { ($0.at, $0.kind == .join ? 0 : 1) < ($1.at, $1.kind == .join ? 0 : 1) }
        var open: [LiveConnection.ID: Date] = [:]
        var found: [(start: Date, end: Date)] = []
        for event in ordered {
            switch event.kind {
            case .join where open[event.connection] == nil:
                open[event.connection] = event.at
            case .leave:
                if let start = open.removeValue(forKey: event.connection) { found.append((start, event.at)) }
            case .join:
                break
            }
        }
        found += open.values.map { ($0, max($0, end)) }
        return found
    }

    /// The stretches cut to `window`, sorted, and joined where they overlap or touch. Stretches
    /// of no length are dropped.
    static func merge(_ stretches: [(start: Date, end: Date)], within window: DateInterval) -> [DateInterval] {
        let clipped = stretches
            .map { (start: max($0.start, window.start), end: min($0.end, window.end)) }
            .filter { $0.start < $0.end }
            .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var merged: [DateInterval] = []
        for stretch in clipped {
            if let last = merged.last, stretch.start <= last.end {
                merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, stretch.end))
            } else {
                merged.append(DateInterval(start: stretch.start, end: stretch.end))
            }
        }
        return merged
    }
}
