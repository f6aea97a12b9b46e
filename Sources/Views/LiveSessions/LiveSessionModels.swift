import Domain
import Foundation
import Routes

/// One live class as lists show it: on a cohort's page of live classes and on the home page.
public struct LiveSessionCard: Sendable {
    public let session: LiveSession
    public let organizationID: Organization.ID
    public let cohortName: String
    public let hostNames: [String]
    /// Its state when the page was made; the page's script moves it on (countdown, Join).
    public let state: LiveSession.State
    public let now: Date

    public init(session: LiveSession, organizationID: Organization.ID, cohortName: String, hostNames: [String],
                now: Date) {
        self.session = session
        self.organizationID = organizationID
        self.cohortName = cohortName
        self.hostNames = hostNames
        self.state = session.state(at: now)
        self.now = now
    }

    public func route(_ page: (SiteRoute.UUIDText) -> LiveRoute) -> SiteRoute {
        .live(organizationID, session.cohortID, page(session.id.description))
    }
}

/// A cohort's live classes: what is coming, what is past.
public struct LiveSessionsPageModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var courseName: String
    /// The group's zone, in which times are shown and new sessions scheduled.
    public var timeZone: String
    public var upcoming: [LiveSessionCard]
    public var past: [LiveSessionCard]
    /// Trainers, facilitators and admins schedule sessions and set the group's zone.
    public var canSchedule: Bool
    public var state: Form.State

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, courseName: String,
                timeZone: String, upcoming: [LiveSessionCard], past: [LiveSessionCard], canSchedule: Bool,
                state: Form.State = .empty) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName
        self.courseName = courseName; self.timeZone = timeZone; self.upcoming = upcoming; self.past = past
        self.canSchedule = canSchedule; self.state = state
    }
}

/// One live class's page.
public struct LiveSessionPageModel: Sendable {
    public var card: LiveSessionCard
    public var agenda: TrustedHTML
    /// Trainers, facilitators of the cohort and admins edit, cancel and see attendance.
    public var canManage: Bool
    /// Where the Join button leads, in words ("Microsoft Teams link", "Jitsi"); nil when the
    /// provider is not set up on this server any more (the page says so).
    public var whereText: String?
    /// The viewer's own time in, for a session they joined.
    public var myMinutes: Int?

    public init(card: LiveSessionCard, agenda: TrustedHTML, canManage: Bool, whereText: String?, myMinutes: Int? = nil) {
        self.card = card; self.agenda = agenda; self.canManage = canManage; self.whereText = whereText
        self.myMinutes = myMinutes
    }
}

/// The scheduling form, new or editing.
public struct LiveSessionFormModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    /// The session being edited; nil for a new one.
    public var sessionID: LiveSession.ID?
    /// The cohort's trainers and facilitators: who may host.
    public var staff: [(id: Person.ID, name: String)]
    /// The providers this server can use, in the order offered.
    public var providers: [(kind: LiveProvider.Kind, label: String)]
    /// What the form shows: the values typed (after an error) or the session's.
    public var state: Form.State
    /// The hosts ticked.
    public var hosts: Set<String>
    /// Whether people in the cohort will be told (a new session, or a change a calendar shows).
    public var isStarted: Bool

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, sessionID: LiveSession.ID?,
                staff: [(id: Person.ID, name: String)], providers: [(kind: LiveProvider.Kind, label: String)],
                state: Form.State, hosts: Set<String>, isStarted: Bool = false) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName
        self.sessionID = sessionID; self.staff = staff; self.providers = providers; self.state = state
        self.hosts = hosts; self.isStarted = isStarted
    }
}

/// Who attended a session: for its cohort's staff, who may correct it.
public struct LiveAttendanceModel: Sendable {
    public struct Row: Sendable {
        public let personID: Person.ID
        public let name: String
        public let role: CohortRole
        public let attendance: Attendance
        public let firstJoin: Date?
        public init(personID: Person.ID, name: String, role: CohortRole, attendance: Attendance, firstJoin: Date?) {
            self.personID = personID; self.name = name; self.role = role; self.attendance = attendance
            self.firstJoin = firstJoin
        }
    }

    public var card: LiveSessionCard
    public var rows: [Row]
    public var thresholdPercent: Int

    public init(card: LiveSessionCard, rows: [Row], thresholdPercent: Int) {
        self.card = card; self.rows = rows; self.thresholdPercent = thresholdPercent
    }
}

/// Times of live classes as people read them: in the session's own zone, named.
public enum LiveText {
    /// "Tue 8 Dec 2026, 14:00".
    public static func start(_ session: LiveSession) -> String {
        let local = session.localStart
        return "\(DateText.day(local.day)), \(local.time)"
    }

    /// "Tue 8 Dec 2026, 14:00–15:30 (Europe/Paris)".
    public static func when(_ session: LiveSession) -> String {
        let end = WallClockTime(session.end, in: session.zone)
        let endText = end.day == session.localStart.day ? "\(end.time)" : "\(DateText.day(end.day)), \(end.time)"
        return "\(start(session))–\(endText) (\(session.timeZone))"
    }

    /// "in 3 days" (from 48 hours, to the nearest day), "in 2 h 05 min", "in 12 min", "now".
    public static func countdown(to date: Date, from now: Date) -> String {
        let minutes = Int((date.timeIntervalSince(now) / 60).rounded(.up))
        if minutes <= 0 { return "now" }
        // Days to the nearest: 2 days 23 hours is "in 3 days".
        if minutes >= 48 * 60 { return "in \(Int((Double(minutes) / (24 * 60)).rounded())) days" }
        if minutes >= 60 { return "in \(minutes / 60) h \(DateText.two(minutes % 60)) min" }
        return "in \(minutes) min"
    }

    public static func provider(_ kind: LiveProvider.Kind) -> String {
        switch kind {
        case .builtInRoom: "Atelier's own room"
        case .bigBlueButton: "BigBlueButton"
        case .jitsi: "Jitsi"
        case .external: "A link to another meeting service (Teams, Zoom, Webex…)"
        }
    }

    public static func state(_ state: LiveSession.State) -> String {
        switch state {
        case .upcoming: "Upcoming"
        case .joinable: "Opening soon"
        case .live: "Live now"
        case .ended: "Ended"
        case .cancelled: "Cancelled"
        }
    }
}
