import Foundation

/// One browser tab's link to a live session: its signalling WebSocket in the built-in room, or
/// one click on Join for a session held elsewhere. Attendance pairs joins and leaves by it.
public enum LiveConnection {
    public typealias ID = Identifier<LiveConnection>
}

/// The built-in room of one live session: who is in, with their microphone, camera and hand.
///
/// A pure state machine: `applying(_:at:)` takes an action and returns the room after it, or the
/// reason it is refused. The App keeps the room of each open session, relays signalling only
/// between the connections it lists (`relays(from:at:)`), and records a join or a leave for
/// attendance whenever a connection enters or leaves the list.
///
/// The room is open while its session is joinable or live. Once the session has ended (at its
/// scheduled end, or when a host ends it) or is cancelled, it is empty and refuses everything
/// but leaving, which then changes nothing: a tab closing late is no error.
public struct LiveRoom: Hashable, Sendable {
    /// Media flows browser to browser (a full mesh): each person sends their video to every
    /// other, which a phone on a company network manages for about eight.
    public static let capacity = 8

    public private(set) var session: LiveSession
    /// In the order they joined: the order of the video grid.
    public private(set) var participants: [Participant]

    public init(session: LiveSession, participants: [Participant] = []) {
        self.session = session
        self.participants = participants
    }

    public struct Participant: Hashable, Sendable {
        public let person: Person.ID
        /// The tab that is in the room; a newer tab of the same person takes its place.
        public let connection: LiveConnection.ID
        public let role: CohortRole
        public var isMuted: Bool
        public var isCameraOn: Bool
        public var isHandRaised: Bool

        public init(person: Person.ID, connection: LiveConnection.ID, role: CohortRole, isMuted: Bool,
                    isCameraOn: Bool, isHandRaised: Bool = false) {
            self.person = person
            self.connection = connection
            self.role = role
            self.isMuted = isMuted
            self.isCameraOn = isCameraOn
            self.isHandRaised = isHandRaised
        }
    }

    public enum Action: Hashable, Sendable {
        /// `role` is the person's role in the session's cohort, nil when they are not a member.
        /// Joining again (a reloaded page, a second tab, a phone reconnecting before its old
        /// socket timed out) moves the person to the new connection; the App closes the old one.
        case join(Person.ID, role: CohortRole?, connection: LiveConnection.ID, muted: Bool, cameraOn: Bool)
        /// Only the connection in the room takes its person out; a replaced one changes nothing.
        case leave(Person.ID, connection: LiveConnection.ID)
        /// By the person themselves, or by a host.
        case mute(Person.ID, by: Person.ID)
        /// By the person themselves only: nobody is put on the air by someone else.
        case unmute(Person.ID, by: Person.ID)
        /// By the person themselves only, either way.
        case camera(Person.ID, on: Bool, by: Person.ID)
        /// By the person themselves only.
        case raiseHand(Person.ID, by: Person.ID)
        /// By the person themselves, or by a host.
        case lowerHand(Person.ID, by: Person.ID)
        /// By a host, once the session has started: everyone is out and the session is over.
        case end(by: Person.ID)
    }

    public func participant(_ person: Person.ID) -> Participant? {
        participants.first { $0.person == person }
    }

    public func isOpen(at now: Date) -> Bool {
        session.provider == .builtInRoom && session.isOpen(at: now)
    }

    /// Whether signalling from (and to) this connection is relayed: it is the one in the room
    /// and the room is open. Everything else is dropped, whoever sends it.
    public func relays(from connection: LiveConnection.ID, at now: Date) -> Bool {
        isOpen(at: now) && participants.contains { $0.connection == connection }
    }

    /// The room once its session is no longer open at `now`: empty. The App calls it on its
    /// timer at the scheduled end, and records a leave for everyone who was in.
    public func closedIfOver(at now: Date) -> LiveRoom {
        guard !isOpen(at: now) else { return self }
        var next = self
        next.participants = []
        return next
    }

    /// The room after `action` at `now`, or why the action is refused.
    public func applying(_ action: Action, at now: Date) throws(LiveSessionError) -> LiveRoom {
        guard session.provider == .builtInRoom else { throw .noRoom }
        if case .leave(let person, let connection) = action {
            return without(person, connection: connection).closedIfOver(at: now)
        }
        switch session.state(at: now) {
        case .cancelled: throw .cancelled
        case .ended: throw .ended
        case .upcoming: throw .notOpenYet
        case .joinable, .live: break
        }
        switch action {
        case let .join(person, role, connection, muted, cameraOn):
            return try joined(person, role: role, connection: connection, muted: muted, cameraOn: cameraOn)
        case .leave:
            return self
        case let .mute(person, actor):
            try allow(actor, on: person, hostMay: true)
            return try changing(person) { $0.isMuted = true }
        case let .unmute(person, actor):
            try allow(actor, on: person, hostMay: false)
            return try changing(person) { $0.isMuted = false }
        case let .camera(person, on, actor):
            try allow(actor, on: person, hostMay: false)
            return try changing(person) { $0.isCameraOn = on }
        case let .raiseHand(person, actor):
            try allow(actor, on: person, hostMay: false)
            return try changing(person) { $0.isHandRaised = true }
        case let .lowerHand(person, actor):
            try allow(actor, on: person, hostMay: true)
            return try changing(person) { $0.isHandRaised = false }
        case let .end(actor):
            guard session.isHost(actor) else { throw .notAHost }
            var next = self
            next.session = try session.closed(at: now)
            next.participants = []
            return next
        }
    }

    private func joined(_ person: Person.ID, role: CohortRole?, connection: LiveConnection.ID, muted: Bool,
                        cameraOn: Bool) throws(LiveSessionError) -> LiveRoom {
        guard let role else { throw .notAMember }
        let entering = Participant(person: person, connection: connection, role: role, isMuted: muted,
                                   isCameraOn: cameraOn)
        var next = self
        if let index = participants.firstIndex(where: { $0.person == person }) {
            next.participants[index] = entering
            return next
        }
        guard participants.count < Self.capacity else { throw .full }
        next.participants.append(entering)
        return next
    }

    private func without(_ person: Person.ID, connection: LiveConnection.ID) -> LiveRoom {
        var next = self
        next.participants.removeAll { $0.person == person && $0.connection == connection }
        return next
    }

    /// Someone acts on `person`: themselves always, a host when `hostMay`.
    private func allow(_ actor: Person.ID, on person: Person.ID, hostMay: Bool) throws(LiveSessionError) {
        guard actor != person else { return }
        guard hostMay else { throw .onlyThemselves }
        guard session.isHost(actor) else { throw .notAHost }
    }

    private func changing(_ person: Person.ID, _ change: (inout Participant) -> Void) throws(LiveSessionError) -> LiveRoom {
        guard let index = participants.firstIndex(where: { $0.person == person }) else { throw .notInRoom }
        var next = self
        change(&next.participants[index])
        return next
    }
}
