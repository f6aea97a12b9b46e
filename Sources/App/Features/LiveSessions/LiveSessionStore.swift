import Domain
import Fluent
import Foundation
import Routes
import Vapor
import Views

/// Reading and writing a cohort's live classes, and telling the cohort about them.
enum LiveSessionStore {
    /// A session of this cohort, or 404.
    static func find(_ text: String?, in cohortID: UUID, on db: any Database) async throws -> LiveSessionRecord {
        guard let id = text.flatMap(UUID.init(uuidString:)),
              let record = try await LiveSessionRecord.query(on: db).filter(\.$id == id).filter(\.$cohortID == cohortID).first()
        else { throw AppError.notFound() }
        return record
    }

    static func sessions(of cohortID: UUID, on db: any Database) async throws -> [LiveSessionRecord] {
        try await LiveSessionRecord.query(on: db).filter(\.$cohortID == cohortID).sort(\.$startsAt).all()
    }

    /// The sessions not over yet (nor cancelled) of these cohorts, soonest first. Those started
    /// up to `LiveSession.durations.upperBound` minutes ago are read, then kept while not over.
    static func upcoming(in cohortIDs: [UUID], now: Date, limit: Int, on db: any Database) async throws -> [LiveSessionRecord] {
        guard !cohortIDs.isEmpty else { return [] }
        let earliest = now.addingTimeInterval(-TimeInterval(LiveSession.durations.upperBound * 60))
        return try await LiveSessionRecord.query(on: db).filter(\.$cohortID ~~ cohortIDs).filter(\.$cancelled == false)
            .filter(\.$startsAt >= earliest).sort(\.$startsAt).limit(limit + 20).all()
            .filter { $0.domain().state(at: now) != .ended }.prefix(limit).map { $0 }
    }

    /// The cohort's trainers and facilitators, by name: who may host.
    static func staff(of cohortID: UUID, on db: any Database) async throws -> [(id: Person.ID, name: String)] {
        let members = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID)
            .filter(\.$role ~~ [CohortRole.trainer.rawValue, CohortRole.facilitator.rawValue]).with(\.$person).all()
        var seen = Set<UUID>()
        return members.map { ($0.$person.id, $0.person.name) }.filter { seen.insert($0.0).inserted }
            .sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }.map { (Person.ID($0.0), $0.1) }
    }

    /// Cards for sessions of one or more cohorts, hosts named in one query.
    static func cards(_ records: [LiveSessionRecord], cohortNames: [UUID: String], organizationID: UUID, now: Date,
                      on db: any Database) async throws -> [LiveSessionCard] {
        let sessions = records.map { $0.domain() }
        let names = try await PersonRecord.names(Set(sessions.flatMap { $0.hosts.map(\.uuid) }), on: db)
        return sessions.map { session in
            LiveSessionCard(session: session, organizationID: .init(organizationID), cohortName: cohortNames[session.cohortID.uuid] ?? "",
                            hostNames: session.hosts.compactMap { names[$0.uuid] }, now: now)
        }
    }

    /// The providers this server can hold a session with, in the order the form offers them.
    static func providers(_ config: AppConfig) -> [(kind: LiveProvider.Kind, label: String)] {
        var kinds: [LiveProvider.Kind] = [.builtInRoom]
        if config.jitsi != nil { kinds.append(.jitsi) }
        if config.bigBlueButton != nil { kinds.append(.bigBlueButton) }
        kinds.append(.external)
        return kinds.map { ($0, LiveText.provider($0)) }
    }

    /// What the Join button leads to, in words; nil when this server cannot use that provider.
    static func whereText(_ session: LiveSession, config: AppConfig) -> String? {
        switch session.provider {
        case .external(let link): "A meeting at \(link.url.host ?? "another service"): Join opens it."
        case .jitsi: config.jitsiURL.map { "Jitsi (\($0.url.host ?? "")): Join opens the meeting room." }
        case .bigBlueButton: config.bigBlueButton.map { "BigBlueButton (\($0.host)): Join opens the meeting room." }
        case .builtInRoom: "Atelier's own room, in your browser: camera and microphone, up to \(LiveRoom.capacity) people."
        }
    }
}
