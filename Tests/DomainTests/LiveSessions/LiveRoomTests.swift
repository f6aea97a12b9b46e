import Foundation
import Testing
@testable import Domain

@Suite struct LiveRoomTests {
    typealias S = LiveSamples
    static let live = S.at(5)

    static func join(_ person: Person.ID, role: CohortRole? = .learner, connection: LiveConnection.ID = S.connection(),
                     muted: Bool = false) -> LiveRoom.Action {
        .join(person, role: role, connection: connection, muted: muted, cameraOn: true)
    }

    /// The trainer (host) and `learners` learners in the room.
    static func room(learners: Int = 2, session: LiveSession = S.session()) throws -> LiveRoom {
        var room = try LiveRoom(session: session).applying(join(S.trainer, role: .trainer), at: live)
        for learner in S.learners.prefix(learners) { room = try room.applying(join(learner), at: live) }
        return room
    }

    @Test func membersJoinWhileTheRoomIsOpen() throws {
        let empty = LiveRoom(session: S.session())
        for minutes in [-10.0, -3, 0, 59.9] {
            let room = try empty.applying(Self.join(S.learners[0], muted: true), at: S.at(minutes))
            #expect(room.participants.map(\.person) == [S.learners[0]])
            #expect(room.participants[0].isMuted && room.participants[0].isCameraOn && !room.participants[0].isHandRaised)
        }
        for role in CohortRole.allCases {
            #expect(try empty.applying(Self.join(S.facilitator, role: role), at: Self.live).participants.count == 1)
        }
    }

    @Test func nobodyJoinsBeforeTheWindowAfterTheEndOrWhenCancelled() {
        let room = LiveRoom(session: S.session())
        #expect(throws: LiveSessionError.notOpenYet) { try room.applying(Self.join(S.trainer), at: S.at(-10.01)) }
        #expect(throws: LiveSessionError.ended) { try room.applying(Self.join(S.trainer), at: S.at(60)) }
        let cancelled = LiveRoom(session: S.session(cancelled: true))
        #expect(throws: LiveSessionError.cancelled) { try cancelled.applying(Self.join(S.trainer), at: Self.live) }
    }

    @Test func someoneOutsideTheCohortIsRefused() {
        #expect(throws: LiveSessionError.notAMember) {
            try LiveRoom(session: S.session()).applying(Self.join(S.outsider, role: nil), at: Self.live)
        }
    }

    @Test func aSessionHeldElsewhereHasNoRoom() {
        for provider in [LiveProvider.bigBlueButton, .jitsi, .external(HTTPSLink("https://zoom.test/j/1")!)] {
            let room = LiveRoom(session: S.session(provider: provider))
            #expect(throws: LiveSessionError.noRoom) { try room.applying(Self.join(S.trainer), at: Self.live) }
            #expect(!room.isOpen(at: Self.live))
        }
    }

    @Test func theNinthIsToldTheRoomIsFull() throws {
        #expect(LiveRoom.capacity == 8)
        let full = try Self.room(learners: 7)
        #expect(full.participants.count == 8)
        #expect(throws: LiveSessionError.full) { try full.applying(Self.join(S.learners[7]), at: Self.live) }
        let freed = try full.applying(.leave(S.learners[3], connection: full.participant(S.learners[3])!.connection), at: Self.live)
        #expect(try freed.applying(Self.join(S.learners[7]), at: Self.live).participants.count == 8)
    }

    @Test func someoneAlreadyInMovesToTheirNewTabEvenWhenTheRoomIsFull() throws {
        let full = try Self.room(learners: 7)
        let old = full.participant(S.learners[0])!.connection, new = S.connection()
        let moved = try full.applying(Self.join(S.learners[0], connection: new, muted: true), at: Self.live)
        #expect(moved.participants.count == 8)
        #expect(moved.participants.map(\.person) == full.participants.map(\.person))  // keeps their place in the grid
        #expect(moved.participant(S.learners[0])?.connection == new)
        #expect(moved.participant(S.learners[0])?.isMuted == true)
        #expect(!moved.relays(from: old, at: Self.live) && moved.relays(from: new, at: Self.live))
        // The old tab closing later does not take them out.
        #expect(try moved.applying(.leave(S.learners[0], connection: old), at: Self.live) == moved)
    }

    @Test func leavingIsNeverAnError() throws {
        let room = try Self.room()
        let connection = room.participant(S.learners[1])!.connection
        let left = try room.applying(.leave(S.learners[1], connection: connection), at: Self.live)
        #expect(left.participant(S.learners[1]) == nil && left.participants.count == 2)
        #expect(try left.applying(.leave(S.learners[1], connection: connection), at: Self.live) == left)
        #expect(try room.applying(.leave(S.learners[1], connection: connection), at: S.at(90)).participants.isEmpty)
    }

    @Test func signallingIsRelayedOnlyForTheRoomsConnectionsWhileItIsOpen() throws {
        let room = try Self.room()
        let connection = room.participant(S.learners[0])!.connection
        #expect(room.relays(from: connection, at: Self.live))
        #expect(!room.relays(from: S.connection(), at: Self.live))
        #expect(!room.relays(from: connection, at: S.at(60)))
        #expect(room.closedIfOver(at: S.at(59)) == room)
        #expect(room.closedIfOver(at: S.at(60)).participants.isEmpty)
    }

    @Test func hostsMuteOthersAndLowerTheirHands() throws {
        var room = try Self.room()
        let learner = S.learners[0]
        room = try room.applying(.raiseHand(learner, by: learner), at: Self.live)
        #expect(room.participant(learner)?.isHandRaised == true)
        room = try room.applying(.mute(learner, by: S.trainer), at: Self.live)
        room = try room.applying(.lowerHand(learner, by: S.trainer), at: Self.live)
        #expect(room.participant(learner)?.isMuted == true && room.participant(learner)?.isHandRaised == false)
    }

    @Test func othersAreNotHosts() throws {
        let room = try Self.room().applying(.raiseHand(S.learners[0], by: S.learners[0]), at: Self.live)
        let other = S.learners[1]
        #expect(throws: LiveSessionError.notAHost) { try room.applying(.mute(S.learners[0], by: other), at: Self.live) }
        #expect(throws: LiveSessionError.notAHost) { try room.applying(.lowerHand(S.learners[0], by: other), at: Self.live) }
        #expect(throws: LiveSessionError.notAHost) { try room.applying(.end(by: other), at: Self.live) }
        // A trainer of the cohort who is not a host of this session has no host rights either.
        let hostedByFacilitator = try Self.room(session: S.session(hosts: [S.facilitator]))
        #expect(throws: LiveSessionError.notAHost) {
            try hostedByFacilitator.applying(.mute(S.learners[0], by: S.trainer), at: Self.live)
        }
    }

    @Test func nobodyIsPutOnTheAirBySomeoneElse() throws {
        let room = try Self.room().applying(.mute(S.learners[0], by: S.trainer), at: Self.live)
        #expect(throws: LiveSessionError.onlyThemselves) { try room.applying(.unmute(S.learners[0], by: S.trainer), at: Self.live) }
        #expect(throws: LiveSessionError.onlyThemselves) {
            try room.applying(.camera(S.learners[0], on: true, by: S.trainer), at: Self.live)
        }
        #expect(throws: LiveSessionError.onlyThemselves) { try room.applying(.raiseHand(S.learners[0], by: S.trainer), at: Self.live) }
        let unmuted = try room.applying(.unmute(S.learners[0], by: S.learners[0]), at: Self.live)
        #expect(unmuted.participant(S.learners[0])?.isMuted == false)
        let cameraOff = try unmuted.applying(.camera(S.learners[0], on: false, by: S.learners[0]), at: Self.live)
        #expect(cameraOff.participant(S.learners[0])?.isCameraOn == false)
        #expect(try cameraOff.applying(.mute(S.learners[0], by: S.learners[0]), at: Self.live).participant(S.learners[0])?.isMuted == true)
    }

    @Test func actionsNeedTheirTargetInTheRoom() throws {
        let room = try Self.room()
        #expect(throws: LiveSessionError.notInRoom) { try room.applying(.mute(S.learners[5], by: S.trainer), at: Self.live) }
        #expect(throws: LiveSessionError.notInRoom) { try room.applying(.raiseHand(S.learners[5], by: S.learners[5]), at: Self.live) }
    }

    @Test func aHostEndsTheSessionForEveryone() throws {
        let room = try Self.room()
        let connection = room.participant(S.learners[0])!.connection
        let ended = try room.applying(.end(by: S.trainer), at: S.at(40))
        #expect(ended.participants.isEmpty)
        #expect(ended.session.closedAt == S.at(40))
        #expect(ended.session.state(at: S.at(40)) == .ended)
        #expect(ended.session.sequence == room.session.sequence)
        #expect(!ended.isOpen(at: S.at(40)) && !ended.relays(from: connection, at: S.at(40)))
        #expect(throws: LiveSessionError.ended) { try ended.applying(Self.join(S.learners[0]), at: S.at(41)) }
        #expect(throws: LiveSessionError.ended) { try ended.applying(.mute(S.learners[0], by: S.trainer), at: S.at(41)) }
        #expect(throws: LiveSessionError.ended) { try ended.applying(.end(by: S.trainer), at: S.at(41)) }
        #expect(try ended.applying(.leave(S.learners[0], connection: connection), at: S.at(41)) == ended)
    }

    @Test func aHostNeedNotBeInTheRoomToEndIt() throws {
        let room = try LiveRoom(session: S.session()).applying(Self.join(S.learners[0]), at: Self.live)
        #expect(try room.applying(.end(by: S.trainer), at: Self.live).participants.isEmpty)
    }

    @Test func beforeTheStartASessionIsCancelledNotEnded() throws {
        let room = try LiveRoom(session: S.session()).applying(Self.join(S.trainer), at: S.at(-5))
        #expect(throws: LiveSessionError.notStarted) { try room.applying(.end(by: S.trainer), at: S.at(-5)) }
    }
}
