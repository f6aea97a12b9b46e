import Domain
import Foundation
import Testing

@Suite struct HelpForumProposalTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let trainer = Person.ID(UUID())
    static let thread = UUID()

    static func request(_ status: HelpRequest.Status = .open) throws -> HelpRequest {
        let asked = HelpRequestTests.request(30)
        switch status {
        case .open: return asked
        case .answered: return try asked.answered(at: t0)
        case .resolved: return try asked.resolved(at: t0)
        }
    }

    enum Step: String, CaseIterable, Sendable { case propose, post, decline }

    /// Each step from each situation: what follows, or why it is refused.
    static let table: [(from: String, step: Step, expected: Result<String, HelpRequestError>)] = [
        ("open", .propose, .success("pending open")),
        ("answered", .propose, .success("pending answered")),
        ("resolved", .propose, .failure(.resolved)),
        ("pending", .propose, .failure(.forumAlreadyProposed)),
        ("declined", .propose, .failure(.forumAlreadyProposed)),
        ("posted", .propose, .failure(.alreadyInForum)),
        ("open", .post, .failure(.noForumProposal)),
        ("pending", .post, .success("posted answered")),
        ("pending-resolved", .post, .failure(.resolved)),
        ("declined", .post, .failure(.forumDeclined)),
        ("posted", .post, .failure(.alreadyInForum)),
        ("open", .decline, .failure(.noForumProposal)),
        ("pending", .decline, .success("declined open")),
        ("pending-resolved", .decline, .failure(.resolved)),
        ("declined", .decline, .failure(.forumDeclined)),
        ("posted", .decline, .failure(.alreadyInForum)),
    ]

    static func situation(_ name: String) throws -> HelpRequest {
        switch name {
        case "open", "answered", "resolved": return try request(HelpRequest.Status(rawValue: name)!)
        case "pending": return try request().forumProposed(by: trainer, note: "", at: t0)
        case "pending-resolved": return try request().forumProposed(by: trainer, note: "", at: t0).resolved(at: t0)
        case "declined": return try situation("pending").forumDeclined(at: t0)
        default: return try situation("pending").postedToForum(thread: thread, at: t0)
        }
    }

    static func describe(_ request: HelpRequest) -> String {
        let forum = switch request.forum?.state {
        case nil: "none"
        case .pending?: "pending"
        case .declined?: "declined"
        case .posted?: "posted"
        }
        return "\(forum) \(request.status.rawValue)"
    }

    @Test(arguments: table.indices)
    func eachStepFromEachSituation(_ index: Int) throws {
        let (from, step, expected) = Self.table[index]
        let start = try Self.situation(from)
        let outcome: Result<HelpRequest, HelpRequestError>
        switch step {
        case .propose: outcome = Result { () throws(HelpRequestError) in try start.forumProposed(by: Self.trainer, note: "Good one", at: Self.t0) }
        case .post: outcome = Result { () throws(HelpRequestError) in try start.postedToForum(thread: Self.thread, at: Self.t0) }
        case .decline: outcome = Result { () throws(HelpRequestError) in try start.forumDeclined(at: Self.t0) }
        }
        #expect(outcome.map(Self.describe) == expected, "\(from) → \(step)")
        #expect(start.awaitsForumChoice == (from == "pending"), "\(from): the learner has a choice to make")
    }

    @Test func postingAnswersItAndKeepsWhatWasProposed() throws {
        let proposed = try Self.request().forumProposed(by: Self.trainer, note: "Others wonder too", at: Self.t0)
        #expect(proposed.forum == HelpForumProposal(proposedAt: Self.t0, proposedBy: Self.trainer, note: "Others wonder too"))
        #expect(proposed.status == .open && proposed.waiting(at: Self.t0) != nil, "a suggestion is no answer: it still waits")
        let posted = try proposed.postedToForum(thread: Self.thread, at: Self.t0.addingTimeInterval(60))
        #expect(posted.forum?.thread == Self.thread)
        #expect(posted.forum?.decidedAt == Self.t0.addingTimeInterval(60))
        #expect(posted.answeredAt == Self.t0.addingTimeInterval(60))
        #expect(try posted.resolved(at: Self.t0.addingTimeInterval(120)).status == .resolved, "the learner still resolves it")
        #expect(try posted.resolved(at: Self.t0).reopened(at: Self.t0).forum?.thread == Self.thread, "reopened, it keeps its thread")
    }

    @Test func theStateComesBackFromItsColumns() {
        #expect(HelpForumProposal.state(decidedAt: nil, thread: nil) == .pending)
        #expect(HelpForumProposal.state(decidedAt: Self.t0, thread: nil) == .declined(at: Self.t0))
        #expect(HelpForumProposal.state(decidedAt: Self.t0, thread: Self.thread) == .posted(thread: Self.thread, at: Self.t0))
    }

    @Test(arguments: [
        ("What counts as a concession?", "What counts as a concession?"),
        ("\n  \nFirst line here  \nsecond line", "First line here"),
        (String(repeating: "word ", count: 40), String(repeating: "word ", count: 19) + "word…"),
        (String(repeating: "x", count: 150), String(repeating: "x", count: 99) + "…"),
        ("", ""),
    ])
    func theTitleIsTheFirstLineShortenedAtAWord(_ text: String, _ title: String) {
        #expect(HelpForumQuestion.suggestedTitle(for: text) == title)
        #expect(HelpForumQuestion.suggestedTitle(for: text).count <= HelpForumQuestion.suggestedTitleLength)
    }

    @Test func theTitleAndTheNoteAreChecked() throws {
        #expect(try HelpForumQuestion.checkTitle("  Concessions?  ") == "Concessions?")
        for (title, reason) in [(nil, FieldError.Reason.required), ("  ", .required), (String(repeating: "t", count: 201), .tooLong),
                                ("two\nlines", .controlCharacters)] as [(String?, FieldError.Reason)] {
            let error = #expect(throws: ValidationErrors.self) { try HelpForumQuestion.checkTitle(title) }
            #expect(error?.errors == [FieldError("title", reason)])
        }
        #expect(try HelpForumProposal.checkNote(nil) == "")
        #expect(try HelpForumProposal.checkNote(" Ask them!\r\nReally ") == "Ask them!\nReally")
        let error = #expect(throws: ValidationErrors.self) { try HelpForumProposal.checkNote(String(repeating: "n", count: 501)) }
        #expect(error?.errors == [FieldError("note", .tooLong)])
    }

    @Test func theBodyIsTheirWordsThePassageQuotedAndTheActivityLinked() {
        #expect(HelpForumQuestion.body(text: "Stuck", quote: "") == "Stuck")
        #expect(HelpForumQuestion.body(text: "Stuck", quote: "Line one\n\nLine *two*", about: ("Week [1] _intro_", "/orgs/o/cohorts/c/activities/a"))
            == "Stuck\n\n> Line one\n>\n> Line *two*\n\nAbout “[Week \\[1\\] \\_intro\\_](/orgs/o/cohorts/c/activities/a)”")
    }
}
