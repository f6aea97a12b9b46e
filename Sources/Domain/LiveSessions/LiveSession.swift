import Foundation

/// A live virtual class of one cohort: people meet at a set time in Atelier's own small room, on
/// the company's BigBlueButton or Jitsi, or behind an external link (Teams, Zoom…).
///
/// The start is an instant (UTC); `timeZone` is the zone it was scheduled in, kept so the edit
/// form shows the time the trainer typed and calendars get a TZID. What a calendar shows changes
/// only through `updated(with:at:)` and `cancelled(at:)`, which bump `sequence` (iCalendar's
/// SEQUENCE), so every change reaches the calendars that hold the session.
public struct LiveSession: Hashable, Sendable {
    public typealias ID = Identifier<LiveSession>

    public let id: ID
    public let cohortID: Cohort.ID
    /// The course activity this session runs in the cohort; nil for an extra event of the cohort.
    public let activityID: Activity.ID?
    public internal(set) var title: String
    /// Markdown, rendered and sanitized when saved like every user-written text.
    public internal(set) var agenda: String
    public internal(set) var start: Date
    public internal(set) var durationMinutes: Int
    /// The IANA name of the zone it was scheduled in (`TimeZone(ianaName:)` reads it).
    public internal(set) var timeZone: String
    public internal(set) var provider: LiveProvider
    /// Who runs it (trainers or facilitators of the cohort), in the order chosen; the first is the
    /// calendar's ORGANIZER.
    public internal(set) var hosts: [Person.ID]
    public internal(set) var recording: HTTPSLink?
    /// iCalendar's SEQUENCE: 0 when scheduled, one more at every change a calendar shows.
    public internal(set) var sequence: Int
    public internal(set) var isCancelled: Bool
    /// When a host ended it before its scheduled end; nil otherwise.
    public internal(set) var closedAt: Date?

    /// Hosts are kept once each, in their first place.
    public init(id: ID, cohortID: Cohort.ID, activityID: Activity.ID?, title: String, agenda: String, start: Date,
                durationMinutes: Int, timeZone: String, provider: LiveProvider, hosts: [Person.ID],
                recording: HTTPSLink? = nil, sequence: Int = 0, isCancelled: Bool = false, closedAt: Date? = nil) {
        self.id = id
        self.cohortID = cohortID
        self.activityID = activityID
        self.title = title
        self.agenda = agenda
        self.start = start
        self.durationMinutes = durationMinutes
        self.timeZone = timeZone
        self.provider = provider
        self.hosts = Self.eachOnce(hosts)
        self.recording = recording
        self.sequence = sequence
        self.isCancelled = isCancelled
        self.closedAt = closedAt
    }

    /// The Join button opens this long before the start: time to pick a camera and say hello.
    public static let joinLead: TimeInterval = 10 * 60
    public static let durations = 15...480
    public static let maximumTitleLength = 200
    public static let maximumAgendaLength = 20_000

    /// The scheduled end.
    public var end: Date { start.addingTimeInterval(TimeInterval(durationMinutes) * 60) }

    /// When it really ended: the scheduled end, or earlier when a host ended it.
    public var heldEnd: Date { min(closedAt ?? end, end) }

    /// When the Join button becomes active.
    public var joinOpens: Date { start.addingTimeInterval(-Self.joinLead) }

    /// The zone it was scheduled in; UTC should the name ever stop being known (a zone removed
    /// from the time zone database), since the instant stays right whatever the zone.
    public var zone: TimeZone { TimeZone(ianaName: timeZone) ?? TimeZone(identifier: "UTC")! }

    /// The start as the trainer typed it, in the session's zone: the edit form's values.
    public var localStart: WallClockTime { WallClockTime(start, in: zone) }

    public func isHost(_ person: Person.ID) -> Bool { hosts.contains(person) }

    static func eachOnce(_ people: [Person.ID]) -> [Person.ID] {
        var seen = Set<Person.ID>()
        return people.filter { seen.insert($0).inserted }
    }

    public enum State: String, Sendable, Codable, CaseIterable {
        /// More than `joinLead` before the start.
        case upcoming
        /// Within `joinLead` of the start: the Join button is active, the room is open.
        case joinable
        /// From the start to the end (or until a host ends it).
        case live
        case ended
        case cancelled
    }

    /// The state at `now`. Each boundary belongs to the later state: joinable from exactly
    /// `joinOpens`, live from exactly `start`, ended from exactly `heldEnd`.
    public func state(at now: Date) -> State {
        if isCancelled { return .cancelled }
        if now >= heldEnd { return .ended }
        if now >= start { return .live }
        if now >= joinOpens { return .joinable }
        return .upcoming
    }

    /// Whether people may join at `now`: joinable or live.
    public func isOpen(at now: Date) -> Bool {
        let state = state(at: now)
        return state == .joinable || state == .live
    }
}

/// Where a live session takes place.
public enum LiveProvider: Hashable, Sendable {
    /// Atelier's own room: browser to browser, up to `LiveRoom.capacity` people.
    case builtInRoom
    /// The organization's BigBlueButton server; hosts are its moderators.
    case bigBlueButton
    /// The organization's Jitsi server.
    case jitsi
    /// A meeting elsewhere (Teams, Zoom…): people follow the link.
    case external(HTTPSLink)

    /// What is stored and sent by the form, without the link.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case builtInRoom = "room"
        case bigBlueButton = "bigbluebutton"
        case jitsi
        case external
    }

    public var kind: Kind {
        switch self {
        case .builtInRoom: .builtInRoom
        case .bigBlueButton: .bigBlueButton
        case .jitsi: .jitsi
        case .external: .external
        }
    }

    /// The external meeting's link; nil for the others.
    public var link: HTTPSLink? {
        if case .external(let link) = self { return link }
        return nil
    }

    /// Rebuilds a stored provider; nil when an external one has no link. A link stored with
    /// another kind is ignored.
    public init?(kind: Kind, link: HTTPSLink?) {
        switch kind {
        case .builtInRoom: self = .builtInRoom
        case .bigBlueButton: self = .bigBlueButton
        case .jitsi: self = .jitsi
        case .external:
            guard let link else { return nil }
            self = .external(link)
        }
    }
}

/// Why a change to a live session, or an action in its room, is refused.
public enum LiveSessionError: Error, Hashable, Sendable {
    /// The room opens `LiveSession.joinLead` before the start.
    case notOpenYet
    case ended
    case cancelled
    /// Only members of the session's cohort (learners, trainers, facilitators) get in.
    case notAMember
    /// `LiveRoom.capacity` people are in already; the external provider is the way in, if any.
    case full
    /// Muting others, lowering their hands and ending the session are for its hosts.
    case notAHost
    /// Only its owner turns a microphone on, switches a camera, or raises a hand.
    case onlyThemselves
    /// The person acted upon is not in the room.
    case notInRoom
    /// The session is held elsewhere (BigBlueButton, Jitsi, an external link): there is no room.
    case noRoom
    /// A session is ended once it has started; before, it is cancelled (which tells the calendars).
    case notStarted
    /// A live session is ended, not cancelled: people are in it and attendance counts.
    case alreadyStarted
}
