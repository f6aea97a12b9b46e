import Foundation
import Testing
@testable import Domain

@Suite struct AttendanceTests {
    typealias S = LiveSamples
    static let ann = S.learners[0], bob = S.learners[1]
    static let afterwards = S.at(120)

    static func attendance(_ events: [PresenceEvent], session: LiveSession = S.session(), now: Date = afterwards,
                           threshold: Double = AttendanceRules.defaultThreshold,
                           corrections: [Person.ID: Bool] = [:], expected: [Person.ID] = []) -> [Person.ID: Attendance] {
        AttendanceRules.compute(session: session, events: events, now: now, threshold: threshold,
                                corrections: corrections, expected: expected)
    }

    @Test func minutesInAndAttendedByHalfTheSession() {
        #expect(AttendanceRules.defaultThreshold == 0.5)
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 40) + S.visit(Self.bob, from: 0, to: 20))
        #expect(result[Self.ann]?.minutes == 40 && result[Self.ann]?.attended == true)
        #expect(result[Self.bob]?.minutes == 20 && result[Self.bob]?.attended == false)
        #expect(result[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(40))])
    }

    @Test func exactlyAtTheThresholdCounts() {
        let result = Self.attendance(S.visit(Self.ann, from: 10, to: 40) + S.visit(Self.bob, from: 10, to: 40 - 1.0 / 60))
        #expect(result[Self.ann]?.seconds == 30 * 60 && result[Self.ann]?.attended == true)
        #expect(result[Self.bob]?.minutes == 29 && result[Self.bob]?.attended == false)
        let strict = Self.attendance(S.visit(Self.ann, from: 0, to: 44), threshold: 0.75)
        #expect(strict[Self.ann]?.attended == false)
        #expect(Self.attendance(S.visit(Self.ann, from: 0, to: 45), threshold: 0.75)[Self.ann]?.attended == true)
    }

    @Test func twoTabsAtOnceCountOnce() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 20) + S.visit(Self.ann, from: 10, to: 40)
                                     + S.visit(Self.ann, from: 15, to: 18))
        #expect(result[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(40))])
        #expect(result[Self.ann]?.minutes == 40)
    }

    @Test func separateStretchesAddUp() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 10) + S.visit(Self.ann, from: 20, to: 30)
                                     + S.visit(Self.ann, from: 30, to: 35))
        #expect(result[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(10)),
                                                DateInterval(start: S.at(20), end: S.at(35))])
        #expect(result[Self.ann]?.minutes == 25 && result[Self.ann]?.attended == false)
    }

    @Test func aMissingLeaveCountsToTheEnd() {
        let result = Self.attendance(S.visit(Self.ann, from: 45, to: nil))
        #expect(result[Self.ann]?.minutes == 15)
        #expect(result[Self.ann]?.intervals == [DateInterval(start: S.at(45), end: S.at(60))])
    }

    @Test func whileTheSessionRunsTheFiguresAreSoFar() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: nil) + S.visit(Self.bob, from: -5, to: nil), now: S.at(25))
        #expect(result[Self.ann]?.minutes == 25 && result[Self.ann]?.attended == false)
        #expect(result[Self.bob]?.minutes == 25)
        #expect(Self.attendance(S.visit(Self.ann, from: 0, to: nil), now: S.at(30))[Self.ann]?.attended == true)
        #expect(Self.attendance(S.visit(Self.ann, from: 0, to: nil), now: S.at(-3))[Self.ann]?.minutes == 0)
    }

    @Test func onlyTimeWithinTheSessionCounts() {
        let result = Self.attendance(S.visit(Self.ann, from: -10, to: 70) + S.visit(Self.bob, from: -10, to: -2)
                                     + S.visit(S.trainer, from: 65, to: 80))
        #expect(result[Self.ann]?.minutes == 60 && result[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(60))])
        #expect(result[Self.bob]?.minutes == 0 && result[Self.bob]?.intervals == [])
        #expect(result[S.trainer]?.minutes == 0 && result[S.trainer]?.attended == false)
    }

    @Test func aSessionEndedEarlyCountsAgainstTheTimeItWasHeld() {
        let session = S.session(closedAt: S.at(40))
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: nil) + S.visit(Self.bob, from: 0, to: 19), session: session)
        #expect(result[Self.ann]?.minutes == 40 && result[Self.ann]?.attended == true)
        #expect(result[Self.bob]?.minutes == 19 && result[Self.bob]?.attended == false)
        #expect(Self.attendance(S.visit(Self.bob, from: 0, to: 20), session: session)[Self.bob]?.attended == true)
    }

    @Test func aTrainersCorrectionWinsAndTheMinutesStay() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 50) + S.visit(Self.bob, from: 0, to: 5),
                                     corrections: [Self.ann: false, Self.bob: true, S.learners[2]: true])
        #expect(result[Self.ann]?.computed == true && result[Self.ann]?.attended == false && result[Self.ann]?.minutes == 50)
        #expect(result[Self.bob]?.computed == false && result[Self.bob]?.attended == true && result[Self.bob]?.minutes == 5)
        // Someone who joined by phone, with no event at all.
        #expect(result[S.learners[2]]?.minutes == 0 && result[S.learners[2]]?.attended == true)
    }

    @Test func theExpectedWhoNeverCameShowAsAbsent() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 50), expected: [Self.ann, Self.bob])
        #expect(result.count == 2)
        #expect(result[Self.bob] == Attendance(person: Self.bob, intervals: [], computed: false, correction: nil))
    }

    @Test func repeatedAndStrayEventsChangeNothing() {
        let tab = S.connection()
        let join = PresenceEvent(person: Self.ann, connection: tab, kind: .join, at: S.at(0))
        let leave = PresenceEvent(person: Self.ann, connection: tab, kind: .leave, at: S.at(20))
        let stray = PresenceEvent(person: Self.ann, connection: S.connection(), kind: .leave, at: S.at(10))
        let lateJoin = PresenceEvent(person: Self.ann, connection: tab, kind: .join, at: S.at(5))
        let result = Self.attendance([leave, join, leave, stray, lateJoin, join])
        #expect(result[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(20))])
    }

    @Test func aReconnectionAtTheSameInstantLeavesNoGap() {
        let old = S.connection(), new = S.connection()
        let events = [
            PresenceEvent(person: Self.ann, connection: old, kind: .join, at: S.at(0)),
            PresenceEvent(person: Self.ann, connection: old, kind: .leave, at: S.at(20)),
            PresenceEvent(person: Self.ann, connection: new, kind: .join, at: S.at(20)),
            PresenceEvent(person: Self.ann, connection: new, kind: .leave, at: S.at(35)),
        ]
        #expect(Self.attendance(events)[Self.ann]?.intervals == [DateInterval(start: S.at(0), end: S.at(35))])
    }

    @Test func nobodyAttendsACancelledSession() {
        let result = Self.attendance(S.visit(Self.ann, from: 0, to: 60), session: S.session(cancelled: true))
        #expect(result[Self.ann]?.minutes == 0 && result[Self.ann]?.attended == false)
    }
}
