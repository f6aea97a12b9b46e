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
public enum ForumRole: Sendable, Hashable {
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
    /// A post's own author changes or removes it.
    case edit, delete
    /// Someone else's post: one upvote each; a report to the moderators.
    case upvote, report
    /// Staff: move a thread, hide a post, see a post's earlier versions, work the report queue,
    /// allow anonymous posting.
    case move, hide, viewHistory, moderate, configure
}

/// Who may do what: everyone in the cohort starts threads and replies (not in a locked thread);
/// the asker or staff accept an answer; authors edit (not in a locked thread) and delete their
/// posts; others upvote and report them; staff pin, lock, move, hide and moderate.
/// `isAuthor` is about the thread for `accept`, about the post for the post's actions.
public enum ForumPolicy {
    public static func can(_ action: ForumAction, as role: ForumRole, isAuthor: Bool = false, locked: Bool = false) -> Bool {
        switch action {
        case .startThread: true
        case .reply: !locked || role == .staff
        case .accept: role == .staff || isAuthor
        case .edit: isAuthor && (!locked || role == .staff)
        case .delete: isAuthor
        case .upvote: !isAuthor
        case .report: !isAuthor && role == .learner
        case .pin, .lock, .addSpace, .move, .hide, .viewHistory, .moderate, .configure: role == .staff
        }
    }
}

/// How a post shows to one reader.
public enum PostDisplay: Equatable, Sendable {
    case body
    /// Deleted by its author: "This post was deleted." for everyone.
    case deleted
    /// Hidden by a moderator: learners see that it was; its author also sees why.
    case hidden(reason: String?)
    /// Hidden, as staff see it: the text with the reason above it.
    case hiddenShownToStaff(reason: String)

    public init(deleted: Bool, hiddenReason: String?, role: ForumRole, isAuthor: Bool) {
        if deleted {
            self = .deleted
        } else if let reason = hiddenReason {
            self = role == .staff ? .hiddenShownToStaff(reason: reason) : .hidden(reason: isAuthor ? reason : nil)
        } else {
            self = .body
        }
    }

    /// Whether the reader gets the post's text.
    public var showsText: Bool {
        switch self {
        case .body, .hiddenShownToStaff: true
        case .deleted, .hidden: false
        }
    }
}

/// The one place a forum author's name is decided for a reader. Where the cohort allows it, a
/// learner posts anonymously to peers: other learners see "Anonymous learner", the author sees
/// that it is them, staff see who it is. Every page, API answer, search result, live frame and
/// notification takes names from here.
public enum ForumIdentity {
    public static let anonymousName = "Anonymous learner"

    public static func name(realName: String, anonymous: Bool, isReader: Bool, readerRole: ForumRole) -> String {
        guard anonymous else { return realName }
        if readerRole == .staff { return "\(realName) (anonymous to learners)" }
        return isReader ? "You (anonymous)" : anonymousName
    }

    /// The name for what everyone receives alike (a live frame, a notification).
    public static func publicName(realName: String, anonymous: Bool) -> String {
        anonymous ? anonymousName : realName
    }
}

/// A search typed by a person, made safe for SQLite FTS5 and PostgreSQL `tsquery`: letters and
/// digits only, lowercased, at most eight words, each matched as a word prefix, all required.
public enum ForumSearchQuery {
    public static let maximumTerms = 8

    public static func terms(_ text: String?) -> [String] {
        let words = (text ?? "").lowercased().split { !($0.isLetter || $0.isNumber) }.map { String($0.prefix(40)) }
        var seen = Set<String>()
        return Array(words.filter { seen.insert($0).inserted }.prefix(maximumTerms))
    }

    /// `"word"* "other"*` (FTS5: each a quoted prefix, side by side means AND).
    public static func fts5(_ terms: [String]) -> String {
        terms.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// `word:* & other:*` (the words hold letters and digits only, so nothing else is syntax).
    public static func tsquery(_ terms: [String]) -> String {
        terms.map { "\($0):*" }.joined(separator: " & ")
    }
}

/// Marks around the matched words of a search snippet: private-use characters, removed from
/// what is indexed, so no text can fake them.
public enum SearchHighlight {
    public static let start: Character = "\u{E000}"
    public static let end: Character = "\u{E001}"

    public static func clean(_ text: String) -> String {
        text.filter { $0 != start && $0 != end }
    }

    /// The snippet in pieces: (text, highlighted?).
    public static func pieces(_ snippet: String) -> [(text: String, marked: Bool)] {
        var result: [(String, Bool)] = []
        var current = ""
        var marked = false
        for character in snippet {
            if character == start || character == end {
                if !current.isEmpty { result.append((current, marked)) }
                current = ""
                marked = character == start
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append((current, marked)) }
        return result
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
    public static let maximumReason = 500
    /// Posts on one page of a thread, threads on one page of a space.
    public static let postsPerPage = 50
    public static let threadsPerPage = 50

    /// The page (from 1) that shows post `number`.
    public static func page(ofPost number: Int) -> Int { max(1, (number - 1) / postsPerPage + 1) }

    /// The numbers of the posts page `page` (from 1) shows.
    public static func postNumbers(onPage page: Int) -> ClosedRange<Int> {
        let page = max(1, min(page, Int.max / postsPerPage))
        return ((page - 1) * postsPerPage + 1)...(page * postsPerPage)
    }

    /// Why a post is hidden or reported: required, one paragraph.
    public static func reason(_ text: String?) throws -> String {
        var v = Validator()
        let reason = v.text(text, field: "reason", max: maximumReason)
        try v.check()
        return reason
    }

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

/// An image posted in a forum thread: images only (PNG, JPEG, GIF, WebP), checked by their bytes.
public enum ForumAttachment {
    public static func accept(sniffed: Result<FileType, UploadRefusal>, byteCount: Int, limit: Int) -> Result<FileType, UploadRefusal> {
        ChatAttachment.accept(sniffed: sniffed, byteCount: byteCount, limit: limit)
            .flatMap { $0.kind == .image ? .success($0) : .failure(.wrongKind(expected: .image, found: $0)) }
    }

    /// Why it was refused, for the person who sent it; `limit` is already in words ("20 MB").
    public static func refusalText(_ refusal: UploadRefusal, limit: String) -> String {
        switch refusal {
        case .empty: "Choose an image to post (an empty file cannot be posted). Nothing was posted."
        case .tooLarge: "That image is too large: images in the forum may be up to \(limit). Nothing was posted."
        default: "Only images (PNG, JPEG, GIF or WebP) can be posted in the forum. Nothing was posted."
        }
    }
}
