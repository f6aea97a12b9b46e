import Domain
import Fluent
import Foundation
import Vapor

/// One browser tab's chat over the WebSocket: catch-up after (re)connecting, sending, read
/// positions, and live messages, each delivered exactly once and in order (`DeliveryCursor`).
struct ChatSocket: RealtimeSession {
    let person: Person
    let db: any Database
    let hub: RealtimeHub
    let broadcaster: any Broadcaster
    let caches: ReadCaches
    let writes: WriteSerializer?
    let afterwork: ChatAfterwork?
    private var cursors: [UUID: DeliveryCursor] = [:]
    /// When this connection last announced typing: at most once every `typingInterval`.
    private var lastTyping: Date = .distantPast
    static let typingInterval: TimeInterval = 2

    init(person: Person, db: any Database, hub: RealtimeHub, broadcaster: any Broadcaster, caches: ReadCaches, writes: WriteSerializer?,
         afterwork: ChatAfterwork? = nil) {
        self.person = person
        self.writes = writes
        self.afterwork = afterwork
        self.caches = caches
        self.db = db
        self.hub = hub
        self.broadcaster = broadcaster
    }

    mutating func handle(_ input: RealtimeConnection.Input, on connection: RealtimeConnection) async {
        switch input {
        case .live(let message):
            await deliver(message.frame, json: message.json, conversationID: message.conversationID.uuid, on: connection)
        case .text(let text):
            await connection.send(text: text)
        case .frame(let text):
            do {
                try await handle(try ClientFrame.decode(text), on: connection)
            } catch let problem as ClientFrame.Problem {
                await connection.send(.error(code: problem.code, message: problem.message, ref: nil))
            } catch let failure as Failure {
                await connection.send(.error(code: failure.code, message: failure.message, ref: failure.ref))
            } catch {
                await connection.send(.error(code: "server_error", message: "Something went wrong; try again.", ref: nil))
            }
        }
    }

    struct Failure: Error {
        let code: String
        let message: String
        let ref: String?
    }

    private mutating func handle(_ frame: ClientFrame, on connection: RealtimeConnection) async throws {
        switch frame {
        case .ping:
            await connection.send(.pong)
        case .hello(let resume):
            // A catch-up can be large: it spends from the same allowance as sending.
            guard hub.allowSend(by: person.id.uuid) else {
                throw Failure(code: "rate_limited", message: "Reconnecting too often; wait a moment.", ref: nil)
            }
            for (id, last) in resume.sorted(by: { $0.key.description < $1.key.description }) {
                guard try await readable(id.uuid) != nil else {
                    throw Failure(code: "not_found", message: "No conversation \(id) here.", ref: nil)
                }
                cursors[id.uuid] = DeliveryCursor(lastSeen: last)
                // Page by page until caught up, however much was missed.
                var after = last
                while true {
                    let page = try await ChatStore.messages(in: id.uuid, after: after, on: db)
                    for (record, name) in page {
                        await deliver(record.frame(authorName: name), conversationID: id.uuid, on: connection)
                    }
                    guard page.count == ChatStore.pageLimit, let next = page.last?.0.sequence else { break }
                    after = next
                }
            }
        case .send(let ref, let id, let text):
            guard hub.allowSend(by: person.id.uuid) else {
                throw Failure(code: "rate_limited", message: "You are sending too fast; wait a moment.", ref: ref)
            }
            let body: String
            do { body = try ChatMessage.checkBody(text) } catch {
                throw Failure(code: "invalid_body", message: "Write a message of 1 to \(ChatMessage.maximumLength) characters.", ref: ref)
            }
            guard let conversation = try await readable(id.uuid) else {
                throw Failure(code: "not_found", message: "No conversation \(id) here.", ref: ref)
            }
            let message = try await ChatStore.send(body, to: conversation, author: person, ref: ref, on: db, broadcaster: broadcaster,
                                                   caches: caches, writes: writes, afterwork: afterwork, waitForFollowUp: false)
            await connection.send(.ack(ref: ref, conversation: id, sequence: message.sequence))
        case .typing(let id):
            let now = Date()
            guard now.timeIntervalSince(lastTyping) >= Self.typingInterval else { return }
            lastTyping = now
            guard let conversation = try await readable(id.uuid) else {
                throw Failure(code: "not_found", message: "No conversation \(id) here.", ref: nil)
            }
            var audience = try await ChatStore.audience(of: conversation, on: db, caches: caches)
            audience.remove(person.id.uuid)
            await broadcaster.publish(.typing(.init(conversationID: id, person: person.id, name: person.name, audience: audience)))
        case .read(let id, let sequence):
            guard let conversation = try await readable(id.uuid) else {
                throw Failure(code: "not_found", message: "No conversation \(id) here.", ref: nil)
            }
            // Capped at what exists (not at the summary, which may lag the latest message by a moment).
            let latest = sequence > conversation.lastSequence ? try await ChatStore.latestSequence(in: id.uuid, on: db) : sequence
            try await ChatStore.read(conversation, by: person.id.uuid, upTo: min(sequence, latest), on: db, broadcaster: broadcaster)
        }
    }

    /// Read again for every frame, not once when the socket opened: a person removed from an
    /// organization or a cohort, or an admin no longer one, loses access at once.
    private func readable(_ id: UUID) async throws -> ConversationRecord? {
        guard let conversation = try await ConversationRecord.find(id, on: db),
              let membership = try await MembershipRecord.query(on: db).filter(\.$organization.$id == conversation.organizationID)
                .filter(\.$person.$id == person.id.uuid).first() else { return nil }
        return try await ChatStore.readable(conversation, personID: person.id.uuid, roles: membership.roles, on: db)
    }

    /// Sends a message unless this connection already has it; loads any it missed before it.
    private mutating func deliver(_ frame: ServerFrame.Message, json: String? = nil, conversationID: UUID,
                                  on connection: RealtimeConnection) async {
        var cursor = cursors[conversationID] ?? DeliveryCursor(lastSeen: frame.sequence - 1)
        defer { cursors[conversationID] = cursor }
        switch cursor.plan(frame.sequence) {
        case .skip:
            return
        case .deliver:
            await connection.send(text: json ?? ServerFrame.message(frame).json)
            _ = cursor.advance(to: frame.sequence)
        case .fetch(let from, let through):
            // Only what this person may still read (the live event was addressed to them when sent).
            guard (try? await readable(conversationID)) != nil else { return }
            var after = from - 1
            while after < through, let missed = try? await ChatStore.messages(in: conversationID, after: after, through: through, on: db),
                  !missed.isEmpty {
                for (record, name) in missed where cursor.advance(to: record.sequence) {
                    await connection.send(.message(record.frame(authorName: name)))
                }
                after = missed.last!.0.sequence
            }
        }
    }
}
