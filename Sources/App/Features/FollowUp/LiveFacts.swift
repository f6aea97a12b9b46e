import Domain
import Fluent
import Foundation
import SQLKit

/// Who attended each live class the cohort has held, oldest first: three queries, the third only
/// for classes whose attendance is not yet in `ReadCaches.heldAttendance`.
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

    /// Join and leave events may still be on their way to the database this long after a class
    /// ends; after that, what they add up to no longer changes.
    static let settling: TimeInterval = 120

    /// `memo`: attendance computed from the events of classes held over `settling` ago, by class
    /// (`memoKey`). Any event written later falls after the class's end, where time in stops
    /// counting, so nothing makes it stale: it is never emptied by writes. Corrections do change,
    /// and are applied on top at each read.
    static func load(_ cohortID: UUID, now: Date, memo: ReadCache<[Person.ID: Attendance]>, on db: any Database) async throws -> LiveFacts {
        let all = try await LiveSessionRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$cancelled == false)
            .sort(\.$startsAt).all().map { $0.domain() }
        let sessions = all.filter { $0.heldEnd <= now }
        let nextEnd = all.map(\.heldEnd).filter { $0 > now }.min()
        guard !sessions.isEmpty, let sql = db as? any SQLDatabase else { return LiveFacts(nextEnd: nextEnd) }
        let corrections = Dictionary(grouping: try await LiveAttendanceCorrectionRecord.query(on: db)
            .filter(\.$sessionID ~~ sessions.map(\.id.uuid)).all(), by: \.sessionID)
        var computed = sessions.map { memo.lookup(memoKey($0), now: now) }
        let missing = zip(sessions, computed).filter { $0.1 == nil }.map(\.0.id.uuid)
        if !missing.isEmpty {
            let events = Dictionary(grouping: try await sql.select().columns("session_id", "person_id", "connection_id", "kind", "at")
                .from("live_presence").where("session_id", .in, missing).all(decoding: Presence.self), by: \.session_id)
            for (index, session) in sessions.enumerated() where computed[index] == nil {
                let attendance = AttendanceRules.compute(session: session, events: (events[session.id.uuid] ?? []).map {
                    PresenceEvent(personID: $0.person_id, connectionID: $0.connection_id, kind: $0.kind, at: $0.at)
                }, now: now)
                if session.heldEnd.addingTimeInterval(settling) <= now {
                    memo.store(attendance, for: memoKey(session), loadedIn: memo.generation, now: now)
                }
                computed[index] = attendance
            }
        }
        return LiveFacts(sessions: sessions, held: zip(sessions, computed).map { session, attendance in
            AttendanceRules.corrected(attendance ?? [:], by: Dictionary((corrections[session.id.uuid] ?? []).map {
                (Person.ID($0.personID), $0.attended)
            }, uniquingKeysWith: { $1 }))
        }, nextEnd: nextEnd)
    }

    /// A class rescheduled, or ended early, is another key.
    static func memoKey(_ session: LiveSession) -> String {
        "\(session.id.uuid)|\(session.start.timeIntervalSince1970)|\(session.heldEnd.timeIntervalSince1970)"
    }
}
