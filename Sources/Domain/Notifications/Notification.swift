import Foundation

/// Something a person should know about, shown in their notification centre (the bell) and, if
/// they have not read it a while later, sent by e-mail.
public enum NotificationKind: String, Codable, CaseIterable, Sendable {
    /// A private message; one notification per conversation while unread ("3 new messages").
    case message
    /// Someone wrote @their name in a cohort's channel or forum.
    case mention
    /// New posts in a forum thread the person follows; one notification per thread while unread.
    case forumPost
    /// A peer review to do: work short of reviews pushed to a volunteer or a trainer.
    case peerReview
    /// For trainers: an author flagged a review of their work as unfair.
    case peerFlag
    /// A review of the person's work is in (never who wrote it); one per assignment while unread.
    case peerFeedback
    /// A live class scheduled, moved or cancelled in a cohort of yours, and its reminder an hour before.
    case liveSession
    /// A learner of a cohort you train said "I'm stuck" (trainers).
    case helpRequest
    /// The staff of a cohort you are in announced something.
    case announcement
    /// A trainer suggests asking your help request to the whole group, in the forum (learners).
    case helpSuggestion

    /// How the settings page names the kind.
    public var label: String {
        switch self {
        case .message: "Private messages"
        case .mention: "Mentions of you (@your name)"
        case .forumPost: "New posts in forum threads you follow (at most hourly)"
        case .peerReview: "Peer reviews you are asked to do"
        case .peerFlag: "Peer reviews flagged as unfair (trainers)"
        case .peerFeedback: "Reviews of your work"
        case .liveSession: "Live classes: invitations, changes and reminders"
        case .helpRequest: "Learners asking for help (trainers)"
        case .announcement: "Announcements to your cohorts"
        case .helpSuggestion: "Trainers suggesting to ask your question in the forum"
        }
    }
}

/// How a person wants to hear about what they have not read: by e-mail after a delay, for the
/// kinds they kept. In-app notifications are always on.
public struct NotificationPreferences: Equatable, Sendable {
    /// Minutes to wait for the person to read it before e-mailing; nil: never e-mail.
    public var emailDelayMinutes: Int?
    /// Kinds never sent by e-mail.
    public var mutedKinds: Set<NotificationKind>

    /// The delays offered (0: at once, on the next pass of the mailer).
    public static let delayChoices = [0, 5, 10, 30, 60, 240]
    public static let defaultDelayMinutes = 10
    /// After one e-mail about a notification, more of the same (new messages in the conversation)
    /// wait at least this long: an e-mail per conversation, not per message.
    public static let followUpMinutes = 30
    /// Forum posts come as a digest: never sooner than this, however short the delay chosen.
    public static let forumDigestMinutes = 60

    public init(emailDelayMinutes: Int? = NotificationPreferences.defaultDelayMinutes, mutedKinds: Set<NotificationKind> = []) {
        self.emailDelayMinutes = emailDelayMinutes
        self.mutedKinds = mutedKinds
    }

    public static let standard = NotificationPreferences()

    /// When an unread notification of this kind made `now` is due to be e-mailed; nil: never.
    public func emailDue(_ kind: NotificationKind, now: Date) -> Date? {
        guard let minutes = emailDelayMinutes, !mutedKinds.contains(kind) else { return nil }
        return now.addingTimeInterval(TimeInterval(Self.least(minutes, for: kind) * 60))
    }

    /// The same after an e-mail was already sent about it.
    public func followUpDue(_ kind: NotificationKind, now: Date) -> Date? {
        guard let minutes = emailDelayMinutes, !mutedKinds.contains(kind) else { return nil }
        return now.addingTimeInterval(TimeInterval(Self.least(max(minutes, Self.followUpMinutes), for: kind) * 60))
    }

    private static func least(_ minutes: Int, for kind: NotificationKind) -> Int {
        switch kind {
        case .forumPost: max(minutes, forumDigestMinutes)
        // A reminder an hour before, or a class moved, is no use an hour later.
        case .liveSession: 0
        default: minutes
        }
    }

    /// Muted kinds as stored: their raw values, comma-separated, in a fixed order.
    public var mutedText: String {
        NotificationKind.allCases.filter(mutedKinds.contains).map(\.rawValue).joined(separator: ",")
    }

    public static func muted(from text: String) -> Set<NotificationKind> {
        Set(text.split(separator: ",").compactMap { NotificationKind(rawValue: String($0)) })
    }

    /// Reads the settings form: `delay` is one of `delayChoices` or "never"; `email_<kind>` is
    /// "on" for each kind kept. Anything else is refused, with the field to fix.
    public static func parse(delay: String?, kept: [NotificationKind: Bool]) throws -> NotificationPreferences {
        let minutes: Int?
        switch delay {
        case "never": minutes = nil
        case let text?:
            guard let value = Int(text), delayChoices.contains(value) else { fallthrough }
            minutes = value
        default:
            throw ValidationErrors([FieldError("delay", .invalid)])
        }
        return NotificationPreferences(emailDelayMinutes: minutes,
                                       mutedKinds: Set(NotificationKind.allCases.filter { kept[$0] != true }))
    }

    /// "at once", "after 10 minutes", "after 1 hour", "never".
    public static func describe(delay minutes: Int?) -> String {
        switch minutes {
        case nil: "Never"
        case 0?: "At once"
        case let m? where m % 60 == 0: m == 60 ? "After 1 hour" : "After \(m / 60) hours"
        case let m?: "After \(m) minutes"
        }
    }
}

/// Finds the people a message mentions: "@" then a person's full name, or their first name when
/// no one else in the conversation shares it, case-insensitively, not followed by a letter or
/// digit. "@Lea Martin", "@lea" and "(@Lea)" mention Lea; "me@lea.com" and "@Leanne" do not.
public enum Mentions {
    public struct Candidate: Sendable {
        public let id: UUID
        public let name: String
        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    public static func find(in text: String, among people: [Candidate]) -> Set<UUID> {
        guard text.contains("@"), !people.isEmpty else { return [] }
        // Each way to write someone's name, longest first so "@Lea Martin" wins over "@Lea".
        var handles: [(String, UUID)] = people.map { ($0.name.lowercased(), $0.id) }
        let firstNames = Dictionary(grouping: people, by: { $0.name.split(separator: " ").first.map { $0.lowercased() } ?? "" })
        for (first, owners) in firstNames where owners.count == 1 && !first.isEmpty && first != owners[0].name.lowercased() {
            handles.append((first, owners[0].id))
        }
        handles.sort { $0.0.count > $1.0.count }
        let lower = Array(text.lowercased())
        var found = Set<UUID>()
        var index = 0
        while index < lower.count {
            defer { index += 1 }
            guard lower[index] == "@" else { continue }
            // "@" starts a mention only at the start or after a space or punctuation (not in an address).
            if index > 0, lower[index - 1].isLetter || lower[index - 1].isNumber { continue }
            let rest = lower[(index + 1)...]
            for (handle, id) in handles {
                let chars = Array(handle)
                guard rest.starts(with: chars) else { continue }
                let after = rest.dropFirst(chars.count).first
                if let after, after.isLetter || after.isNumber { continue }
                found.insert(id)
                break
            }
        }
        return found
    }
}

/// The first `limit` characters of a message as plain text for a notification or an e-mail:
/// quote and heading marks at the start of lines, emphasis (`*`, `__`) and code marks dropped,
/// lines joined.
public func plainExcerpt(_ markdown: String, limit: Int = 140) -> String {
    let lines = markdown.split(whereSeparator: \.isNewline).map { line -> Substring in
        var rest = line.drop(while: { $0 == " " })
        while let first = rest.first, first == ">" || first == "#" { rest = rest.dropFirst().drop(while: { $0 == " " }) }
        return rest
    }
    var text = lines.joined(separator: " ")
    for mark in ["*", "__", "`"] { text = text.replacingOccurrences(of: mark, with: "") }
    text = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    return text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
}

public enum NotificationText {
    /// "Lea Martin wrote to you", "Lea Martin sent you 3 messages"; a mention's title as it is.
    public static func headline(kind: NotificationKind, title: String, count: Int) -> String {
        switch kind {
        case .message: count > 1 ? "\(title) sent you \(count) messages" : "\(title) wrote to you"
        case .mention: title
        case .forumPost: count > 1 ? "\(count) new posts in “\(title)”" : "New post in “\(title)”"
        case .peerReview: count > 1 ? "\(count) reviews to do in “\(title)”" : "A review to do in “\(title)”"
        case .peerFlag: count > 1 ? "\(count) reviews flagged as unfair in “\(title)”" : "A review flagged as unfair in “\(title)”"
        case .peerFeedback: count > 1 ? "\(count) new reviews of your work in “\(title)”" : "A new review of your work in “\(title)”"
        case .liveSession: title
        case .announcement: count > 1 ? "\(count) announcements in “\(title)”" : "An announcement in “\(title)”"
        case .helpRequest: count > 1 ? "\(count) help requests in “\(title)”" : "A learner asked for help in “\(title)”"
        case .helpSuggestion: "A trainer suggests asking the whole group in “\(title)”"
        }
    }
}
