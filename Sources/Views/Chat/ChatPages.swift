import Domain
import Foundation
import Routes

/// The messages page: the person's conversations (their cohorts' channels and private
/// conversations, unread first), and whom they may write to.
public struct MessagesPageModel: Sendable {
    public struct Entry: Sendable {
        public let title: String
        public let detail: String
        public let href: String
        public let unread: Int
        public let lastMessageAt: Date?
        public let isChannel: Bool
        /// For staff: when the person they talk with wrote the message still waiting for an answer.
        public let waitingSince: Date?
        /// The other person of a private conversation.
        public var personID: Person.ID?
        public init(title: String, detail: String, href: String, unread: Int, lastMessageAt: Date?, isChannel: Bool,
                    waitingSince: Date? = nil) {
            self.title = title; self.detail = detail; self.href = href; self.unread = unread
            self.lastMessageAt = lastMessageAt; self.isChannel = isChannel; self.waitingSince = waitingSince
        }

        /// Waiting for an answer first, the longest wait first; then unread; then the most recent.
        public static func inboxOrder(_ a: Entry, _ b: Entry) -> Bool {
            switch (a.waitingSince, b.waitingSince) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil):
                return (a.unread > 0 ? 1 : 0, a.lastMessageAt ?? .distantPast) > (b.unread > 0 ? 1 : 0, b.lastMessageAt ?? .distantPast)
            }
        }
    }

    public struct Contact: Sendable {
        public let personID: Person.ID
        public let name: String
        /// "Trainer · Autumn cohort".
        public let detail: String
        public init(personID: Person.ID, name: String, detail: String) { self.personID = personID; self.name = name; self.detail = detail }
    }

    public var organizationID: Organization.ID
    public var conversations: [Entry]
    public var contacts: [Contact]
    /// Who of the people on the page is online now.
    public var online: Set<Person.ID> = []
    /// To say how long a message has waited.
    public var now: Date

    public init(organizationID: Organization.ID, conversations: [Entry], contacts: [Contact], now: Date = Date()) {
        self.organizationID = organizationID; self.conversations = conversations; self.contacts = contacts; self.now = now
    }
}

public enum MessagesPage {
    public static func render(_ model: MessagesPageModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Messages", context) {
            h1 { "Messages" }
            if model.conversations.isEmpty {
                p(.class("empty")) { "No conversations yet. Once you are in a cohort, its channel shows here." }
            } else {
                ul(.class("conversation-list")) {
                    for entry in model.conversations {
                        li(.class(entry.unread > 0 ? "card conversation-entry unread" : "card conversation-entry")) {
                            a(.href(entry.href), .class("conversation-title")) { entry.title }
                            if let person = entry.personID { PresenceMarker.render(person, online: model.online.contains(person)) }
                            if entry.unread > 0 {
                                span(.class("badge"), .ariaLabel("\(entry.unread) unread")) { "\(entry.unread)" }
                            }
                            if let since = entry.waitingSince {
                                p(.class("waiting")) {
                                    "Waiting for your answer for \(DurationText.minutes(max(1, Int(model.now.timeIntervalSince(since) / 60))))"
                                }
                            }
                            p(.class("meta")) {
                                entry.detail
                                if let last = entry.lastMessageAt { " · last message \(DateText.dayAndTime(last))" }
                            }
                        }
                    }
                }
            }
            if !model.contacts.isEmpty {
                section(.class("card"), .aria("labelledby", "write-heading")) {
                    h2(.id("write-heading"), .class("card-title")) { "Write privately" }
                    p(.class("meta")) { "Only the two of you read a private conversation." }
                    ul(.class("contact-list")) {
                        for contact in model.contacts {
                            li {
                                form(.method("post"), .action(SiteRoute.directMessage(model.organizationID).path), .class("inline-form")) {
                                    Form.csrf(context.csrfToken)
                                    input(.type("hidden"), .name("person_id"), .value(contact.personID.description))
                                    button(.type("submit"), .class("button-link")) { contact.name }
                                    span(.class("meta")) { " \(contact.detail)" }
                                    PresenceMarker.render(contact.personID, online: model.online.contains(contact.personID))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One conversation: its latest messages (older ones a link away), and a form to write. Works as
/// is without JavaScript; `chat.js` makes it live over the WebSocket.
public struct ConversationPageModel: Sendable {
    public struct Message: Sendable {
        public let sequence: Int
        public let authorName: String
        public let isMine: Bool
        public let html: TrustedHTML
        public let sentAt: Date
        public var isEdited = false
        public var isDeleted = false
        /// Its author may still edit or delete it (`ChatMessage.canChange`).
        public var canChange = false
        public init(sequence: Int, authorName: String, isMine: Bool, html: TrustedHTML, sentAt: Date) {
            self.sequence = sequence; self.authorName = authorName; self.isMine = isMine; self.html = html; self.sentAt = sentAt
        }
    }

    public var organizationID: Organization.ID
    public var conversationID: Conversation.ID
    public var title: String
    public var detail: String
    public var messages: [Message]
    /// Set when older messages exist: the link shows the page before this number.
    public var olderBefore: Int?
    /// Whether this is the latest page (live updates and the form apply to it).
    public var isLatest: Bool
    public var lastSequence: Int
    public var personID: Person.ID
    public var form: Form.State
    /// In a private conversation, the number the other person has read up to.
    public var seenUpTo: Int?
    /// Whose presence the page shows: the other person of a private conversation, everyone else
    /// of a channel's cohort; with whether they are online now.
    public var people: [(id: Person.ID, name: String, online: Bool)] = []
    public var isPrivate = false
    /// The largest file that may be sent, in words ("20 MB").
    public var fileLimit = "20 MB"

    public init(organizationID: Organization.ID, conversationID: Conversation.ID, title: String, detail: String, messages: [Message],
                olderBefore: Int?, isLatest: Bool, lastSequence: Int, personID: Person.ID, form: Form.State = .empty) {
        self.organizationID = organizationID; self.conversationID = conversationID; self.title = title; self.detail = detail
        self.messages = messages; self.olderBefore = olderBefore; self.isLatest = isLatest; self.lastSequence = lastSequence
        self.personID = personID; self.form = form
    }
}

public enum ConversationPage {
    /// A cohort's chat setting, shown on its channel to those who may change it.
    public struct Settings: Sendable {
        public let cohortID: Cohort.ID
        public let learnersMayMessage: Bool
        public init(cohortID: Cohort.ID, learnersMayMessage: Bool) { self.cohortID = cohortID; self.learnersMayMessage = learnersMayMessage }
    }

    public static func render(_ model: ConversationPageModel, _ context: LayoutContext, settings: Settings? = nil) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: model.title, context, scripts: ["/js/chat.js"]) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.messages(org).path)) { "Messages" } }
            h1 { model.title }
            p(.class("meta")) {
                if model.isPrivate, let other = model.people.first {
                    PresenceMarker.render(other.id, online: other.online)
                    " "
                }
                model.detail
                span(.class("connection-state"), .id("connection-state"), .role("status"), .hidden) { "" }
            }
            if !model.isPrivate, !model.people.isEmpty {
                p(.class("meta online-now")) {
                    "Online now: "
                    for person in model.people {
                        span(.custom("data-presence", person.id.description), .hidden(!person.online)) { person.name }
                    }
                    span(.class("nobody")) { "no one else" }
                }
            }
            if let before = model.olderBefore {
                p { a(.href(SiteRoute.conversationOlder(org, model.conversationID, before: before).path), .class("older-link")) { "Older messages" } }
            }
            ol(.class("chat-log"), .id("chat-log"), .ariaLabel("Messages"), .custom("aria-live", model.isLatest ? "polite" : "off"),
               .custom("data-conversation", model.conversationID.description), .custom("data-last", "\(model.lastSequence)"),
               .custom("data-person", model.personID.description), .custom("data-live", model.isLatest ? "true" : "false"),
               .custom("data-seen", model.seenUpTo.map(String.init) ?? "")) {
                let seen = model.seenUpTo.flatMap { upTo in model.messages.last { $0.isMine && $0.sequence <= upTo }?.sequence }
                for message in model.messages {
                    messageItem(message, seen: message.sequence == seen,
                                edit: message.canChange ? SiteRoute.messageEdit(org, model.conversationID, sequence: message.sequence).path : nil)
                }
            }
            if model.messages.isEmpty { p(.class("empty"), .id("chat-empty")) { "No messages yet. Say hello!" } }
            p(.class("meta typing"), .id("typing"), .custom("aria-live", "polite")) { "" }
            if model.isLatest {
                form(.method("post"), .action(SiteRoute.conversationMessages(org, model.conversationID).path), .class("chat-form"),
                     .id("chat-form")) {
                    Form.csrf(context.csrfToken)
                    Form.textArea("Your message", name: "body", state: model.form, required: true, rows: 3)
                    p(.class("hint")) { "Markdown works: **bold**, *italic*, [links](https://example.com). Ctrl+Enter sends." }
                    button(.type("submit"), .class("button")) { "Send" }
                }
                details(.class("chat-attach")) {
                    summary { "Send an image or a PDF" }
                    form(.method("post"), .action(SiteRoute.conversationFiles(org, model.conversationID).path),
                         .custom("enctype", "multipart/form-data")) {
                        Form.csrf(context.csrfToken)
                        div(.class("field")) {
                            label(.for("chat-file")) { "File" }
                            p(.class("hint"), .id("chat-file-hint")) { "An image (\(UploadText.accepted(.image))) or a PDF, up to \(model.fileLimit)." }
                            input(.type("file"), .name("file"), .id("chat-file"), .required, .ariaDescribedby("chat-file-hint"),
                                  .custom("accept", UploadText.acceptAttribute(.image) + ",.pdf"))
                        }
                        Form.field("Caption (optional)", name: "caption", required: false, idPrefix: "chat-")
                        button(.type("submit"), .class("button button-secondary")) { "Send file" }
                    }
                }
            } else {
                p { a(.href(SiteRoute.conversation(org, model.conversationID).path)) { "Back to the latest messages" } }
            }
            if let settings {
                form(.method("post"), .action(SiteRoute.cohortChatSettings(org, settings.cohortID).path), .class("card chat-settings")) {
                    Form.csrf(context.csrfToken)
                    div(.class("field checkbox")) {
                        input(.type("checkbox"), .name("learners_may_message"), .id("learners_may_message"),
                              .checked(settings.learnersMayMessage))
                        label(.for("learners_may_message")) { "Learners may write privately to each other (they can always write to staff)" }
                    }
                    button(.type("submit"), .class("button secondary")) { "Save" }
                }
            }
        }
    }

    static func messageItem(_ message: ConversationPageModel.Message, seen: Bool, edit: String?) -> HTML {
        li(.class(message.isMine ? "chat-message mine" : "chat-message"), .id("message-\(message.sequence)"),
           .custom("data-sequence", "\(message.sequence)")) {
            p(.class("chat-meta")) {
                strong { message.authorName }
                " "
                time(.datetime(DateText.iso(message.sentAt))) { DateText.dayAndTime(message.sentAt) }
                if message.isEdited && !message.isDeleted { span(.class("chat-edited")) { " · edited" } }
                if let edit { " · "; a(.href(edit), .class("chat-edit"), .ariaLabel("Edit or delete this message")) { "Edit" } }
            }
            if message.isDeleted {
                div(.class("chat-body chat-deleted")) { p { "This message was deleted." } }
            } else {
                div(.class("chat-body")) { message.html }
            }
            if seen { p(.class("chat-receipt")) { "Seen" } }
        }
    }

    /// Editing or deleting one's message (within the window), a page of its own so it works without JavaScript.
    public static func edit(organizationID: Organization.ID, conversationID: Conversation.ID, title: String, sequence: Int,
                            state: Form.State, _ context: LayoutContext) -> [UInt8] {
        let back = SiteRoute.conversation(organizationID, conversationID).path + "#message-\(sequence)"
        return Layout.page(title: "Edit your message", context) {
            p(.class("breadcrumb")) { a(.href(back)) { title } }
            h1 { "Edit your message" }
            p(.class("meta")) { "You can change or delete a message for \(Int(ChatMessage.changeWindow / 60)) minutes after sending it." }
            section(.class("card")) {
                Form.errorSummary(state)
                form(.method("post"), .action(SiteRoute.messageEdit(organizationID, conversationID, sequence: sequence).path)) {
                    Form.csrf(context.csrfToken)
                    Form.textArea("Your message", name: "body", state: state, required: true, rows: 5)
                    button(.type("submit"), .class("button")) { "Save changes" }
                    " "
                    a(.href(back)) { "Cancel" }
                }
            }
            form(.method("post"), .action(SiteRoute.messageDelete(organizationID, conversationID, sequence: sequence).path)) {
                Form.csrf(context.csrfToken)
                button(.type("submit"), .class("button-link danger")) { "Delete this message" }
            }
        }
    }
}

/// "online" next to a person, shown or hidden live by realtime.js (`data-presence`).
public enum PresenceMarker {
    public static func render(_ person: Person.ID, online: Bool) -> HTML {
        span(.class("presence"), .custom("data-presence", person.description), .hidden(!online)) { "online" }
    }
}
