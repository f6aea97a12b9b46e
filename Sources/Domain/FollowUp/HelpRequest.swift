import Foundation

/// A learner's "I'm stuck here": a short description of a difficulty, on an activity (and
/// optionally the exact passage or question it is about), routed to the cohort's trainers.
///
/// open → answered (a trainer replied) → resolved (the learner says it is sorted), and reopened
/// (back to open) by the learner when the answer did not help. The queue is ordered by how long
/// each has been waiting for a reply: since it was asked, or since it was reopened. A trainer may
/// instead suggest asking the whole group in the forum (`HelpForumProposal`).
public struct HelpRequest: Hashable, Sendable {
    public typealias ID = Identifier<HelpRequest>

    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, answered, resolved
    }

    public let id: ID
    public let cohortID: Cohort.ID
    public let learner: Person.ID
    /// The activity it is about; nil for a general difficulty.
    public let activityID: Activity.ID?
    public let text: String
    /// The passage or question it is about, as the learner copied it; empty when none.
    public let quote: String
    public let createdAt: Date
    public internal(set) var status: Status
    /// When it started waiting for a reply: asked, or reopened.
    public internal(set) var waitingSince: Date
    public internal(set) var answeredAt: Date?
    public internal(set) var resolvedAt: Date?
    /// A trainer's suggestion to ask it in the forum, and the learner's choice; nil when none.
    public internal(set) var forum: HelpForumProposal?

    public init(id: ID, cohortID: Cohort.ID, learner: Person.ID, activityID: Activity.ID?, text: String, quote: String,
                createdAt: Date, status: Status = .open, waitingSince: Date? = nil, answeredAt: Date? = nil, resolvedAt: Date? = nil,
                forum: HelpForumProposal? = nil) {
        self.id = id
        self.cohortID = cohortID
        self.learner = learner
        self.activityID = activityID
        self.text = text
        self.quote = quote
        self.createdAt = createdAt
        self.status = status
        self.waitingSince = waitingSince ?? createdAt
        self.answeredAt = answeredAt
        self.resolvedAt = resolvedAt
        self.forum = forum
    }

    public static let maximumTextLength = 2_000
    public static let maximumQuoteLength = 1_000

    /// A trainer replied. Answering again (a second message) keeps it answered.
    public func answered(at now: Date) throws(HelpRequestError) -> HelpRequest {
        guard status != .resolved else { throw .resolved }
        var next = self
        next.status = .answered
        next.answeredAt = now
        return next
    }

    /// The learner says it is sorted: from open too (they found it themselves).
    public func resolved(at now: Date) throws(HelpRequestError) -> HelpRequest {
        guard status != .resolved else { throw .resolved }
        var next = self
        next.status = .resolved
        next.resolvedAt = now
        return next
    }

    /// The learner needs more: back in the queue, waiting from now.
    public func reopened(at now: Date) throws(HelpRequestError) -> HelpRequest {
        guard status != .open else { throw .alreadyOpen }
        var next = self
        next.status = .open
        next.waitingSince = now
        next.resolvedAt = nil
        return next
    }

    /// How long it has waited for a reply at `now`; nil when it is not waiting (answered, resolved).
    public func waiting(at now: Date) -> TimeInterval? {
        status == .open ? max(0, now.timeIntervalSince(waitingSince)) : nil
    }
}

public enum HelpRequestError: Error, Hashable, Sendable {
    case resolved
    case alreadyOpen
    /// A trainer already suggested the forum (the learner's choice stands).
    case forumAlreadyProposed
    /// No trainer suggested the forum: nothing to post or decline.
    case noForumProposal
    /// The learner already asked it in the forum.
    case alreadyInForum
    /// The learner chose to keep it private.
    case forumDeclined
}

/// What the learner wrote, checked.
public struct HelpRequestInput: Sendable, Equatable {
    public let text: String
    public let quote: String

    public init(text: String, quote: String) {
        self.text = text
        self.quote = quote
    }

    public static func check(text: String?, quote: String?) throws(ValidationErrors) -> HelpRequestInput {
        var v = Validator()
        let text = v.text(text?.replacingOccurrences(of: "\r\n", with: "\n"), field: "text", max: HelpRequest.maximumTextLength,
                          multiline: true)
        let quote = v.text(quote?.replacingOccurrences(of: "\r\n", with: "\n"), field: "quote", max: HelpRequest.maximumQuoteLength,
                           required: false, multiline: true)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return HelpRequestInput(text: text, quote: quote)
    }
}

/// The trainers' queue: what waits for a reply first, longest waiting at the top; then what was
/// answered (latest first), then what is resolved (latest first).
public enum HelpQueue {
    public static func ordered(_ requests: [HelpRequest]) -> [HelpRequest] {
        requests.sorted { a, b in
            if a.status != b.status { return rank(a.status) < rank(b.status) }
            switch a.status {
            case .open: return (a.waitingSince, a.id.description) < (b.waitingSince, b.id.description)
            case .answered: return ((a.answeredAt ?? a.createdAt), a.id.description) > ((b.answeredAt ?? b.createdAt), b.id.description)
            case .resolved: return ((a.resolvedAt ?? a.createdAt), a.id.description) > ((b.resolvedAt ?? b.createdAt), b.id.description)
            }
        }
    }

    static func rank(_ status: HelpRequest.Status) -> Int {
        switch status {
        case .open: 0
        case .answered: 1
        case .resolved: 2
        }
    }
}
