import Foundation

/// A trainer's suggestion that a help request be asked to the whole group, in the cohort's forum,
/// and the learner's answer to it. Consent: nothing reaches the forum until the learner posts it
/// themselves (anonymously to peers if the cohort allows it); keeping it private is final.
public struct HelpForumProposal: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Waiting for the learner's choice.
        case pending
        /// The learner kept it private.
        case declined(at: Date)
        /// The learner asked it in the forum: the thread.
        case posted(thread: UUID, at: Date)
    }

    public let proposedAt: Date
    public let proposedBy: Person.ID
    /// The trainer's short note to the learner; empty when none.
    public let note: String
    public internal(set) var state: State

    public init(proposedAt: Date, proposedBy: Person.ID, note: String, state: State = .pending) {
        self.proposedAt = proposedAt
        self.proposedBy = proposedBy
        self.note = note
        self.state = state
    }

    public static let maximumNoteLength = 500

    public var thread: UUID? { if case .posted(let thread, _) = state { thread } else { nil } }

    /// When the learner chose (posted or declined); nil while it waits.
    public var decidedAt: Date? {
        switch state {
        case .pending: nil
        case .declined(let at), .posted(_, let at): at
        }
    }

    /// Rebuilds the state from its stored columns: a thread means posted, a decision without one
    /// means declined.
    public static func state(decidedAt: Date?, thread: UUID?) -> State {
        switch (decidedAt, thread) {
        case (_, let thread?): .posted(thread: thread, at: decidedAt ?? .distantPast)
        case (let at?, nil): .declined(at: at)
        case (nil, nil): .pending
        }
    }

    /// The trainer's optional note, checked: one short paragraph.
    public static func checkNote(_ note: String?) throws(ValidationErrors) -> String {
        var v = Validator()
        let text = v.text(note?.replacingOccurrences(of: "\r\n", with: "\n"), field: "note", max: maximumNoteLength, required: false,
                          multiline: true)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return text
    }
}

extension HelpRequest {
    /// A trainer suggests asking the whole group. Once per request: the learner's answer stands.
    public func forumProposed(by trainer: Person.ID, note: String, at now: Date) throws(HelpRequestError) -> HelpRequest {
        guard status != .resolved else { throw .resolved }
        if let forum { throw forum.thread == nil ? .forumAlreadyProposed : .alreadyInForum }
        var next = self
        next.forum = HelpForumProposal(proposedAt: now, proposedBy: trainer, note: note)
        return next
    }

    /// Whether the learner may choose now: a proposal waits, and the request is not resolved.
    public func checkForumChoice() throws(HelpRequestError) {
        guard let forum else { throw .noForumProposal }
        switch forum.state {
        case .pending: break
        case .posted: throw .alreadyInForum
        case .declined: throw .forumDeclined
        }
        guard status != .resolved else { throw .resolved }
    }

    /// The learner asked it in the forum: it counts as answered there (and they still resolve it).
    public func postedToForum(thread: UUID, at now: Date) throws(HelpRequestError) -> HelpRequest {
        try checkForumChoice()
        var next = self
        next.forum?.state = .posted(thread: thread, at: now)
        next.status = .answered
        next.answeredAt = now
        return next
    }

    /// The learner keeps it between them and their trainers.
    public func forumDeclined(at now: Date) throws(HelpRequestError) -> HelpRequest {
        try checkForumChoice()
        var next = self
        next.forum?.state = .declined(at: now)
        return next
    }

    /// The learner has a proposal to answer.
    public var awaitsForumChoice: Bool { (try? checkForumChoice()) != nil }
}

/// The forum question a help request becomes: the title the learner confirms (suggested from
/// their first line), the opening post made of their words and the passage they pointed at.
public enum HelpForumQuestion {
    /// Suggested titles stay short; the learner may write up to the forum's own limit.
    public static let suggestedTitleLength = 100

    /// The first non-empty line of what the learner wrote, shortened at a word.
    public static func suggestedTitle(for text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        guard line.count > suggestedTitleLength else { return line }
        let cut = line.prefix(suggestedTitleLength - 1)
        // Cut between words: a word that ends right at the limit stays whole.
        let atWord = line[cut.endIndex] == " " ? cut : cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The title as the learner sent it: required, one line, the forum's maximum.
    public static func checkTitle(_ title: String?) throws(ValidationErrors) -> String {
        var v = Validator()
        let text = v.text(title, field: "title", max: ForumInput.maximumTitle)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return text
    }

    /// The opening post (Markdown): the learner's words, the passage as a blockquote, and a link
    /// to the activity it is about (its title escaped, so it stays text).
    public static func body(text: String, quote: String, about activity: (title: String, path: String)? = nil) -> String {
        var parts = [text]
        if !quote.isEmpty {
            parts.append(quote.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n"))
        }
        if let activity { parts.append("About “[\(escaped(activity.title))](\(activity.path))”") }
        return parts.joined(separator: "\n\n")
    }

    /// Markdown punctuation escaped with a backslash.
    static func escaped(_ text: String) -> String {
        text.map { "\\`*_[]()#+-!<>~|".contains($0) ? "\\\($0)" : "\($0)" }.joined()
    }
}
