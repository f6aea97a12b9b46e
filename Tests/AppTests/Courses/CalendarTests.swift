@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct CalendarTests {
    @Test func theCalendarListsDatesAndATrainerShiftsThem() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app, secondModuleUnlock: ScheduleOffset(week: 3, weekday: 1))
            let fx = Fixtures(app: app)
            var learner = try await fx.signedIn(c.learner)
            let start = c.cohort.domain().startDate
            let opens = try #require(ScheduleOffset(week: 3, weekday: 1)).resolve(start: start)
            let page = try await learner.get(c.base + "/calendar")
            #expect(page.status == .ok)
            #expect(page.text.contains("datetime=\"\(opens)\""))
            #expect(page.text.contains("Add these dates to your calendar"))
            #expect(!page.text.contains("Move this cohort"))
            #expect(try await learner.post(c.base + "/schedule", ["shift_days": "7"]).status == .notFound)

            let trainer = try await fx.person("tom@acme.test", in: c.org, roles: [.trainer])
            try await fx.enroll(trainer, in: c.cohort, as: .trainer)
            var staff = try await fx.signedIn(trainer)
            #expect(try await staff.get(c.base + "/calendar").text.contains("Move this cohort"))
            let bad = try await staff.post(c.base + "/schedule", ["shift_days": "999"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Shift by at most 365 days"))
            #expect(try await staff.post(c.base + "/schedule", ["shift_days": "7"]).status == .seeOther)
            #expect(try await CohortRecord.find(c.cohort.id!, on: app.db)?.scheduleShiftDays == 7)
            #expect(try await learner.get(c.base + "/calendar").text.contains("datetime=\"\(opens.adding(days: 7))\""))
        }
    }

    @Test func theFeedNeedsItsSecretAndListsDueDates() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app, secondModuleUnlock: ScheduleOffset(week: 3, weekday: 1))
            var learner = try await Fixtures(app: app).signedIn(c.learner)
            try await learner.get(c.base + "/calendar")
            let feed = try #require(try await CalendarFeedRecord.query(on: app.db).first())
            let response = try await app.testing().sendRequest(.GET, "/calendar/\(feed.token).ics")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.hasPrefix("text/calendar") == true)
            let text = response.body.string
            #expect(text.contains("BEGIN:VCALENDAR\r\n"))
            #expect(text.contains("SUMMARY:Due: L2"))
            #expect(text.contains("SUMMARY:Opens: M2"))
            #expect(try await app.testing().sendRequest(.GET, "/calendar/nope.ics").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/\(feed.token)").status == .notFound)
            // A new address retires the old one.
            #expect(try await learner.post("/calendar-feed/reset", [:]).status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/\(feed.token).ics").status == .notFound)
            #expect(try await CalendarFeedRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func draftsAndOtherPeoplesCohortsStayOutOfTheFeed() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app, status: .draft)
            let fx = Fixtures(app: app)
            let other = try await fx.person("max@acme.test", in: c.org)
            var browser = try await fx.signedIn(other)
            #expect(try await browser.get(c.base + "/calendar").status == .notFound)
            var learner = try await fx.signedIn(c.learner)
            try await learner.get(c.base + "/calendar")
            let feed = try #require(try await CalendarFeedRecord.query(on: app.db).filter(\.$personID == c.learner.id!).first())
            let text = try await app.testing().sendRequest(.GET, "/calendar/\(feed.token).ics").body.string
            #expect(!text.contains("VEVENT"))
        }
    }
}
