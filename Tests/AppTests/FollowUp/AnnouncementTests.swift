@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct AnnouncementTests {
    @Test func staffTellTheCohortWhichReadsItPinnedOnItsPage() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let base = "/orgs/\(c.org.id!.lowercasedText)/cohorts/\(c.cohort.id!.lowercasedText)"
            var fay = try await Fixtures(app: app).signedIn(c.facilitator)
            let bad = try await fay.post(base + "/announcements", ["title": "", "body": ""])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await AnnouncementRecord.query(on: app.db).count() == 0)
            let sent = try await fay.post(base + "/announcements", ["title": "Week 2 starts",
                                                                    "body": "Read **the case** <script>alert(1)</script> [x](javascript:alert(1))",
                                                                    "pinned": "on"])
            #expect(sent.status == .seeOther)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == .announcement).all()
            #expect(Set(notices.map(\.personID)) == [c.trainer.id!, c.lea.id!, c.max.id!], "everyone but the author")
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let cohortPage = try await lea.get(base)
            #expect(cohortPage.text.contains("Week 2 starts"))
            #expect(cohortPage.text.contains("<strong>the case</strong>"))
            #expect(!cohortPage.text.contains("<script>alert(1)"))
            #expect(!cohortPage.text.contains("javascript:"))
            #expect(!(try await lea.get(base + "/announcements").text.contains("Send to the cohort")))
            #expect(try await lea.post(base + "/announcements", ["title": "Me", "body": "too"]).status == .notFound)
            let record = try #require(try await AnnouncementRecord.query(on: app.db).first())
            let path = base + "/announcements/\(record.id!.lowercasedText)"
            #expect(try await lea.post(path + "/delete", [:]).status == .notFound)
            #expect(try await fay.post(path + "/pin", [:]).status == .seeOther)
            #expect(!(try await lea.get(base).text.contains("Week 2 starts")), "unpinned: off the cohort's page")
            #expect(try await lea.get(base + "/announcements").text.contains("Week 2 starts"))
            let eve = try await Fixtures(app: app).person("eve@globex.test", in: try await Fixtures(app: app).organization("Globex"))
            var stranger = try await Fixtures(app: app).signedIn(eve)
            #expect(try await stranger.get(base + "/announcements").status == .notFound)
            #expect(try await fay.post(path + "/delete", [:]).status == .seeOther)
            #expect(try await AnnouncementRecord.query(on: app.db).count() == 0)
        }
    }
}
