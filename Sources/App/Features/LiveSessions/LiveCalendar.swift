import Domain
import Fluent
import Foundation
import Routes
import Views

/// Live classes as calendar events: in the session's own file and in each member's feed. The UID
/// stays, SEQUENCE follows the session's, a cancelled one says so (STATUS:CANCELLED), and the
/// first host is the ORGANIZER.
enum LiveCalendar {
    static func event(_ session: LiveSession, organizationID: UUID, cohortName: String, baseURL: String,
                      on db: any Database) async throws -> ICalendar.Event {
        var organizer: (name: String, email: String)?
        if let first = session.hosts.first, let host = try await PersonRecord.find(first.uuid, on: db) {
            organizer = (host.name, host.email)
        }
        return event(session, organizationID: organizationID, cohortName: cohortName, baseURL: baseURL, organizer: organizer)
    }

    static func event(_ session: LiveSession, organizationID: UUID, cohortName: String, baseURL: String,
                      organizer: (name: String, email: String)?) -> ICalendar.Event {
        let page = baseURL + SiteRoute.live(.init(organizationID), session.cohortID, .session(session.id.description)).path
        let agenda = plainExcerpt(session.agenda, limit: 1_000)
        var event = ICalendar.Event(uid: "live-\(session.id)@atelier", when: .timed(start: session.start, end: session.end),
                                    summary: "Live class: \(session.title)",
                                    description: [cohortName, agenda, "Join from Atelier: \(page)"].filter { !$0.isEmpty }.joined(separator: "\n\n"),
                                    url: page)
        event.sequence = session.sequence
        event.isCancelled = session.isCancelled
        event.organizer = organizer
        return event
    }

    /// The live classes of these cohorts for a person's feed: all of them, cancelled ones marked,
    /// hosts read in one query.
    static func events(cohorts: [CohortRecord], baseURL: String, on db: any Database) async throws -> [ICalendar.Event] {
        let ids = cohorts.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let sessions = try await LiveSessionRecord.query(on: db).filter(\.$cohortID ~~ ids).all().map { $0.domain() }
        let hostIDs = Set(sessions.compactMap { $0.hosts.first?.uuid })
        let hosts = hostIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await PersonRecord.query(on: db)
            .filter(\.$id ~~ hostIDs).all().map { ($0.id!, (name: $0.name, email: $0.email)) })
        let byID = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id!, $0) })
        return sessions.compactMap { session in
            guard let cohort = byID[session.cohortID.uuid] else { return nil }
            return event(session, organizationID: cohort.$organization.id, cohortName: cohort.name, baseURL: baseURL,
                         organizer: session.hosts.first.flatMap { hosts[$0.uuid] })
        }
    }
}
