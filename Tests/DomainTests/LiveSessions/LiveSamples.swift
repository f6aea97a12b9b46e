import Foundation
@testable import Domain

/// A cohort's people and a one-hour session on 2027-03-01 at 09:00 UTC, for the live-session tests.
enum LiveSamples {
    static let cohort = Cohort.ID(UUID())
    static let trainer = Person.ID(UUID())
    static let facilitator = Person.ID(UUID())
    static let learners = (0..<10).map { _ in Person.ID(UUID()) }
    static let outsider = Person.ID(UUID())

    /// 2027-03-01 09:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_803_891_600)

    /// `minutes` after the start (negative: before).
    static func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    static func session(minutes: Int = 60, provider: LiveProvider = .builtInRoom, hosts: [Person.ID] = [trainer],
                        cancelled: Bool = false, closedAt: Date? = nil) -> LiveSession {
        LiveSession(id: LiveSession.ID(UUID()), cohortID: cohort, activityID: nil, title: "Negotiation clinic",
                    agenda: "1. Cases\n2. Questions", start: start, durationMinutes: minutes, timeZone: "Europe/Paris",
                    provider: provider, hosts: hosts, isCancelled: cancelled, closedAt: closedAt)
    }

    static func connection() -> LiveConnection.ID { LiveConnection.ID(UUID()) }

    /// A join of `person` on a new connection at `from` minutes and, unless `to` is nil, its leave.
    static func visit(_ person: Person.ID, from: Double, to: Double?) -> [PresenceEvent] {
        let tab = connection()
        let join = PresenceEvent(person: person, connection: tab, kind: .join, at: at(from))
        guard let to else { return [join] }
        return [join, PresenceEvent(person: person, connection: tab, kind: .leave, at: at(to))]
    }
}
