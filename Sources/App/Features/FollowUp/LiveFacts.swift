import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Who attended each live class the cohort has held, oldest first: three queries, the third only
/// for classes whose attendance is not yet in `HeldAttendance`.
struct LiveFacts {
    /// The classes held, oldest first, and each one's attendance by person (those with neither
    /// time in nor a correction are absent from it: they did not attend).
    var sessions: [LiveSession] = []
    var held: [[Person.ID: Attendance]] = []
    /// When the next class still running or to come ends: these facts are stale from then on.
    var nextEnd: Date?

    /// Their attendance at each class held since `since` (they joined), oldest first: a class
    /// held before they were in the cohort is not one they missed.
    func attended(by person: UUID, since: Date = .distantPast) -> [Bool] {
        zip(sessions, held).filter { $0.0.start >= since }.map { $0.1[.init(person)]?.attended ?? false }
    }

    /// The last class held since `since`, when they missed it.
    func lastMissed(by person: UUID, since: Date) -> LiveSession? {
        guard let index = sessions.lastIndex(where: { $0.start >= since }),
              held[index][Person.ID(person)]?.attended != true else { return nil }
        return sessions[index]
    }

    struct Presence: Decodable { let session_id: UUID; let person_id: UUID; let connection_id: UUID; let kind: String; let at: Date }

    static func load(_ cohortID: UUID, now: Date, memo: HeldAttendance, on db: any Database) async throws -> LiveFacts {
        let all = try await LiveSessionRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$cancelled == false)
            .sort(\.$startsAt).all().map { $0.domain() }
        let sessions = all.filter { $0.heldEnd <= now }
        let nextEnd = all.map(\.heldEnd).filter { $0 > now }.min()
        guard !sessions.isEmpty, let sql = db as? any SQLDatabase else { return LiveFacts(nextEnd: nextEnd) }
        let corrections = Dictionary(grouping: try await LiveAttendanceCorrectionRecord.query(on: db)
            .filter(\.$sessionID ~~ sessions.map(\.id.uuid)).all(), by: \.sessionID)
        var computed = sessions.map { memo.lookup($0) }
        let missing = zip(sessions, computed).filter { $0.1 == nil }.map(\.0.id.uuid)
        if !missing.isEmpty {
            let events = Dictionary(grouping: try await sql.select().columns("session_id", "person_id", "connection_id", "kind", "at")
                .from("live_presence").where("session_id", .in, missing).all(decoding: Presence.self), by: \.session_id)
            for (index, session) in sessions.enumerated() where computed[index] == nil {
                let attendance = AttendanceRules.compute(session: session, events: (events[session.id.uuid] ?? []).map {
                    PresenceEvent(person: .init($0.person_id), connection: .init($0.connection_id), kind: .init(rawValue: $0.kind) ?? .join,
                                  at: $0.at)
                }, now: now)
                memo.store(attendance, for: session, now: now)
                computed[index] = attendance
            }
        }
        return LiveFacts(sessions: sessions, held: zip(sessions, computed).map { session, attendance in
            var attendance = attendance ?? [:]
            for correction in corrections[session.id.uuid] ?? [] {
                let person = Person.ID(correction.personID)
                let before = attendance[person]
                attendance[person] = Attendance(person: person, intervals: before?.intervals ?? [], computed: before?.computed ?? false,
                                                correction: correction.attended)
            }
            return attendance
        }, nextEnd: nextEnd)
    }
}

/// The attendance computed from join and leave events of classes held some time ago, by class.
/// Those events no longer change it: any written later falls after the class's end, which is
/// where time in stops counting. A class rescheduled, or ended early, is another key. Corrections
/// do change, and are applied on top at each read. Not emptied by writes, unlike `ReadCache`: it
/// holds nothing a write can make stale. Off with the read caches (lifetime 0), as tests of a
/// fixed number of queries want.
final class HeldAttendance: Sendable {
    /// Events may still be on their way to the database this long after a class ends.
    static let settling: TimeInterval = 120

    private let entries = NIOLockedValueBox([String: [Person.ID: Attendance]]())
    let isOn: Bool
    let capacity: Int

    init(isOn: Bool, capacity: Int = 5_000) {
        self.isOn = isOn
        self.capacity = capacity
    }

    private static func key(_ session: LiveSession) -> String {
        "\(session.id.uuid)|\(session.start.timeIntervalSince1970)|\(session.heldEnd.timeIntervalSince1970)"
    }

    func lookup(_ session: LiveSession) -> [Person.ID: Attendance]? {
        guard isOn else { return nil }
        return entries.withLockedValue { $0[Self.key(session)] }
    }

    func store(_ attendance: [Person.ID: Attendance], for session: LiveSession, now: Date) {
        guard isOn, session.heldEnd.addingTimeInterval(Self.settling) <= now else { return }
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Self.key(session)] = attendance
        }
    }
}
