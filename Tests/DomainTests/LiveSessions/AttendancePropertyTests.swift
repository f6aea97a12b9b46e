import Foundation
import PropertyBased
import Testing
@testable import Domain

/// Random visits of three people to a session of random length, some ended early by a host,
/// looked at a random `now`: joins from long before the start to after the end, leaves missing,
/// repeated or stray, tabs overlapping.
@Suite struct AttendancePropertyTests {
    typealias S = LiveSamples
    typealias Case = (session: LiveSession, events: [PresenceEvent], now: Date, seed: UInt64)

    static let people = Array(S.learners.prefix(3))

    static let cases = Generator<Case, _> { rng in
        let minutes = Int.random(in: LiveSession.durations, using: &rng)
        let closedAt = Bool.random(using: &rng) ? S.at(Double.random(in: 0...Double(minutes), using: &rng)) : nil
        let session = S.session(minutes: minutes, closedAt: closedAt)
        let tabs = (0..<4).map { _ in S.connection() }
        let events = (0..<Int.random(in: 0...24, using: &rng)).map { _ in
            PresenceEvent(person: people.randomElement(using: &rng)!, connection: tabs.randomElement(using: &rng)!,
                          kind: Bool.random(using: &rng) ? .join : .leave,
                          at: S.at(Double(Int.random(in: -30...(minutes + 30), using: &rng))))
        }
        let now = S.at(Double.random(in: -20...Double(minutes + 60), using: &rng))
        return (session, events, now, UInt64.random(in: 0...UInt64.max, using: &rng))
    }

    @Test func timeInStaysWithinTheSessionAsHeldAndSoFar() async {
        await propertyCheck(count: 300, input: Self.cases) { session, events, now, _ in
            let window = DateInterval(start: session.start, end: max(session.start, min(session.heldEnd, now)))
            for attendance in AttendanceRules.compute(session: session, events: events, now: now).values {
                #expect(attendance.minutes >= 0 && attendance.minutes <= session.durationMinutes)
                #expect(attendance.seconds <= window.duration)
                for interval in attendance.intervals {
                    #expect(interval.duration > 0)
                    #expect(window.start <= interval.start && interval.end <= window.end)
                }
                // Sorted and apart: merged stretches never touch.
                for (a, b) in zip(attendance.intervals, attendance.intervals.dropFirst()) { #expect(a.end < b.start) }
                #expect(attendance.computed == (attendance.seconds >= 0.5 * session.heldEnd.timeIntervalSince(session.start)))
            }
        }
    }

    @Test func theOrderEventsArriveInChangesNothing() async {
        await propertyCheck(count: 300, input: Self.cases) { session, events, now, seed in
            var shuffled = events
            var rng = SeededGenerator(seed: seed)
            rng.shuffle(&shuffled)
            #expect(AttendanceRules.compute(session: session, events: shuffled, now: now)
                    == AttendanceRules.compute(session: session, events: events, now: now))
        }
    }

    /// One more visit on a tab of its own never lowers anybody's time, and adds at most its length.
    @Test func anotherVisitNeverTakesTimeAway() async {
        await propertyCheck(count: 300, input: Self.cases) { session, events, now, seed in
            var rng = SeededGenerator(seed: seed)
            let person = Self.people[rng.index(below: Self.people.count)]
            let from = Double(rng.index(below: session.durationMinutes + 60)) - 30
            let visit = S.visit(person, from: from, to: from + Double(rng.index(below: 90)))
            let before = AttendanceRules.compute(session: session, events: events, now: now)
            let after = AttendanceRules.compute(session: session, events: events + visit, now: now)
            for someone in Self.people {
                let was = before[someone]?.seconds ?? 0, now = after[someone]?.seconds ?? 0
                #expect(now >= was)
                #expect(now - was <= visit[1].at.timeIntervalSince(visit[0].at) + 1e-6)
                if someone != person { #expect(now == was) }
            }
        }
    }
}
