import Foundation

/// Where people write to each other: a cohort's channel (everyone in the cohort) or a private
/// conversation between two people of the same organization.
public struct Conversation: Hashable, Sendable {
    public typealias ID = Identifier<Conversation>

    public enum Kind: String, Codable, Sendable {
        /// Everyone in one cohort, staff included.
        case channel
        /// Two people, each sure no one else reads it.
        case direct
    }

    public let id: ID
    public let organizationID: Organization.ID
    public let kind: Kind
    /// The cohort of a channel; the cohort a direct conversation was started from.
    public let cohortID: Cohort.ID
    /// The highest message number so far; messages are numbered 1, 2, 3… in each conversation.
    public var lastSequence: Int

    public init(id: ID, organizationID: Organization.ID, kind: Kind, cohortID: Cohort.ID, lastSequence: Int) {
        self.id = id
        self.organizationID = organizationID
        self.kind = kind
        self.cohortID = cohortID
        self.lastSequence = lastSequence
    }
}

/// One message as everyone allowed to read it sees it.
public struct ChatMessage: Hashable, Sendable {
    public typealias ID = Identifier<ChatMessage>

    public let id: ID
    public let conversationID: Conversation.ID
    /// Its number in its conversation: the order everyone sees, and what a reconnecting client
    /// says it has seen.
    public let sequence: Int
    public let authorID: Person.ID
    public let authorName: String
    /// What the author wrote (Markdown).
    public let body: String
    public let sentAt: Date

    public init(id: ID, conversationID: Conversation.ID, sequence: Int, authorID: Person.ID, authorName: String,
                body: String, sentAt: Date) {
        self.id = id
        self.conversationID = conversationID
        self.sequence = sequence
        self.authorID = authorID
        self.authorName = authorName
        self.body = body
        self.sentAt = sentAt
    }

    /// How long after sending its author may still edit or delete a message.
    public static let changeWindow: TimeInterval = 15 * 60

    /// Whether `person` may still edit or delete a message: their own, not deleted, sent less
    /// than `changeWindow` ago.
    public static func canChange(authorID: Person.ID, by person: Person.ID, sentAt: Date, isDeleted: Bool, now: Date) -> Bool {
        authorID == person && !isDeleted && now.timeIntervalSince(sentAt) <= changeWindow
    }

    /// Longest message, in characters: a chat message, not an essay (the forum is for those).
    public static let maximumLength = 4_000

    /// The body as it will be stored: trimmed, present, not too long.
    public static func checkBody(_ text: String?, field: String = "body") throws -> String {
        var validator = Validator()
        let body = validator.text(text, field: field, max: maximumLength, multiline: true)
        try validator.check()
        return body
    }
}

/// Who may open a private conversation with whom, among people who share a cohort. Learners reach
/// their trainers and facilitators at once; whether they may write to each other is the cohort's
/// choice; staff may write to anyone in their cohorts.
public enum DirectMessagePolicy {
    public static func canStart(from sender: CohortRole, to recipient: CohortRole, learnersMayMessageEachOther: Bool) -> Bool {
        switch (sender, recipient) {
        case (.learner, .learner): learnersMayMessageEachOther
        default: true
        }
    }
}

/// Files sent in a conversation: images, shown in the message, and PDFs, downloaded.
public enum ChatAttachment {
    /// Only these: an office document or a video belongs in a lesson, not a chat message.
    public static func accepts(_ type: FileType) -> Bool { type.kind == .image || type == .pdf }

    /// The type a file sent in a chat is stored as, or why it is refused (nothing is stored then).
    public static func accept(sniffed: Result<FileType, UploadRefusal>, byteCount: Int, limit: Int) -> Result<FileType, UploadRefusal> {
        if byteCount == 0 { return .failure(.empty) }
        if byteCount > limit { return .failure(.tooLarge(limit: limit)) }
        return sniffed.flatMap { accepts($0) ? .success($0) : .failure(.unsupported) }
    }

    /// The message that carries the file: the caption, if any, then the image, or a link to the PDF
    /// with its size. Characters that could end the link text early are left out of the name.
    public static func markdown(caption: String, filename: String, path: String, type: FileType, size: String) -> String {
        let name = String(String.UnicodeScalarView(filename.unicodeScalars.filter {
            !"[]\\*_`<>\r\n".unicodeScalars.contains($0) && $0.properties.generalCategory != .control
        }))
        let file = type.kind == .image ? "![\(name)](\(path))" : "[\(name)](\(path)) (PDF, \(size))"
        return caption.isEmpty ? file : caption + "\n\n" + file
    }
}
