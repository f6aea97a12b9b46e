@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// The dashboard's attendance at classes held: computed once from join and leave events when the
/// class is well over, with trainers' corrections read fresh every time.
@Suite struct LiveFactsTests {
    static func held(_ s: FollowUpClass, endedAgo: TimeInterval, _ app: Application) async throws -> LiveSession {
        let session = LiveSession(id: .init(UUID()), cohortID: .init(s.c.cohort.id!), activityID: nil, title: "Kick-off", agenda: "",
                                  start: Date().addingTimeInterval(-3_600 - endedAgo), durationMinutes: 60, timeZone: "UTC",
                                  provider: .builtInRoom, hosts: [.init(s.c.trainer.id!)])
        try await LiveSessionRecord(session, organizationID: s.c.org.id!, createdBy: s.c.trainer.id!).save(on: app.db)
        let connection = LiveConnection.ID(UUID())
        for (kind, at) in [(PresenceEvent.Kind.join, session.start), (.leave, session.end)] {
            try await LivePresenceRecord(sessionID: session.id.uuid, event: .init(person: .init(s.c.lea.id!), connection: connection,
                                                                                  kind: kind, at: at)).save(on: app.db)
        }
        return session
    }

    @Test func aClassWellOverIsComputedOnceAndCorrectionsStillCount() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let session = try await Self.held(s, endedAgo: 3_600, app)
            let memo = ReadCache<[Person.ID: Attendance]>(lifetime: .infinity)
            let first = try await LiveFacts.load(s.c.cohort.id!, now: Date(), memo: memo, on: app.db)
            #expect(first.attended(by: s.c.lea.id!) == [true] && first.attended(by: s.c.max.id!) == [false])
            let stored = try #require(first.sessions.first, "the class as read back")
            #expect(memo.lookup(LiveFacts.memoKey(stored), now: Date())?[.init(s.c.lea.id!)]?.minutes == 60)
            // The memo answers now: an event written behind its back changes nothing…
            try await LivePresenceRecord(sessionID: session.id.uuid, event: .init(person: .init(s.c.max.id!), connection: .init(UUID()),
                                                                                  kind: .join, at: session.start)).save(on: app.db)
            // …but a trainer's correction does.
            try await LiveAttendanceCorrectionRecord(sessionID: session.id.uuid, personID: s.c.lea.id!, attended: false,
                                                     correctedBy: s.c.trainer.id!, at: Date()).save(on: app.db)
            let second = try await LiveFacts.load(s.c.cohort.id!, now: Date(), memo: memo, on: app.db)
            #expect(second.attended(by: s.c.lea.id!) == [false] && second.attended(by: s.c.max.id!) == [false])
            #expect(second.held.first?[.init(s.c.lea.id!)]?.minutes == 60, "the time in stays, the trainer's word wins")
            let cold = try await LiveFacts.load(s.c.cohort.id!, now: Date(), memo: ReadCache<[Person.ID: Attendance]>(lifetime: 0), on: app.db)
            #expect(cold.attended(by: s.c.max.id!) == [true], "without the memo the late event counts")
        }
    }

    @Test func aClassJustOverIsNotKeptAndTheNextEndIsKnown() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let session = try await Self.held(s, endedAgo: 30, app)
            let later = LiveSession(id: .init(UUID()), cohortID: .init(s.c.cohort.id!), activityID: nil, title: "Next", agenda: "",
                                    start: Date().addingTimeInterval(86_400), durationMinutes: 45, timeZone: "UTC",
                                    provider: .builtInRoom, hosts: [.init(s.c.trainer.id!)])
            try await LiveSessionRecord(later, organizationID: s.c.org.id!, createdBy: s.c.trainer.id!).save(on: app.db)
            let memo = ReadCache<[Person.ID: Attendance]>(lifetime: .infinity)
            let facts = try await LiveFacts.load(s.c.cohort.id!, now: Date(), memo: memo, on: app.db)
            #expect(facts.sessions.map(\.id) == [session.id], "the class to come is not held")
            #expect(facts.attended(by: s.c.lea.id!) == [true])
            #expect(memo.lookup(LiveFacts.memoKey(try #require(facts.sessions.first)), now: Date()) == nil, "events may still be on their way")
            #expect(facts.nextEnd.map { Int($0.timeIntervalSince1970) } == Int(later.end.timeIntervalSince1970))
        }
    }
}
