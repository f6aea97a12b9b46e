@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting
import Views

@Suite struct LiveSessionTests {
    @Test func aTrainerSchedulesAndTheCohortIsInvitedAndSeesItComing() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let form = try await tom.get(c.base + "/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"Europe/Paris\" selected>"), "the group's zone is the default")
            let start = LiveClass.inMinutes(3 * 24 * 60)
            let session = try await c.schedule(app, &tom, start: start)
            #expect(session.startsAt == start)
            #expect(session.timeZone == "Europe/Paris")
            #expect(session.sequence == 0)
            #expect(session.remindedAt == nil, "the reminder is still to come")
            // Everyone in the cohort but Tom hears of it.
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$kind == .liveSession).all()
            #expect(Set(notices.map(\.personID)) == [c.lea.id!, c.max.id!, c.facilitator.id!])
            #expect(notices.allSatisfy { $0.title.hasPrefix("Live class “Kick-off”: ") && $0.title.hasSuffix("(Europe/Paris)") })

            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let list = try await lea.get(c.base)
            #expect(list.status == .ok)
            #expect(list.text.contains("Kick-off"))
            #expect(list.text.contains("Starts in 3 days"))
            #expect(list.text.contains("aria-disabled=\"true\""), "Join waits for the 10 minutes before")
            #expect(!list.text.contains("Schedule a live class"))
            let home = try await lea.get("/")
            #expect(home.text.contains("Upcoming live classes"))
            #expect(home.text.contains(c.base + "/\(session.id!.lowercasedText)"))
            let page = try await lea.get(c.base + "/\(session.id!.lowercasedText)")
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>Cases</strong>"), "the agenda is Markdown")
            #expect(page.text.contains("Tom Trainer"))
            #expect(!page.text.contains("Cancel this live class"))
        }
    }

    @Test func badInputIsRefusedWithItsReasonAndSavesNothing() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let start = LiveClass.inMinutes(24 * 60)
            let cases: [([String: String], String)] = [
                (["title": ""], "title"),
                (["time": "25:99"], "time"),
                (["date": "2027-02-30"], "date"),
                // Paris springs forward at 02:00 on 28 March 2027: 02:30 never happens.
                (["date": "2027-03-28", "time": "02:30"], "time"),
                (["time_zone": "Mars/Olympus"], "time_zone"),
                (["duration": "5"], "duration"),
                (["provider": "jitsi"], "provider"),
                (["provider": "carrier-pigeon"], "provider"),
                (["link": "javascript:alert(1)"], "link"),
                (["link": "http://teams.example.com/plain"], "link"),
                (["hosts[]": c.lea.id!.lowercasedText], "hosts"),
                (["hosts[]": "not-a-person"], "hosts"),
            ]
            for (change, field) in cases {
                let response = try await tom.post(c.base, c.form(start: start, extra: change))
                #expect(response.status == .unprocessableEntity, "\(change)")
                #expect(response.text.contains("id=\"\(field)-error\"") || response.text.contains("field-invalid"), "\(change)")
            }
            #expect(try await LiveSessionRecord.query(on: app.db).count() == 0)
            #expect(try await NotificationRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func onlyTheCohortsStaffScheduleAndOnlyItsMembersSeeAnything() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let fx = Fixtures(app: app)
            var tom = try await fx.signedIn(c.trainer)
            let session = try await c.schedule(app, &tom, start: LiveClass.inMinutes(5))
            let page = c.base + "/\(session.id!.lowercasedText)"
            var lea = try await fx.signedIn(c.lea)
            for path in [c.base + "/new", page + "/edit", page + "/attendance"] {
                #expect(try await lea.get(path).status == .notFound, "\(path)")
            }
            for path in [c.base, page, page + "/cancel", page + "/attendance", c.base.replacingOccurrences(of: "/live", with: "/time-zone")] {
                #expect(try await lea.post(path, c.form(start: Date())).status == .notFound, "\(path)")
            }
            // A facilitator schedules too.
            var fay = try await fx.signedIn(c.facilitator)
            #expect(try await fay.get(c.base + "/new").status == .ok)

            // Someone of the organization outside the cohort, and a learner of another
            // organization, get nothing: not the list, the page, the file, nor Join.
            let outsider = try await fx.person("out@acme.test", in: c.org)
            let elsewhere = try await fx.organization("Globex")
            let stranger = try await fx.person("eve@globex.test", in: elsewhere)
            for person in [outsider, stranger] {
                var browser = try await fx.signedIn(person)
                for path in [c.base, page, page + "/calendar.ics"] {
                    #expect(try await browser.get(path).status == .notFound, "\(path)")
                }
                #expect(try await browser.get(page + "/join").status == .notFound)
            }
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func joinOpensTenMinutesBeforeAndCountsTheClick() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let later = try await c.schedule(app, &tom, title: "Later", start: LiveClass.inMinutes(60))
            let soon = try await c.schedule(app, &tom, title: "Soon", start: LiveClass.inMinutes(5))
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let refused = try await lea.get(c.base + "/\(later.id!.lowercasedText)/join")
            #expect(refused.status == .seeOther)
            #expect(refused.location == c.base + "/\(later.id!.lowercasedText)")
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 0)
            let joined = try await lea.get(c.base + "/\(soon.id!.lowercasedText)/join")
            #expect(joined.status == .seeOther)
            #expect(joined.location == "https://teams.example.com/l/meetup/123")
            let events = try await LivePresenceRecord.query(on: app.db).all()
            #expect(events.map(\.personID) == [c.lea.id!])
            #expect(events.first?.sessionID == soon.id)
            // Over, it refuses.
            soon.startsAt = Date().addingTimeInterval(-2 * 3600)
            try await soon.save(on: app.db)
            #expect(try await lea.get(c.base + "/\(soon.id!.lowercasedText)/join").location == c.base + "/\(soon.id!.lowercasedText)")
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func changesBumpTheSequenceAndTellTheCohortAndCancellingLeavesCalendars() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let start = LiveClass.inMinutes(2 * 24 * 60)
            let session = try await c.schedule(app, &tom, start: start)
            let page = c.base + "/\(session.id!.lowercasedText)"
            #expect(try await tom.get(page + "/edit").text.contains("value=\"Kick-off\""))
            // Moved an hour later: sequence 1, one unread notice per person saying so.
            let moved = try await tom.post(page, c.form(start: start.addingTimeInterval(3600)))
            #expect(moved.status == .seeOther)
            var record = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(record.sequence == 1)
            #expect(record.startsAt == start.addingTimeInterval(3600))
            let leaNotices = try await NotificationRecord.query(on: app.db).filter(\.$personID == c.lea.id!).all()
            #expect(leaNotices.count == 1)
            #expect(leaNotices.first?.title.contains("changed: now") == true)
            // The same again changes nothing a calendar shows: no news.
            #expect(try await tom.post(page, c.form(start: start.addingTimeInterval(3600))).status == .seeOther)
            record = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(record.sequence == 1)

            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let file = try await lea.get(page + "/calendar.ics")
            #expect(file.status == .ok)
            #expect(file.headers.contentType?.description.hasPrefix("text/calendar") == true)
            #expect(file.text.contains("UID:live-\(session.id!.lowercasedText)@atelier\r\n"))
            #expect(file.text.contains("SEQUENCE:1\r\n"))
            #expect(file.text.contains("ORGANIZER;CN=\"Tom Trainer\":mailto:tom@acme.test\r\n"))
            #expect(file.text.contains("DTSTART:" + ICalendar.timestamp(start.addingTimeInterval(3600)) + "\r\n"))

            #expect(try await tom.post(page + "/cancel", [:]).status == .seeOther)
            record = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(record.cancelled)
            #expect(record.sequence == 2)
            let cancelled = try await lea.get(page + "/calendar.ics").text
            #expect(cancelled.contains("METHOD:CANCEL\r\n"))
            #expect(cancelled.contains("STATUS:CANCELLED\r\n"))
            #expect(cancelled.contains("SEQUENCE:2\r\n"))
            // The feed keeps it, cancelled, so subscribed calendars drop it.
            try await lea.get("/orgs/\(c.org.id!)/cohorts/\(c.cohort.id!)/calendar")
            let feed = try #require(try await CalendarFeedRecord.query(on: app.db).filter(\.$personID == c.lea.id!).first())
            let text = try await app.testing().sendRequest(.GET, "/calendar/\(feed.token).ics").body.string
            #expect(text.contains("UID:live-\(session.id!.lowercasedText)@atelier\r\nDTSTAMP:"))
            #expect(text.contains("STATUS:CANCELLED"))
            // A cancelled session cannot be edited nor joined.
            #expect(try await tom.post(page, c.form(title: "Back on", start: start)).location == page)
            #expect(try await LiveSessionRecord.find(session.id, on: app.db)?.title == "Kick-off")
        }
    }

    @Test func theReminderGoesOutOnceAnHourBeforeAndIsEmailedAtOnce() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let start = LiveClass.inMinutes(3 * 60)
            let session = try await c.schedule(app, &tom, start: start)
            let soon = try await c.schedule(app, &tom, title: "Soon", start: LiveClass.inMinutes(30))
            #expect(soon.remindedAt != nil, "the invitation half an hour before was its reminder")
            // The invitations are e-mailed at once: a live class is no news an hour late.
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(1)) == 3)
            #expect(try await LiveSessionNotice.remind(app: app) == 0)
            let due = start.addingTimeInterval(-59 * 60)
            #expect(try await LiveSessionNotice.remind(app: app, now: due) == 1)
            #expect(try await LiveSessionNotice.remind(app: app, now: due.addingTimeInterval(60)) == 0, "once only")
            let notice = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == c.lea.id!)
                .filter(\.$readAt == nil).sort(\.$updatedAt, .descending).first())
            #expect(notice.title.contains("starts in an hour"))
            // Moved a day later, it gets a reminder again.
            var record = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(record.remindedAt != nil)
            #expect(try await tom.post(c.base + "/\(session.id!.lowercasedText)", c.form(start: start.addingTimeInterval(86_400))).status == .seeOther)
            record = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(record.remindedAt == nil)
        }
    }

    @Test func theGroupsTimeZoneIsCheckedAndSaved() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let path = "/orgs/\(c.org.id!)/cohorts/\(c.cohort.id!)/time-zone"
            for bad in ["Mars/Olympus", "CET", "GMT+2", "<script>"] {
                let response = try await tom.post(path, ["time_zone": bad])
                #expect(response.status == .unprocessableEntity, "\(bad)")
                #expect(try await CohortRecord.find(c.cohort.id, on: app.db)?.timeZone == "Europe/Paris")
            }
            #expect(try await tom.post(path, ["time_zone": "America/Chicago"]).status == .seeOther)
            #expect(try await CohortRecord.find(c.cohort.id, on: app.db)?.timeZone == "America/Chicago")
        }
    }
}
