import Domain
import Foundation

/// Something every node must hear about: a message was saved and who may see it. Built by the
/// node that saved it; on a single node handed over in memory as is.
enum RealtimeEvent: Sendable {
    /// A chat message, already rendered, and the people who may read it.
    struct Message: Sendable {
        let frame: ServerFrame.Message
        let conversationID: Conversation.ID
        let audience: Set<UUID>
        /// The frame as sent, encoded once for all its recipients.
        let json: String

        init(frame: ServerFrame.Message, conversationID: Conversation.ID, audience: Set<UUID>) {
            self.frame = frame
            self.conversationID = conversationID
            self.audience = audience
            self.json = ServerFrame.message(frame).json
        }
    }

    /// Someone read a private conversation up to a number: the other person sees "Seen".
    struct Receipt: Sendable {
        let conversationID: Conversation.ID
        let reader: Person.ID
        let sequence: Int
        let audience: Set<UUID>
        var json: String { ServerFrame.receipt(conversation: conversationID, person: reader, sequence: sequence).json }
    }

    /// Someone is writing: shown to the others for a few seconds, never stored.
    struct Typing: Sendable {
        let conversationID: Conversation.ID
        let person: Person.ID
        let name: String
        let audience: Set<UUID>
        var json: String { ServerFrame.typing(conversation: conversationID, person: person, name: name).json }
    }

    /// A person's notifications changed (one came, or they read some): their bell, in every tab.
    /// `id` names the new notification, nil when only the count changed.
    struct Notice: Sendable {
        let person: UUID
        let id: UUID?
        let json: String
    }

    /// A message was edited or deleted: shown anew on the pages that show it.
    struct Changed: Sendable {
        let messageID: UUID
        let audience: Set<UUID>
        let json: String
    }

    /// Someone came online (a first tab) or went offline (their last tab closed, on every node).
    struct Presence: Sendable {
        let person: UUID
        let online: Bool
        let audience: Set<UUID>
        var json: String { ServerFrame.presence(person: .init(person), online: online).json }
    }

    /// A post in a cohort's forum, for the cohort's people.
    struct ForumPost: Sendable {
        let postID: UUID
        let audience: Set<UUID>
        let json: String
    }

    case message(Message)
    case changed(Changed)
    case forumPost(ForumPost)
    case presence(Presence)
    case receipt(Receipt)
    case typing(Typing)
    case notice(Notice)
}

/// Delivers events to every node's connected browsers: `InProcessBroadcaster` on one node (SQLite),
/// `PostgresBroadcaster` (`LISTEN/NOTIFY`) when nodes share PostgreSQL.
protocol Broadcaster: Sendable {
    func publish(_ event: RealtimeEvent) async
}

struct InProcessBroadcaster: Broadcaster {
    let hub: RealtimeHub

    func publish(_ event: RealtimeEvent) async {
        hub.deliver(event)
    }
}
