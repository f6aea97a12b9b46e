import Foundation

/// The frames of the one WebSocket each browser tab opens (`/ws`), as JSON objects with a `type`
/// and the protocol version `v`. A frame of another version, of an unknown type or with missing
/// fields is refused with an `error` frame; the connection stays open.
public enum RealtimeProtocol {
    public static let version = 1
    /// Largest frame a client may send, in bytes (a message of 4,000 characters fits with room).
    public static let maximumFrameBytes = 32 * 1024
}

/// What a browser says.
public enum ClientFrame: Equatable, Sendable {
    /// Sent after (re)connecting: the last message number seen in each conversation the page
    /// shows, so the server sends what was missed, in order, before anything live.
    case hello(resume: [Conversation.ID: Int])
    /// A new message; `ref` is the client's own reference, echoed in the `ack` or `error`.
    case send(ref: String, conversation: Conversation.ID, body: String)
    /// The person has read up to `sequence`.
    case read(conversation: Conversation.ID, sequence: Int)
    /// The person is writing in this conversation (sent every few seconds while they type).
    case typing(conversation: Conversation.ID)
    case ping

    public enum Problem: Error, Equatable, Sendable {
        case notJSON
        case unsupportedVersion(Int?)
        case unknownType(String)
        case invalid(String)

        public var code: String {
            switch self {
            case .notJSON: "not_json"
            case .unsupportedVersion: "unsupported_version"
            case .unknownType: "unknown_type"
            case .invalid: "invalid_frame"
            }
        }

        public var message: String {
            switch self {
            case .notJSON: "A frame must be a JSON object."
            case .unsupportedVersion(let v): "Protocol version \(v.map(String.init) ?? "missing") is not supported; use \(RealtimeProtocol.version)."
            case .unknownType(let type): "Unknown frame type “\(type.prefix(40))”."
            case .invalid(let why): why
            }
        }
    }

    private struct Wire: Decodable {
        let v: Int?
        let type: String?
        let ref: String?
        let conversation: String?
        let body: String?
        let sequence: Int?
        let resume: [String: Int]?
    }

    /// Reads one text frame; throws a `Problem` the server answers with an error frame.
    public static func decode(_ text: String) throws(Problem) -> ClientFrame {
        guard let wire = try? JSONDecoder().decode(Wire.self, from: Data(text.utf8)) else { throw .notJSON }
        guard wire.v == RealtimeProtocol.version else { throw .unsupportedVersion(wire.v) }
        switch wire.type {
        case "hello":
            var resume: [Conversation.ID: Int] = [:]
            for (key, last) in wire.resume ?? [:] {
                guard let id = Conversation.ID(key), last >= 0 else { throw .invalid("resume must map conversation ids to message numbers.") }
                resume[id] = last
            }
            guard resume.count <= 200 else { throw .invalid("resume lists too many conversations.") }
            return .hello(resume: resume)
        case "send":
            guard let ref = wire.ref, !ref.isEmpty, ref.count <= 64 else { throw .invalid("send needs a ref of 1 to 64 characters.") }
            guard let id = wire.conversation.flatMap(Conversation.ID.init) else { throw .invalid("send needs a conversation id.") }
            guard let body = wire.body else { throw .invalid("send needs a body.") }
            return .send(ref: ref, conversation: id, body: body)
        case "read":
            guard let id = wire.conversation.flatMap(Conversation.ID.init), let sequence = wire.sequence, sequence >= 0 else {
                throw .invalid("read needs a conversation id and a message number.")
            }
            return .read(conversation: id, sequence: sequence)
        case "typing":
            guard let id = wire.conversation.flatMap(Conversation.ID.init) else { throw .invalid("typing needs a conversation id.") }
            return .typing(conversation: id)
        case "ping":
            return .ping
        case let type:
            throw .unknownType(type ?? "")
        }
    }

    /// The JSON a client sends (the browser builds the same by hand; tests use this).
    public var json: String {
        var object: [String: Any] = ["v": RealtimeProtocol.version]
        switch self {
        case .hello(let resume):
            object["type"] = "hello"
            object["resume"] = Dictionary(uniqueKeysWithValues: resume.map { ($0.key.description, $0.value) })
        case .send(let ref, let conversation, let body):
            object["type"] = "send"; object["ref"] = ref; object["conversation"] = conversation.description; object["body"] = body
        case .read(let conversation, let sequence):
            object["type"] = "read"; object["conversation"] = conversation.description; object["sequence"] = sequence
        case .typing(let conversation):
            object["type"] = "typing"; object["conversation"] = conversation.description
        case .ping:
            object["type"] = "ping"
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// What the server says.
public enum ServerFrame: Equatable, Sendable {
    public struct Message: Codable, Equatable, Sendable {
        public let conversation: String
        public let sequence: Int
        public let id: String
        public let author: String
        public let authorName: String
        /// The body rendered by the safe Markdown renderer; empty once deleted.
        public let html: String
        public let sentAt: Date
        /// When its author last changed it, if they did.
        public let editedAt: Date?
        /// Deleted by its author: shown as such, its text gone.
        public let deleted: Bool

        public init(_ message: ChatMessage, html: String, editedAt: Date? = nil, deleted: Bool = false) {
            conversation = message.conversationID.description
            sequence = message.sequence
            id = message.id.description
            author = message.authorID.description
            authorName = message.authorName
            self.html = deleted ? "" : html
            sentAt = message.sentAt
            self.editedAt = editedAt
            self.deleted = deleted
        }

        enum CodingKeys: String, CodingKey {
            case conversation, sequence, id, author, html, deleted
            case authorName = "author_name"
            case sentAt = "sent_at"
            case editedAt = "edited_at"
        }

        var jsonObject: [String: Any] {
            var object: [String: Any] = ["conversation": conversation, "sequence": sequence, "id": id, "author": author,
                                         "author_name": authorName, "html": html, "sent_at": sentAt.formatted(.iso8601)]
            if let editedAt { object["edited_at"] = editedAt.formatted(.iso8601) }
            if deleted { object["deleted"] = true }
            return object
        }
    }

    /// A new or updated notification, for the bell.
    public struct Notice: Codable, Equatable, Sendable {
        public let id: String
        public let kind: String
        public let title: String
        public let excerpt: String
        public let url: String
        public init(id: String, kind: String, title: String, excerpt: String, url: String) {
            self.id = id; self.kind = kind; self.title = title; self.excerpt = excerpt; self.url = url
        }
    }

    /// First frame on a new socket: who is connected, how many messages and how many
    /// notifications they have not read.
    case welcome(person: Person.ID, unread: Int, notifications: Int)
    /// The person's unread notifications changed: their count now, and the new one if one came.
    case notifications(unread: Int, latest: Notice?)
    case message(Message)
    /// A message already sent was edited or deleted by its author: shown anew where it is.
    case changed(Message)
    case ack(ref: String, conversation: Conversation.ID, sequence: Int)
    /// The other person of a private conversation has read up to `sequence` (a read receipt).
    case receipt(conversation: Conversation.ID, person: Person.ID, sequence: Int)
    /// A new post in a cohort's forum: an open thread page shows it, lists count it.
    public struct ForumPost: Equatable, Sendable {
        public let thread: String
        public let space: String
        public let number: Int
        public let authorName: String
        /// Rendered by the safe Markdown renderer.
        public let html: String
        public let createdAt: Date
        public init(thread: String, space: String, number: Int, authorName: String, html: String, createdAt: Date) {
            self.thread = thread; self.space = space; self.number = number; self.authorName = authorName; self.html = html
            self.createdAt = createdAt
        }
    }
    case forumPost(ForumPost)
    /// Someone of the person's cohorts came online or went offline.
    case presence(person: Person.ID, online: Bool)
    /// Someone else is writing in a conversation.
    case typing(conversation: Conversation.ID, person: Person.ID, name: String)
    case error(code: String, message: String, ref: String?)
    case pong

    public var json: String {
        var object: [String: Any] = ["v": RealtimeProtocol.version]
        switch self {
        case .welcome(let person, let unread, let notifications):
            object["type"] = "welcome"; object["person"] = person.description; object["unread"] = unread
            object["notifications"] = notifications
        case .notifications(let unread, let latest):
            object["type"] = "notifications"; object["unread"] = unread
            if let latest {
                object["latest"] = ["id": latest.id, "kind": latest.kind, "title": latest.title, "excerpt": latest.excerpt, "url": latest.url]
            }
        case .message(let message):
            object.merge(message.jsonObject) { first, _ in first }
            object["type"] = "message"
        case .changed(let message):
            object.merge(message.jsonObject) { first, _ in first }
            object["type"] = "changed"
        case .ack(let ref, let conversation, let sequence):
            object["type"] = "ack"; object["ref"] = ref; object["conversation"] = conversation.description; object["sequence"] = sequence
        case .receipt(let conversation, let person, let sequence):
            object["type"] = "read"; object["conversation"] = conversation.description; object["person"] = person.description
            object["sequence"] = sequence
        case .forumPost(let post):
            object["type"] = "forum_post"; object["thread"] = post.thread; object["space"] = post.space; object["number"] = post.number
            object["author_name"] = post.authorName; object["html"] = post.html; object["created_at"] = post.createdAt.formatted(.iso8601)
        case .presence(let person, let online):
            object["type"] = "presence"; object["person"] = person.description; object["online"] = online
        case .typing(let conversation, let person, let name):
            object["type"] = "typing"; object["conversation"] = conversation.description; object["person"] = person.description
            object["name"] = name
        case .error(let code, let message, let ref):
            object["type"] = "error"; object["code"] = code; object["message"] = message
            if let ref { object["ref"] = ref }
        case .pong:
            object["type"] = "pong"
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
