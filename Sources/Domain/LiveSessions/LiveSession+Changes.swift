import Foundation

/// Changing a scheduled session. Each change returns the new session, or refuses; the sequence
/// goes up exactly when something a calendar shows changed, so the App sends an update (same UID,
/// SEQUENCE + 1) or a cancellation (METHOD:CANCEL) only when there is news.
extension LiveSession {
    /// The session edited from a checked form.
    ///
    /// Once it has ended, only what calendars do not show (the recording link) may still change:
    /// its time, title or hosts are history, and attendance was counted against them.
    public func updated(with input: LiveSessionInput, at now: Date) throws(LiveSessionError) -> LiveSession {
        if isCancelled { throw .cancelled }
        var next = self
        next.title = input.title
        next.agenda = input.agenda
        next.start = input.start
        next.durationMinutes = input.durationMinutes
        next.timeZone = input.timeZone
        next.provider = input.provider
        next.hosts = Self.eachOnce(input.hosts)
        next.recording = input.recording
        guard next.differsOnCalendar(from: self) else { return next }
        if state(at: now) == .ended { throw .ended }
        next.sequence += 1
        return next
    }

    /// The session called off before it starts. Calendars remove it (METHOD:CANCEL, SEQUENCE + 1).
    ///
    /// Refused once it is live (a host ends it instead: people are in it and attendance counts)
    /// and once it has ended.
    public func cancelled(at now: Date) throws(LiveSessionError) -> LiveSession {
        switch state(at: now) {
        case .cancelled: throw .cancelled
        case .ended: throw .ended
        case .live: throw .alreadyStarted
        case .upcoming, .joinable:
            var next = self
            next.isCancelled = true
            next.sequence += 1
            return next
        }
    }

    /// The session ended by a host at `now`, before its scheduled end. Calendars keep the
    /// scheduled times (the sequence does not change); attendance counts up to `now`.
    public func closed(at now: Date) throws(LiveSessionError) -> LiveSession {
        switch state(at: now) {
        case .cancelled: throw .cancelled
        case .ended: throw .ended
        case .upcoming, .joinable: throw .notStarted
        case .live:
            var next = self
            next.closedAt = now
            return next
        }
    }

    /// Whether `other` shows differently in a calendar: SUMMARY, DESCRIPTION, DTSTART, DTEND,
    /// TZID, the place (provider and link), ORGANIZER and hosts, or cancellation. The recording
    /// and an early end do not show.
    public func differsOnCalendar(from other: LiveSession) -> Bool {
        title != other.title || agenda != other.agenda || start != other.start
            || durationMinutes != other.durationMinutes || timeZone != other.timeZone || provider != other.provider
            || hosts != other.hosts || isCancelled != other.isCancelled
    }
}
