import Domain
import Fluent
import Foundation
import SQLKit

/// A live class of one cohort (`LiveSession`). Hosts are stored as their ids, space-separated, in
/// their order: the first is the calendar's organizer.
final class LiveSessionRecord: Model, @unchecked Sendable {
    static let schema = "live_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @OptionalField(key: "activity_id") var activityID: UUID?
    @Field(key: "title") var title: String
    @Field(key: "agenda") var agenda: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "duration_minutes") var durationMinutes: Int
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "provider") var provider: String
    @OptionalField(key: "link") var link: String?
    @Field(key: "hosts") var hosts: String
    @OptionalField(key: "recording") var recording: String?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "cancelled") var cancelled: Bool
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// When the reminder went out (or was found too late to send); cleared when the start moves.
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    /// When its attendance was turned into progress (sessions of a course activity, once over).
    @OptionalField(key: "counted_at") var countedAt: Date?
    @Field(key: "created_by") var createdBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(_ session: LiveSession, organizationID: UUID, createdBy: UUID) {
        self.id = session.id.uuid
        self.organizationID = organizationID
        self.cohortID = session.cohortID.uuid
        self.activityID = session.activityID?.uuid
        self.createdBy = createdBy
        self.remindedAt = nil
        apply(session)
    }

    /// Writes every changeable part of the session into the record.
    func apply(_ session: LiveSession) {
        title = session.title
        agenda = session.agenda
        startsAt = session.start
        durationMinutes = session.durationMinutes
        timeZone = session.timeZone
        provider = session.provider.kind.rawValue
        link = session.provider.link?.text
        hosts = session.hosts.map(\.description).joined(separator: " ")
        recording = session.recording?.text
        sequence = session.sequence
        cancelled = session.isCancelled
        closedAt = session.closedAt
    }

    func domain() -> LiveSession {
        let kind = LiveProvider.Kind(rawValue: provider) ?? .external
        // A stored external provider always has its link; should one ever lack it, the room stands in.
        let provider = LiveProvider(kind: kind, link: link.flatMap(HTTPSLink.init)) ?? .builtInRoom
        return LiveSession(id: .init(id!), cohortID: .init(cohortID), activityID: activityID.map { .init($0) }, title: title,
                           agenda: agenda, start: startsAt, durationMinutes: durationMinutes, timeZone: timeZone,
                           provider: provider, hosts: hosts.split(separator: " ").compactMap { Person.ID(String($0)) },
                           recording: recording.flatMap(HTTPSLink.init), sequence: sequence, isCancelled: cancelled,
                           closedAt: closedAt)
    }
}

/// A tab entering or leaving a session (`PresenceEvent`); for a session held elsewhere, a click on Join.
final class LivePresenceRecord: Model, @unchecked Sendable {
    static let schema = "live_presence"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "connection_id") var connectionID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "at") var at: Date

    init() {}

    init(sessionID: UUID, event: PresenceEvent) {
        self.sessionID = sessionID
        self.personID = event.person.uuid
        self.connectionID = event.connection.uuid
        self.kind = event.kind.rawValue
        self.at = event.at
    }

    func domain() -> PresenceEvent {
        PresenceEvent(personID: personID, connectionID: connectionID, kind: kind, at: at)
    }
}

extension PresenceEvent {
    /// From a `live_presence` row: a kind this version does not know reads as a join.
    init(personID: UUID, connectionID: UUID, kind: String, at: Date) {
        self.init(person: .init(personID), connection: .init(connectionID), kind: .init(rawValue: kind) ?? .join, at: at)
    }
}

/// A trainer's word on whether someone attended, which wins over the computed value.
final class LiveAttendanceCorrectionRecord: Model, @unchecked Sendable {
    static let schema = "live_attendance_corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "attended") var attended: Bool
    @Field(key: "corrected_by") var correctedBy: UUID
    @Field(key: "corrected_at") var correctedAt: Date

    init() {}

    init(sessionID: UUID, personID: UUID, attended: Bool, correctedBy: UUID, at: Date) {
        self.sessionID = sessionID
        self.personID = personID
        self.attended = attended
        self.correctedBy = correctedBy
        self.correctedAt = at
    }
}

struct CreateLiveSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("cohorts")
            .field("time_zone", .string, .required, .sql(.default(Cohort.defaultTimeZone)))
            .update()
        try await database.schema("live_sessions")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("title", .string, .required)
            .field("agenda", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("duration_minutes", .int, .required)
            .field("time_zone", .string, .required)
            .field("provider", .string, .required)
            .field("link", .string)
            .field("hosts", .string, .required)
            .field("recording", .string)
            .field("sequence", .int, .required)
            .field("cancelled", .bool, .required)
            .field("closed_at", .datetime)
            .field("reminded_at", .datetime)
            .field("counted_at", .datetime)
            .field("created_by", .uuid, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("live_presence")
            .id()
            .field("session_id", .uuid, .required, .references("live_sessions", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("connection_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.schema("live_attendance_corrections")
            .id()
            .field("session_id", .uuid, .required, .references("live_sessions", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("attended", .bool, .required)
            .field("corrected_by", .uuid, .required)
            .field("corrected_at", .datetime, .required)
            .unique(on: "session_id", "person_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "live_sessions_by_cohort").on("live_sessions").column("cohort_id").column("starts_at").run()
            try await sql.create(index: "live_presence_by_session").on("live_presence").column("session_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("live_attendance_corrections").delete()
        try await database.schema("live_presence").delete()
        try await database.schema("live_sessions").delete()
        try await database.schema("cohorts").deleteField("time_zone").update()
    }
}
