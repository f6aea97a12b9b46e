import Domain
import Fluent
import Foundation
import Vapor
import Views

/// One person's socket in a built-in room (see `LiveRoomController` for the frames). Works
/// through what the browser sends, one frame at a time.
struct LiveRoomSocket: RealtimeSession {
    let member: LiveRoomMember
    let app: Application
    var joined = false
    /// One member cannot flood the others' queues (each is closed past 256 waiting frames): a
    /// few chat lines or actions a second, and the bursts of ICE candidates a connection makes.
    var chatAndActions = TokenBucket(capacity: 10, perSecond: 1, now: Date())
    var signals = TokenBucket(capacity: 300, perSecond: 30, now: Date())

    mutating func handle(_ input: RealtimeConnection.Input, on connection: RealtimeConnection) async {
        switch input {
        case .text(let text): await connection.send(text: text)
        case .live: break
        case .frame(let text):
            guard let frame = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  let type = frame["type"] as? String else {
                await connection.send(text: LiveRoomFrames.refused("That was not a frame this room understands."))
                return
            }
            await handle(type, frame, on: connection)
        }
    }

    private mutating func handle(_ type: String, _ frame: [String: Any], on connection: RealtimeConnection) async {
        let now = Date()
        if joined, type == "action" || type == "chat", !chatAndActions.take(now: now) {
            await connection.send(text: LiveRoomFrames.refused("Slow down a little: too many messages at once."))
            return
        }
        switch type {
        case "join" where !joined:
            guard let record = try? await LiveSessionRecord.find(member.sessionID.uuid, on: app.db) else { return }
            do {
                let outcome = try app.liveRooms.join(record.domain(), person: member.person, name: member.name, role: member.role,
                                                     socket: connection, connection: member.connection,
                                                     muted: frame["muted"] as? Bool ?? false, cameraOn: frame["camera"] as? Bool ?? true,
                                                     now: now)
                joined = true
                if let before = outcome.replacedConnection {
                    await Self.record([(member.person, before)], kind: .leave, in: member.sessionID, at: now, app: app)
                }
                await Self.record([(member.person, member.connection)], kind: .join, in: member.sessionID, at: now, app: app)
                if let replaced = outcome.replaced {
                    await replaced.close(code: .normalClosure, reason: "You joined from another tab or device.")
                }
                await connection.send(text: LiveRoomFrames.welcome(you: member.connection, outcome.room, names: names()))
                await Self.tellState(member.sessionID, app: app)
            } catch {
                await connection.send(text: LiveRoomFrames.refused(error))
                try? await connection.socket.close(code: .normalClosure)
            }
        case "signal" where joined:
            guard signals.take(now: now), let to = (frame["to"] as? String).flatMap(LiveConnection.ID.init), let data = frame["data"],
                  let target = app.liveRooms.relay(from: member.connection, to: to, in: member.sessionID, now: now),
                  let json = LiveRoomFrames.signal(from: member.connection, data: data) else { return }
            target.enqueue(.text(json))
        case "action" where joined:
            guard let action = action(frame) else {
                await connection.send(text: LiveRoomFrames.refused("That is not something one can do in the room."))
                return
            }
            do {
                let outcome = try app.liveRooms.apply(action, in: member.sessionID, now: now)
                if case .end = action { await ended(outcome, now: now) } else { await Self.tellState(member.sessionID, app: app) }
            } catch {
                await connection.send(text: LiveRoomFrames.refused(error))
            }
        case "chat" where joined:
            let text = (frame["text"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, text.count <= LiveRoomController.maximumChatLength,
                  let sockets = app.liveRooms.snapshot(member.sessionID)?.sockets,
                  let json = LiveRoomFrames.chat(name: member.name, text: text, at: now) else { return }
            for socket in sockets { socket.enqueue(.text(json)) }
        default:
            await connection.send(text: LiveRoomFrames.refused(joined ? "That is not something one can do in the room." : "Join the room first."))
        }
    }

    private func names() -> [Person.ID: String] { app.liveRooms.snapshot(member.sessionID)?.names ?? [:] }

    private func action(_ frame: [String: Any]) -> LiveRoom.Action? {
        let me = member.person
        let target = (frame["target"] as? String).flatMap(Person.ID.init) ?? me
        switch frame["action"] as? String {
        case "mute": return .mute(target, by: me)
        case "unmute": return .unmute(target, by: me)
        case "camera-on": return .camera(target, on: true, by: me)
        case "camera-off": return .camera(target, on: false, by: me)
        case "raise-hand": return .raiseHand(target, by: me)
        case "lower-hand": return .lowerHand(target, by: me)
        case "end": return .end(by: me)
        default: return nil
        }
    }

    /// A host ended it: the session is closed from now (its attendance ends here), everyone is
    /// told and out.
    private func ended(_ outcome: LiveRooms.Outcome, now: Date) async {
        if let record = try? await LiveSessionRecord.find(member.sessionID.uuid, on: app.db) {
            record.closedAt = outcome.room.session.closedAt ?? now
            try? await record.save(on: app.db)
        }
        await Self.record(outcome.removed.map { ($0.person, $0.connection) }, kind: .leave, in: member.sessionID, at: now, app: app)
        for socket in outcome.sockets {
            await socket.send(text: LiveRoomFrames.ended)
            try? await socket.socket.close(code: .normalClosure)
        }
    }

    /// The socket closed: out of the room (unless a newer tab took its place), and the others told.
    static func left(_ member: LiveRoomMember, app: Application) async {
        let now = Date()
        guard app.liveRooms.leave(member.person, connection: member.connection, in: member.sessionID, now: now) != nil else { return }
        await record([(member.person, member.connection)], kind: .leave, in: member.sessionID, at: now, app: app)
        await tellState(member.sessionID, app: app)
    }

    static func tellState(_ session: LiveSession.ID, app: Application) async {
        app.liveRooms.tell(session) { room, names in LiveRoomFrames.state(room, names: names) }
    }

    /// After the session was edited or cancelled: the room follows; when it is no longer open,
    /// everyone in it is told and out, their leave recorded.
    static func refreshed(_ session: LiveSession, app: Application, now: Date = Date()) async {
        guard let closed = app.liveRooms.refresh(session, now: now) else {
            await tellState(session.id, app: app)
            return
        }
        await record(closed.removed.map { ($0.person, $0.connection) }, kind: .leave, in: session.id, at: now, app: app)
        for socket in closed.sockets {
            await socket.send(text: LiveRoomFrames.ended)
            try? await socket.socket.close(code: .normalClosure)
        }
    }

    /// Joins and leaves, for attendance. A lost leave counts the person in until the end (a lost
    /// join, not at all), which the trainer can correct; it never stops the room.
    static func record(_ entries: [(Person.ID, LiveConnection.ID)], kind: PresenceEvent.Kind, in session: LiveSession.ID,
                       at now: Date, app: Application) async {
        for (person, connection) in entries {
            let event = PresenceEvent(person: person, connection: connection, kind: kind, at: now)
            do { try await LivePresenceRecord(sessionID: session.uuid, event: event).create(on: app.db) }
            catch { app.logger.warning("live attendance not recorded: \(error)") }
        }
    }
}

/// The frames the room sends, as JSON text.
enum LiveRoomFrames {
    static let ended = #"{"type":"ended"}"#

    static func participants(_ room: LiveRoom, names: [Person.ID: String]) -> [[String: Any]] {
        room.participants.map {
            ["connection": $0.connection.description, "person": $0.person.description, "name": names[$0.person] ?? "",
             "role": $0.role.rawValue, "muted": $0.isMuted, "camera": $0.isCameraOn, "hand": $0.isHandRaised,
             "host": room.session.isHost($0.person)]
        }
    }

    static func welcome(you: LiveConnection.ID, _ room: LiveRoom, names: [Person.ID: String]) -> String {
        encode(["type": "welcome", "you": you.description, "participants": participants(room, names: names),
                "ends": DateText.iso(room.session.end)]) ?? ended
    }

    static func state(_ room: LiveRoom, names: [Person.ID: String]) -> String {
        encode(["type": "state", "participants": participants(room, names: names)]) ?? ended
    }

    static func signal(from: LiveConnection.ID, data: Any) -> String? {
        encode(["type": "signal", "from": from.description, "data": data])
    }

    static func chat(name: String, text: String, at: Date) -> String? {
        encode(["type": "chat", "name": name, "text": text, "at": DateText.iso(at)])
    }

    static func refused(_ reason: String) -> String {
        encode(["type": "refused", "reason": reason]) ?? ended
    }

    static func refused(_ error: LiveSessionError) -> String {
        let reason = switch error {
        case .notOpenYet: "The room opens 10 minutes before the start."
        case .ended: "This live class is over."
        case .cancelled: "This live class was cancelled."
        case .notAMember: "Only members of this cohort join its live classes."
        case .full: "The room is full: \(LiveRoom.capacity) people are in already."
        case .notAHost: "Only a host can do that."
        case .onlyThemselves: "Only they can do that themselves."
        case .notInRoom: "They are not in the room any more."
        case .noRoom: "This live class is held elsewhere."
        case .notStarted: "The class has not started yet: it can be cancelled instead."
        case .alreadyStarted: "The class has started."
        }
        return encode(["type": "refused", "reason": reason, "code": "\(error)"]) ?? ended
    }

    private static func encode(_ object: [String: Any]) -> String? {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
