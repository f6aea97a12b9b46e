import Foundation

/// A cohort's forum: spaces (a general one, one per course module, and any staff add), each with
/// threads of posts. Only the cohort's people (and the organization's admins) read it.
public enum ForumSpaceKind: String, Codable, Sendable {
    case general, module, custom
}

/// A question can have one accepted answer and is listed as answered or not; a discussion is talk.
public enum ThreadKind: String, Codable, CaseIterable, Sendable {
    case question, discussion

    public var label: String {
        switch self {
        case .question: "Question"
        case .discussion: "Discussion"
        }
    }
}

/// What a person may do in a cohort's forum, from their place in it.
public enum ForumRole: Sendable, Equatable {
    case learner
    /// Trainers, facilitators, and the organization's admins.
    case staff

    /// Staff are the cohort's trainers and facilitators and the organization's admins; anyone
    /// else (a learner, or someone the forum lets in for another reason) is not.
    public init(cohortRole: CohortRole?, isAdmin: Bool) {
        switch (cohortRole, isAdmin) {
        case (_, true), (.trainer?, _), (.facilitator?, _): self = .staff
        default: self = .learner
        }
    }
}

public enum ForumAction: Sendable, CaseIterable {
    case startThread, reply, accept, pin, lock, addSpace
}

/// Who may do what: everyone in the cohort starts threads and replies (not in a locked thread);
/// the asker or staff accept an answer; staff pin, lock and add spaces.
public enum ForumPolicy {
    public static func can(_ action: ForumAction, as role: ForumRole, isAuthor: Bool = false, locked: Bool = false) -> Bool {
        switch action {
        case .startThread: true
        case .reply: !locked || role == .staff
        case .accept: role == .staff || isAuthor
        case .pin, .lock, .addSpace: role == .staff
        }
    }
}

/// A thread as its list and page show it.
public struct ThreadState: Equatable, Sendable {
    public let kind: ThreadKind
    public let postCount: Int
    public let acceptedPost: UUID?
    public let locked: Bool
    /// How many posts the person has read (their position), nil when never opened.
    public let readUpTo: Int?

    public init(kind: ThreadKind, postCount: Int, acceptedPost: UUID?, locked: Bool, readUpTo: Int?) {
        self.kind = kind; self.postCount = postCount; self.acceptedPost = acceptedPost; self.locked = locked; self.readUpTo = readUpTo
    }

    /// A question with an accepted answer.
    public var isAnswered: Bool { kind == .question && acceptedPost != nil }
    public var isUnansweredQuestion: Bool { kind == .question && acceptedPost == nil }
    /// Posts the person has not read; a thread never opened is all unread.
    public var unread: Int { max(0, postCount - (readUpTo ?? 0)) }
    /// The number of the first post to read, nil when all are read.
    public var firstUnread: Int? { unread > 0 ? (readUpTo ?? 0) + 1 : nil }
}

/// The words of a new thread or a post, checked.
public struct ForumInput: Equatable, Sendable {
    public static let maximumTitle = 200
    public static let maximumBody = 20_000

    public static func thread(title: String?, kind: String?, body: String?) throws -> (title: String, kind: ThreadKind, body: String) {
        var v = Validator()
        let title = v.text(title, field: "title", max: maximumTitle)
        let kind = kind.flatMap(ThreadKind.init(rawValue:))
        if kind == nil { v.add("kind", .invalid) }
        let body = v.text(body, field: "body", max: maximumBody, multiline: true)
        try v.check()
        return (title, kind!, body)
    }

    public static func post(_ body: String?) throws -> String {
        var v = Validator()
        let body = v.text(body, field: "body", max: maximumBody, multiline: true)
        try v.check()
        return body
    }

    public static func spaceTitle(_ title: String?) throws -> String {
        var v = Validator()
        let title = v.text(title, field: "title", max: 80)
        try v.check()
        return title
    }
}
