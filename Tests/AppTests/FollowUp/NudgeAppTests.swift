@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct NudgeAppTests {
    /// Lea's and Max's private conversation with `person`: its messages' bodies.
    static func messages(between learner: PersonRecord, and person: PersonRecord, on db: any Database) async throws -> [String] {
        let mine = Set(try await ConversationMemberRecord.query(on: db).filter(\.$personID == learner.id!).all().map(\.conversationID))
        let theirs = Set(try await ConversationMemberRecord.query(on: db).filter(\.$personID == person.id!).all().map(\.conversationID))
        let shared = Array(mine.intersection(theirs))
        guard !shared.isEmpty else { return [] }
        return try await MessageRecord.query(on: db).filter(\.$conversationID ~~ shared).sort(\.$sequence).all().map(\.body)
    }

    @Test func staffNudgeTickedOrAtRiskLearnersWithTheirOwnValues() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let page = try await tom.get(s.dashboard)
            #expect(page.text.contains("form=\"nudge-form\""))
            #expect(page.text.contains("Send to everyone at risk (1)"))
            let custom = "Hello {first name}, next up: {next activity}."
            let sent = try await tom.post(s.dashboard.replacingOccurrences(of: "/dashboard", with: "/nudges/send"),
                                          ["learners[]": s.c.lea.id!.lowercasedText, "message": custom, "to": "ticked"])
            #expect(sent.status == .seeOther)
            #expect(try await Self.messages(between: s.c.lea, and: s.c.trainer, on: app.db) == ["Hello Lea, next up: “Practice”."])
            #expect(try await Self.messages(between: s.c.max, and: s.c.trainer, on: app.db).isEmpty)
            let atRisk = try await tom.post(s.base + "/nudges/send", ["template": "checking_in", "to": "at_risk"])
            #expect(atRisk.status == .seeOther)
            let toMax = try await Self.messages(between: s.c.max, and: s.c.trainer, on: app.db)
            #expect(toMax.count == 1 && toMax[0].hasPrefix("Hi Max, how is the course going for you? Your next step is “Opening”."), "\(toMax)")
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$personID == s.c.max.id!).all()
            #expect(notices.contains { $0.kind == .message }, "in the bell, and e-mailed if unread")
            #expect(try await NudgeRecord.query(on: app.db).count() == 2)
            let learnerPage = try await tom.get(s.learner(s.c.max))
            #expect(learnerPage.text.contains("Nudged (personal)"))
            #expect(try await tom.get(s.base + "/nudges").text.contains("Hi Max, how is the course"))
        }
    }

    @Test func badNudgesSendNothingAndOnlyStaffSend() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let fx = Fixtures(app: app)
            var tom = try await fx.signedIn(s.c.trainer)
            let send = s.base + "/nudges/send"
            let lea = s.c.lea.id!.lowercasedText
            #expect(try await tom.post(send, ["learners[]": lea, "message": "Hi {firstname}"]).location == s.dashboard)
            #expect(try await tom.post(send, ["message": "Hi", "to": "ticked"]).location == s.dashboard, "nobody ticked")
            #expect(try await tom.post(send, ["learners[]": s.c.outsider.id!.lowercasedText, "message": "Hi"]).status == .notFound)
            #expect(try await tom.post(send, ["learners[]": "nonsense", "message": "Hi"]).status == .notFound)
            #expect(try await NudgeRecord.query(on: app.db).count() == 0)
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
            for person in [s.c.lea, s.c.outsider, s.c.stranger] {
                var browser = try await fx.signedIn(person)
                #expect(try await browser.post(send, ["learners[]": lea, "message": "Hi"]).status == .notFound)
                #expect(try await browser.get(s.base + "/nudges").status == .notFound)
                #expect(try await browser.post(s.base + "/nudges", ["inactive_days": "3"]).status == .notFound)
            }
            #expect(try await NudgeRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func automaticNudgesGoOncePerOccasionAndRespectMuteAndQuietHours() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            let fx = Fixtures(app: app)
            var tom = try await fx.signedIn(s.c.trainer)
            let bad = try await tom.post(s.base + "/nudges", ["inactive_days": "-1", "days_before_due": "0", "quiet_from": "0", "quiet_until": "0"])
            #expect(bad.status == .badRequest)
            #expect(try await CohortRecord.find(s.c.cohort.id!, on: app.db)?.nudgeSettingsJSON == nil)
            // No quiet hours (the same hour twice); quiet hours are tried last.
            let settings = ["inactive_days": "3", "days_before_due": "0", "after_missed_live": "on", "quiet_from": "0", "quiet_until": "0"]
            #expect(try await tom.post(s.base + "/nudges", settings).status == .seeOther)
            let cohort = try #require(try await CohortRecord.find(s.c.cohort.id!, on: app.db))
            #expect(cohort.nudgeSettings.inactiveDays == 3)
            let sent = try await FollowUpScan.run(app: app)
            #expect(sent == 1, "Max, a month without activity; Lea is active")
            #expect(try await FollowUpScan.run(app: app) == 0, "never twice for the same occasion")
            let toMax = try await Self.messages(between: s.c.max, and: s.c.trainer, on: app.db)
            #expect(toMax.count == 1 && toMax[0].contains("we have not seen you"), "\(toMax)")
            let nudge = try #require(try await NudgeRecord.query(on: app.db).first())
            #expect(nudge.kind == "inactive" && nudge.senderID == s.c.trainer.id!)

            // Lea goes quiet too, but muted them: nothing. She turns them on again: one.
            var lea = try await fx.signedIn(s.c.lea)
            #expect(try await lea.get(s.base).text.contains("Turn them off"))
            #expect(try await lea.post(s.base + "/nudges/mute", ["muted": "on"]).status == .seeOther)
            #expect(try await lea.get(s.base).text.contains("Turn them on again"))
            let later = Date().addingTimeInterval(5 * 86_400)
            #expect(try await FollowUpScan.run(app: app, now: later) == 0)
            #expect(try await lea.post(s.base + "/nudges/mute", ["muted": "off"]).status == .seeOther)
            #expect(try await FollowUpScan.run(app: app, now: later) == 1)
            #expect(try await tom.post(s.base + "/nudges/mute", ["muted": "on"]).status == .notFound, "staff have nothing to mute")

            // Quiet hours, in the cohort's zone: noon to one o'clock; a scan at half past twelve sends nothing.
            let zone = TimeZone(identifier: cohort.timeZone) ?? .gmt
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let halfPastNoon = try #require(calendar.date(bySettingHour: 12, minute: 30, second: 0, of: later))
            var quiet = settings
            quiet["quiet_from"] = "12"; quiet["quiet_until"] = "13"
            #expect(try await tom.post(s.base + "/nudges", quiet).status == .seeOther)
            try await NudgeRecord.query(on: app.db).delete()
            #expect(try await FollowUpScan.run(app: app, now: halfPastNoon) == 0, "quiet then")
            #expect(try await FollowUpScan.run(app: app, now: halfPastNoon.addingTimeInterval(3_600)) >= 1, "awake an hour later")
        }
    }

    @Test func aSecondClickSendsNothingAndAPendingNudgeIsDeliveredOnce() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let form = ["learners[]": s.c.lea.id!.lowercasedText, "message": "Hi {first name}", "batch": UUID().uuidString]
            #expect(try await tom.post(s.base + "/nudges/send", form).status == .seeOther)
            #expect(try await tom.post(s.base + "/nudges/send", form).status == .seeOther)
            #expect(try await Self.messages(between: s.c.lea, and: s.c.trainer, on: app.db) == ["Hi Lea"], "once")

            // A nudge logged but not delivered (the server stopped in between): the next round sends it, once.
            let cohort = try #require(try await CohortRecord.find(s.c.cohort.id!, on: app.db))
            try await NudgeRecord(organizationID: s.c.org.id!, cohortID: cohort.id!, learnerID: s.c.max.id!, senderID: s.c.trainer.id!,
                                  kind: "manual", eventKey: "manual:lost", body: "Still there, Max?", at: Date().addingTimeInterval(-120))
                .create(on: app.db)
            _ = try await FollowUpScan.run(app: app)
            _ = try await FollowUpScan.run(app: app)
            #expect(try await Self.messages(between: s.c.max, and: s.c.trainer, on: app.db) == ["Still there, Max?"])
            #expect(try await NudgeRecord.query(on: app.db).filter(\.$conversationID == nil).count() == 0)
        }
    }

    @Test func aLiveClassHeldBeforeJoiningIsNotMissed() async throws {
        try await withApp { app in
            let s = try await FollowUpClass.make(app)
            func held(_ title: String, daysAgo: Double) async throws {
                let session = LiveSession(id: .init(UUID()), cohortID: .init(s.c.cohort.id!), activityID: nil, title: title, agenda: "",
                                          start: Date().addingTimeInterval(-daysAgo * 86_400), durationMinutes: 60, timeZone: "UTC",
                                          provider: .builtInRoom, hosts: [.init(s.c.trainer.id!)])
                try await LiveSessionRecord(session, organizationID: s.c.org.id!, createdBy: s.c.trainer.id!).save(on: app.db)
            }
            try await held("Before Max came", daysAgo: 40)
            var tom = try await Fixtures(app: app).signedIn(s.c.trainer)
            let before = try await tom.get(s.dashboard).text
            #expect(!before.contains("missed the last live class"), "held before either of them joined")
            try await held("Last week", daysAgo: 7)
            app.readCaches.invalidateAll()  // written here, not through a request, which would empty them
            let after = try await tom.get(s.dashboard).text
            #expect(after.contains("missed the last live class"), "Max was in the cohort")
            #expect(after.contains("0 / 1"), "one class since Max joined, none for Lea")
        }
    }
}
