import Foundation
import Testing
@testable import Domain

@Suite struct LiveSessionStateTests {
    static let second: TimeInterval = 1

    @Test func theJoinButtonOpensTenMinutesBefore() {
        #expect(LiveSession.joinLead == 10 * 60)
        #expect(LiveSamples.session().joinOpens == LiveSamples.at(-10))
    }

    @Test(arguments: [
        (-10 * 60 - 1, LiveSession.State.upcoming), (-10 * 60, .joinable), (-1, .joinable), (0, .live),
        (60 * 60 - 1, .live), (60 * 60, .ended), (-86_400, .upcoming), (86_400, .ended),
    ] as [(TimeInterval, LiveSession.State)])
    func eachBoundaryBelongsToTheLaterState(offset: TimeInterval, expected: LiveSession.State) {
        let session = LiveSamples.session()
        #expect(session.state(at: session.start.addingTimeInterval(offset)) == expected)
        #expect(session.isOpen(at: session.start.addingTimeInterval(offset)) == (expected == .joinable || expected == .live))
    }

    @Test func aCancelledSessionIsCancelledAtEveryInstant() {
        let session = LiveSamples.session(cancelled: true)
        for minutes in [-60.0, -5, 0, 30, 90] {
            #expect(session.state(at: LiveSamples.at(minutes)) == .cancelled)
            #expect(!session.isOpen(at: LiveSamples.at(minutes)))
        }
    }

    @Test func aSessionEndedByAHostIsOverFromThen() {
        let session = LiveSamples.session(closedAt: LiveSamples.at(40))
        #expect(session.end == LiveSamples.at(60))
        #expect(session.heldEnd == LiveSamples.at(40))
        #expect(session.state(at: LiveSamples.at(40).addingTimeInterval(-Self.second)) == .live)
        #expect(session.state(at: LiveSamples.at(40)) == .ended)
    }

    static func input(title: String = "Negotiation clinic", start: Date = LiveSamples.start, minutes: Int = 60,
                      recording: String? = nil) -> LiveSessionInput {
        LiveSessionInput(title: title, agenda: "1. Cases\n2. Questions", start: start, durationMinutes: minutes,
                         timeZone: "Europe/Paris", provider: .builtInRoom, hosts: [LiveSamples.trainer],
                         recording: recording.flatMap(HTTPSLink.init))
    }

    @Test func everyChangeACalendarShowsBumpsTheSequenceOnce() throws {
        let session = LiveSamples.session()
        let before = LiveSamples.at(-120)
        #expect(try session.updated(with: Self.input(), at: before).sequence == 0)
        let changes: [LiveSessionInput] = [
            Self.input(title: "Negotiation clinic (2)"), Self.input(start: LiveSamples.at(30)), Self.input(minutes: 90),
            LiveSessionInput(title: "Negotiation clinic", agenda: "New agenda", start: LiveSamples.start, durationMinutes: 60,
                             timeZone: "Europe/Paris", provider: .builtInRoom, hosts: [LiveSamples.trainer], recording: nil),
            LiveSessionInput(title: "Negotiation clinic", agenda: "1. Cases\n2. Questions", start: LiveSamples.start,
                             durationMinutes: 60, timeZone: "UTC", provider: .jitsi,
                             hosts: [LiveSamples.facilitator, LiveSamples.trainer], recording: nil),
        ]
        for input in changes {
            let updated = try session.updated(with: input, at: before)
            #expect(updated.sequence == 1)
            #expect(updated.differsOnCalendar(from: session))
            #expect(try updated.updated(with: input, at: before).sequence == 1)  // saving again changes nothing
        }
    }

    @Test func theRecordingDoesNotTouchCalendarsAndMayBeAddedAfterTheEnd() throws {
        let session = LiveSamples.session()
        let after = LiveSamples.at(180)
        let withRecording = try session.updated(with: Self.input(recording: "https://videos.acme.test/42"), at: after)
        #expect(withRecording.recording?.text == "https://videos.acme.test/42")
        #expect(withRecording.sequence == 0)
        #expect(!withRecording.differsOnCalendar(from: session))
    }

    @Test func anEndedSessionsScheduleIsHistory() {
        let session = LiveSamples.session()
        #expect(throws: LiveSessionError.ended) { try session.updated(with: Self.input(minutes: 90), at: LiveSamples.at(60)) }
    }

    @Test func aLiveSessionMayStillBeExtended() throws {
        let updated = try LiveSamples.session().updated(with: Self.input(minutes: 90), at: LiveSamples.at(50))
        #expect(updated.end == LiveSamples.at(90) && updated.sequence == 1)
    }

    @Test func aCancelledSessionChangesNoMore() {
        let session = LiveSamples.session(cancelled: true)
        #expect(throws: LiveSessionError.cancelled) { try session.updated(with: Self.input(), at: LiveSamples.at(-120)) }
        #expect(throws: LiveSessionError.cancelled) { try session.cancelled(at: LiveSamples.at(-120)) }
    }

    @Test func cancellingBumpsTheSequenceAndIsOnlyForSessionsNotStarted() throws {
        let session = LiveSamples.session()
        for minutes in [-120.0, -10, -0.5] {
            let cancelled = try session.cancelled(at: LiveSamples.at(minutes))
            #expect(cancelled.isCancelled && cancelled.sequence == 1)
            #expect(cancelled.differsOnCalendar(from: session))
        }
        #expect(throws: LiveSessionError.alreadyStarted) { try session.cancelled(at: LiveSamples.at(0)) }
        #expect(throws: LiveSessionError.ended) { try session.cancelled(at: LiveSamples.at(60)) }
    }

    @Test func hostsAreKeptOnceInTheirFirstPlace() {
        let session = LiveSamples.session(hosts: [LiveSamples.facilitator, LiveSamples.trainer, LiveSamples.facilitator])
        #expect(session.hosts == [LiveSamples.facilitator, LiveSamples.trainer])
        #expect(session.isHost(LiveSamples.trainer) && !session.isHost(LiveSamples.learners[0]))
    }

    @Test func aStoredProviderIsRebuilt() {
        let link = HTTPSLink("https://zoom.test/j/1")!
        #expect(LiveProvider(kind: .external, link: link) == .external(link))
        #expect(LiveProvider(kind: .external, link: nil) == nil)
        #expect(LiveProvider(kind: .jitsi, link: link) == .jitsi)
        for provider in [LiveProvider.builtInRoom, .bigBlueButton, .jitsi, .external(link)] {
            #expect(LiveProvider(kind: provider.kind, link: provider.link) == provider)
        }
        #expect(LiveProvider.Kind.allCases.map(\.rawValue) == ["room", "bigbluebutton", "jitsi", "external"])
    }
}
