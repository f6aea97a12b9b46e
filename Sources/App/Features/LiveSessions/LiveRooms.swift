import Domain
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The built-in rooms open on this server: each session's `LiveRoom` (who is in, microphones,
/// cameras, hands) and the sockets of the people in it. Every change goes through the Domain's
/// rules under one lock; signalling is relayed only between connections the room lists.
///
/// One node holds a room: everyone in a room must reach the same server (a load balancer with
/// sticky sessions per room, or one node), since signalling does not cross nodes yet.
final class LiveRooms: Sendable {
    struct Entry {
        var room: LiveRoom
        var sockets: [LiveConnection.ID: RealtimeConnection]
        var names: [Person.ID: String]
    }

    private let rooms = NIOLockedValueBox<[LiveSession.ID: Entry]>([:])
    /// Sessions a host ended on this node: a join racing the end (reading the session before its
    /// end was saved) must not open the room again.
    private let ended = NIOLockedValueBox<Set<LiveSession.ID>>([])

    /// What a change did: the room after it and the sockets to tell; a socket the same person
    /// opened before, now replaced; everyone put out (the session ended).
    struct Outcome {
        let room: LiveRoom
        let sockets: [RealtimeConnection]
        var replaced: RealtimeConnection?
        /// The connection the same person had in the room before this join: it leaves now.
        var replacedConnection: LiveConnection.ID?
        var removed: [LiveRoom.Participant] = []
    }

    /// Puts a person in, or says why not (full, not open, not a member…). `session` is read
    /// fresh for each join, so an edited or ended session is seen.
    func join(_ session: LiveSession, person: Person.ID, name: String, role: CohortRole?, socket: RealtimeConnection,
              connection: LiveConnection.ID, muted: Bool, cameraOn: Bool, now: Date) throws(LiveSessionError) -> Outcome {
        if ended.withLockedValue({ $0.contains(session.id) }) { throw .ended }
        return try rooms.withLockedValue { rooms -> Result<Outcome, LiveSessionError> in
            var entry = rooms[session.id] ?? Entry(room: LiveRoom(session: session), sockets: [:], names: [:])
            let before = entry.room.participant(person)?.connection
            let room: LiveRoom
            do throws(LiveSessionError) {
                room = try LiveRoom(session: session, participants: entry.room.participants)
                    .applying(.join(person, role: role, connection: connection, muted: muted, cameraOn: cameraOn), at: now)
            } catch { return .failure(error) }
            var outcome = Outcome(room: room, sockets: [])
            if let before, before != connection {
                outcome.replaced = entry.sockets.removeValue(forKey: before)
                outcome.replacedConnection = before
            }
            entry.room = room
            entry.sockets[connection] = socket
            entry.names[person] = name
            rooms[session.id] = entry
            return .success(Outcome(room: room, sockets: Array(entry.sockets.values), replaced: outcome.replaced,
                                    replacedConnection: outcome.replacedConnection))
        }.get()
    }

    /// Applies a participant's or a host's action. `end` empties the room.
    func apply(_ action: LiveRoom.Action, in session: LiveSession.ID, now: Date) throws(LiveSessionError) -> Outcome {
        try rooms.withLockedValue { rooms -> Result<Outcome, LiveSessionError> in
            guard var entry = rooms[session] else { return .failure(.notInRoom) }
            let before = entry.room.participants
            let room: LiveRoom
            do throws(LiveSessionError) { room = try entry.room.applying(action, at: now) } catch { return .failure(error) }
            let sockets = Array(entry.sockets.values)
            var outcome = Outcome(room: room, sockets: sockets)
            outcome.removed = before.filter { old in !room.participants.contains { $0.connection == old.connection } }
            if case .end = action { ended.withLockedValue { _ = $0.insert(session) } }
            if room.participants.isEmpty {
                rooms[session] = nil
            } else {
                entry.room = room
                for gone in outcome.removed { entry.sockets[gone.connection] = nil }
                rooms[session] = entry
            }
            return .success(outcome)
        }.get()
    }

    /// Takes a connection out (its socket closed); nil when it was not in (replaced already).
    func leave(_ person: Person.ID, connection: LiveConnection.ID, in session: LiveSession.ID, now: Date) -> Outcome? {
        rooms.withLockedValue { rooms in
            guard var entry = rooms[session], entry.sockets[connection] != nil else { return nil }
            entry.sockets[connection] = nil
            let room = (try? entry.room.applying(.leave(person, connection: connection), at: now)) ?? entry.room
            entry.room = room
            rooms[session] = entry.sockets.isEmpty ? nil : entry
            return Outcome(room: room, sockets: Array(entry.sockets.values))
        }
    }

    /// The socket of a connection in the room, when signalling may go to it from `from`.
    func relay(from: LiveConnection.ID, to: LiveConnection.ID, in session: LiveSession.ID, now: Date) -> RealtimeConnection? {
        rooms.withLockedValue { rooms in
            guard let entry = rooms[session], entry.room.relays(from: from, at: now), entry.room.relays(from: to, at: now) else { return nil }
            return entry.sockets[to]
        }
    }

    /// Everyone in the room now, with names, for a state frame.
    func snapshot(_ session: LiveSession.ID) -> (room: LiveRoom, names: [Person.ID: String], sockets: [RealtimeConnection])? {
        rooms.withLockedValue { rooms in rooms[session].map { ($0.room, $0.names, Array($0.sockets.values)) } }
    }

    /// Queues a frame made from the room for everyone in it, under the lock: two changes at once
    /// reach every socket in the order they were made (a later state never arrives first).
    func tell(_ session: LiveSession.ID, _ frame: (LiveRoom, [Person.ID: String]) -> String) {
        rooms.withLockedValue { rooms in
            guard let entry = rooms[session] else { return }
            let json = frame(entry.room, entry.names)
            for socket in entry.sockets.values { socket.enqueue(.text(json)) }
        }
    }

    /// The session as just saved (edited, cancelled): the room follows it, and closes when it
    /// is no longer open (cancelled, moved later, held elsewhere now). Returns who was put out.
    func refresh(_ session: LiveSession, now: Date) -> (removed: [LiveRoom.Participant], sockets: [RealtimeConnection])? {
        rooms.withLockedValue { rooms in
            guard var entry = rooms[session.id] else { return nil }
            entry.room = LiveRoom(session: session, participants: entry.room.participants)
            guard !entry.room.isOpen(at: now) else {
                rooms[session.id] = entry
                return nil
            }
            rooms[session.id] = nil
            return (entry.room.participants, Array(entry.sockets.values))
        }
    }

    /// Rooms whose session is over at `now` (its end passed): emptied, with who was in.
    func closeOver(now: Date) -> [(session: LiveSession.ID, removed: [LiveRoom.Participant], sockets: [RealtimeConnection])] {
        rooms.withLockedValue { rooms in
            var closed: [(LiveSession.ID, [LiveRoom.Participant], [RealtimeConnection])] = []
            for (id, entry) in rooms where !entry.room.isOpen(at: now) {
                closed.append((id, entry.room.participants, Array(entry.sockets.values)))
                rooms[id] = nil
            }
            return closed
        }
    }

    var openRooms: Int { rooms.withLockedValue { $0.count } }
}

extension Application {
    private struct LiveRoomsKey: StorageKey { typealias Value = LiveRooms }

    /// Set once by `configure`, before the server starts.
    var liveRooms: LiveRooms {
        get {
            guard let rooms = storage[LiveRoomsKey.self] else { fatalError("configure(_:config:) sets up app.liveRooms") }
            return rooms
        }
        set { storage[LiveRoomsKey.self] = newValue }
    }
}
