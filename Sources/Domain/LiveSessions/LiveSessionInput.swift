import Foundation

/// A new or edited live session's details from the scheduling form, checked.
///
/// The form's fields: `title`, `agenda`, `date` (YYYY-MM-DD) and `time` (HH:MM) as the clocks of
/// `time_zone` show them, `duration` (minutes), `provider` (a `LiveProvider.Kind` raw value),
/// `link` (the external meeting's, read only for an external provider, so a link left in the form
/// after switching to another provider is dropped), `recording` and `hosts` (person ids).
///
/// Field errors use the existing reasons: a date or time that is not well formed is
/// `invalidDate` / `invalid`; a time the clocks skip (02:30 when they spring forward) is
/// `("time", .outOfRange)`, so the page can say the clocks change that night; a zone that is not
/// an IANA name is `("time_zone", .invalid)`; a link that is not https is `invalid`; a host who is
/// not on the cohort's staff is `("hosts", .invalid)`.
public struct LiveSessionInput: Sendable, Equatable {
    public let title: String
    public let agenda: String
    /// The first instant the clocks of `timeZone` show the date and time typed.
    public let start: Date
    public let durationMinutes: Int
    public let timeZone: String
    public let provider: LiveProvider
    public let hosts: [Person.ID]
    public let recording: HTTPSLink?

    public init(title: String, agenda: String, start: Date, durationMinutes: Int, timeZone: String,
                provider: LiveProvider, hosts: [Person.ID], recording: HTTPSLink?) {
        self.title = title
        self.agenda = agenda
        self.start = start
        self.durationMinutes = durationMinutes
        self.timeZone = timeZone
        self.provider = provider
        self.hosts = hosts
        self.recording = recording
    }

    /// Checks every field and reports every problem at once.
    ///
    /// A local time the clocks show twice (02:30 on the night they go back) is taken at its first
    /// occurrence, in summer time: that is the one calendars pick too (RFC 5545, 3.3.5).
    ///
    /// - Parameter staff: the cohort's trainers and facilitators, the people who may host.
    public static func check(title: String?, agenda: String?, date: String?, time: String?, timeZone: String?,
                             duration: String?, provider: String?, link: String?, recording: String?,
                             hosts: [String], staff: Set<Person.ID>) throws(ValidationErrors) -> LiveSessionInput {
        var v = Validator()
        let title = v.text(title, field: "title", max: LiveSession.maximumTitleLength)
        let agenda = v.text(agenda?.replacingOccurrences(of: "\r\n", with: "\n"), field: "agenda",
                            max: LiveSession.maximumAgendaLength, required: false, multiline: true)
        let start = instant(date: date, time: time, zoneName: timeZone, into: &v)
        let minutes = self.duration(duration, into: &v)
        let provider = self.provider(provider, link: link, into: &v)
        let recording = self.link(recording, field: "recording", required: false, into: &v)
        let hosts = self.hosts(hosts, staff: staff, into: &v)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return LiveSessionInput(title: title, agenda: agenda, start: start!.instant, durationMinutes: minutes!,
                                timeZone: start!.zone, provider: provider!, hosts: hosts, recording: recording)
    }

    /// A new session from this input: sequence 0, not cancelled.
    public func session(id: LiveSession.ID, cohortID: Cohort.ID, activityID: Activity.ID?) -> LiveSession {
        LiveSession(id: id, cohortID: cohortID, activityID: activityID, title: title, agenda: agenda, start: start,
                    durationMinutes: durationMinutes, timeZone: timeZone, provider: provider, hosts: hosts,
                    recording: recording)
    }

    private static func trimmed(_ text: String?) -> String {
        (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The date, time and zone together; nil when any of the three is wrong (each reported).
    private static func instant(date: String?, time: String?, zoneName: String?,
                                into v: inout Validator) -> (instant: Date, zone: String)? {
        let dateText = trimmed(date), timeText = trimmed(time), zoneText = trimmed(zoneName)
        let day = Day(dateText), clock = TimeOfDay(timeText), zone = TimeZone(ianaName: zoneText)
        if dateText.isEmpty { v.add("date", .required) } else if day == nil { v.add("date", .invalidDate) }
        if timeText.isEmpty { v.add("time", .required) } else if clock == nil { v.add("time", .invalid) }
        if zoneText.isEmpty { v.add("time_zone", .required) } else if zone == nil { v.add("time_zone", .invalid) }
        guard let day, let clock, let zone else { return nil }
        guard let instant = WallClockTime(day: day, time: clock).firstInstant(in: zone) else {
            v.add("time", .outOfRange)
            return nil
        }
        return (instant, zoneText)
    }

    private static func duration(_ text: String?, into v: inout Validator) -> Int? {
        let text = trimmed(text)
        guard !text.isEmpty else { v.add("duration", .required); return nil }
        guard let minutes = Int(text) else { v.add("duration", .invalid); return nil }
        guard LiveSession.durations.contains(minutes) else { v.add("duration", .outOfRange); return nil }
        return minutes
    }

    private static func provider(_ text: String?, link: String?, into v: inout Validator) -> LiveProvider? {
        let text = trimmed(text)
        guard !text.isEmpty else { v.add("provider", .required); return nil }
        guard let kind = LiveProvider.Kind(rawValue: text) else { v.add("provider", .invalid); return nil }
        guard kind == .external else { return LiveProvider(kind: kind, link: nil) }
        return self.link(link, field: "link", required: true, into: &v).map(LiveProvider.external)
    }

    /// An https link; nil when empty (reported when required) or refused (reported).
    private static func link(_ text: String?, field: String, required: Bool, into v: inout Validator) -> HTTPSLink? {
        let text = trimmed(text)
        if text.isEmpty {
            if required { v.add(field, .required) }
            return nil
        }
        if text.count > HTTPSLink.maximumLength { v.add(field, .tooLong); return nil }
        guard let link = HTTPSLink(text) else { v.add(field, .invalid); return nil }
        return link
    }

    /// Person ids, each once, in the order given; at least one, all of the cohort's staff.
    private static func hosts(_ values: [String], staff: Set<Person.ID>, into v: inout Validator) -> [Person.ID] {
        let texts = values.map { trimmed($0) }.filter { !$0.isEmpty }
        guard !texts.isEmpty else { v.add("hosts", .required); return [] }
        let ids = texts.compactMap(Person.ID.init)
        if ids.count != texts.count || !ids.allSatisfy(staff.contains) {
            v.add("hosts", .invalid)
            return []
        }
        return LiveSession.eachOnce(ids)
    }
}
