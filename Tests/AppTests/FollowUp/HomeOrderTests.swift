@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct HomeOrderTests {
    /// The learner's home, in order: what is due, their help requests, unread messages, upcoming
    /// live classes, their trainings with their progress.
    @Test func aLearnersHomeShowsTheirDayInOrder() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let practice = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Practice").first())
            practice.dueWeek = 104
            practice.dueWeekday = 5
            try await practice.save(on: app.db)
            let fx = Fixtures(app: app)
            var max = try await fx.signedIn(s.c.max)
            #expect(try await max.post(s.base + "/help", ["help_text": "Lost in the first case"]).status == .seeOther)
            var tom = try await fx.signedIn(s.c.trainer)
            #expect(try await tom.post(s.base + "/nudges/send", ["learners[]": s.c.max.id!.lowercasedText, "message": "How are you?"]).status
                == .seeOther)
            let soon = LiveSession(id: .init(UUID()), cohortID: .init(s.c.cohort.id!), activityID: nil, title: "Clinic", agenda: "",
                                   start: Date().addingTimeInterval(86_400), durationMinutes: 60, timeZone: "UTC", provider: .builtInRoom,
                                   hosts: [.init(s.c.trainer.id!)])
            try await LiveSessionRecord(soon, organizationID: s.c.org.id!, createdBy: s.c.trainer.id!).save(on: app.db)

            let home = try await max.get("/").text
            let headings = ["Due next", "Your questions to the trainers", "1 unread message", "Upcoming live classes", "My trainings"]
            let positions = headings.map { home.range(of: $0)?.lowerBound }
            #expect(positions.allSatisfy { $0 != nil }, "\(zip(headings, positions).filter { $0.1 == nil }.map(\.0))")
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "in this order")
            #expect(home.range(of: "Opening")!.lowerBound < home.range(of: "Practice")!.lowerBound, "overdue first")
            #expect(home.contains("Overdue"))
            #expect(home.contains("0 % done (0 of 2)"))
            var lea = try await fx.signedIn(s.c.lea)
            let leaHome = try await lea.get("/").text
            #expect(leaHome.contains("50 % done (1 of 2)"))
            #expect(!leaHome.contains("Opening"), "done: not due any more")
        }
    }
}
