import Domain
import Foundation
import Testing

@Suite struct HelpRequestTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func request(_ minutesAgo: Double = 0, status: HelpRequest.Status = .open) -> HelpRequest {
        HelpRequest(id: .init(UUID()), cohortID: .init(UUID()), learner: .init(UUID()), activityID: nil, text: "Stuck on step 2",
                    quote: "", createdAt: t0.addingTimeInterval(-minutesAgo * 60), status: status)
    }

    @Test func itGoesFromOpenToAnsweredToResolvedAndBack() throws {
        let asked = Self.request(30)
        #expect(abs((asked.waiting(at: Self.t0) ?? 0) - 30 * 60) < 0.001)
        let answered = try asked.answered(at: Self.t0)
        #expect(answered.status == .answered)
        #expect(answered.waiting(at: Self.t0) == nil)
        #expect(try answered.answered(at: Self.t0.addingTimeInterval(60)).status == .answered, "a second reply")
        let resolved = try answered.resolved(at: Self.t0.addingTimeInterval(120))
        #expect(resolved.status == .resolved)
        #expect(throws: HelpRequestError.resolved) { try resolved.answered(at: Self.t0) }
        #expect(throws: HelpRequestError.resolved) { try resolved.resolved(at: Self.t0) }
        let reopened = try resolved.reopened(at: Self.t0.addingTimeInterval(600))
        #expect(reopened.status == .open)
        #expect(reopened.resolvedAt == nil)
        #expect(abs((reopened.waiting(at: Self.t0.addingTimeInterval(660)) ?? 0) - 60) < 0.001, "waiting again from the reopening")
        #expect(throws: HelpRequestError.alreadyOpen) { try reopened.reopened(at: Self.t0) }
        #expect(try asked.resolved(at: Self.t0).status == .resolved, "sorted out alone")
    }

    @Test func theQueueShowsTheLongestWaitingFirst() throws {
        let recent = Self.request(5), old = Self.request(90), middle = Self.request(30)
        let answered = try Self.request(200).answered(at: Self.t0)
        let resolved = try Self.request(300).resolved(at: Self.t0)
        let reopened = try Self.request(400).answered(at: Self.t0.addingTimeInterval(-3600)).reopened(at: Self.t0.addingTimeInterval(-60))
        #expect(HelpQueue.ordered([resolved, recent, answered, reopened, old, middle]).map(\.id)
            == [old, middle, recent, reopened, answered, resolved].map(\.id))
    }

    @Test func whatTheLearnerWritesIsChecked() throws {
        #expect(try HelpRequestInput.check(text: "  I don't get the five whys\r\nat all ", quote: nil)
            == HelpRequestInput(text: "I don't get the five whys\nat all", quote: ""))
        for (text, quote, field) in [("", "", "text"), (String(repeating: "x", count: 2_001), "", "text"),
                                     ("ok", String(repeating: "q", count: 1_001), "quote"), ("bell \u{7}", "", "text")] {
            let error = #expect(throws: ValidationErrors.self) { try HelpRequestInput.check(text: text, quote: quote) }
            #expect(error?.errors.map(\.field) == [field])
        }
    }
}

@Suite struct AnnouncementInputTests {
    @Test func titleAndBodyAreRequiredAndBounded() throws {
        #expect(try AnnouncementInput.check(title: " Week 2 ", body: "Read **this**\r\nfirst", pinned: "on")
            == AnnouncementInput(title: "Week 2", body: "Read **this**\nfirst", pinned: true))
        #expect(try AnnouncementInput.check(title: "T", body: "B", pinned: nil).pinned == false)
        for (title, body, fields) in [("", "b", ["title"]), ("t", "", ["body"]), ("", "", ["title", "body"]),
                                      (String(repeating: "t", count: 161), "b", ["title"]),
                                      ("t", String(repeating: "b", count: 10_001), ["body"]), ("a\nb", "b", ["title"])] {
            let error = #expect(throws: ValidationErrors.self) { try AnnouncementInput.check(title: title, body: body, pinned: nil) }
            #expect(error?.errors.map(\.field) == fields)
        }
    }
}
