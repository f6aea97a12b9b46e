@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import Views

@Suite struct LiveActivityTests {
    /// The cohort's course, published, with a lesson and a live class ("Role-play", 90 minutes) in one module.
    private func course(_ app: Application, _ c: LiveClass) async throws -> ActivityRecord {
        let course = try #require(try await CourseRecord.find(c.cohort.$course.id, on: app.db))
        course.status = .published
        try await course.save(on: app.db)
        let (module, _) = try await Fixtures(app: app).lesson(in: course)
        let (activity, _) = try await CourseAuthoring.addLesson(
            ActivityInput(title: "Role-play", estimatedMinutes: 90, required: true, due: nil),
            content: LessonInput(markdown: "Read the **case** first.", video: nil), to: module, kind: .liveSession, on: app.db)
        return activity
    }

    @Test func anAuthorAddsALiveClassToAModule() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let course = try #require(try await CourseRecord.find(c.cohort.$course.id, on: app.db))
            let (module, _) = try await Fixtures(app: app).lesson(in: course)
            let author = try await Fixtures(app: app).person("ann@acme.test", in: c.org, roles: [.author])
            var ann = try await Fixtures(app: app).signedIn(author)
            let added = try await ann.post("/orgs/\(c.org.id!)/courses/\(course.id!)/modules/\(module.id!)/activities",
                                           ["title": "Kick-off call", "kind": "live_session"])
            #expect(added.status == .seeOther)
            let activity = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Kick-off call").first())
            #expect(activity.kind == .liveSession)
            #expect(try await ann.get(try #require(added.location)).text.contains("Kick-off call"))
        }
    }

    @Test func theActivityShowsItsSessionsAndAttendingMakesItDone() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let activity = try await course(app, c)
            let page = "/orgs/\(c.org.id!.lowercasedText)/cohorts/\(c.cohort.id!.lowercasedText)/activities/\(activity.id!.lowercasedText)"
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let before = try await lea.get(page)
            #expect(before.status == .ok)
            #expect(before.text.contains("Not scheduled yet"))
            #expect(before.text.contains("<strong>case</strong>"))
            #expect(!before.text.contains("Mark as done"), "done comes from attendance")
            #expect(try await lea.post(page + "/done", ["done": "true"]).status == .notFound)

            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            let staffPage = try await tom.get(page)
            let schedule = c.base + "/new?activity=\(activity.id!.lowercasedText)"
            #expect(staffPage.text.contains(schedule.replacingOccurrences(of: "&", with: "&amp;")))
            let form = try await tom.get(schedule)
            #expect(form.text.contains("name=\"activity_id\" value=\"\(activity.id!.lowercasedText)\""))
            #expect(form.text.contains("value=\"Role-play\""))
            #expect(form.text.contains("value=\"90\""))
            // A lesson is not a live class: refused, nothing saved.
            let lesson = try #require(try await ActivityRecord.query(on: app.db).filter(\.$kind == .lesson).first())
            let refused = try await tom.post(c.base, c.form(title: "Role-play", start: LiveClass.inMinutes(60),
                                                            extra: ["activity_id": lesson.id!.lowercasedText]))
            #expect(refused.status == .unprocessableEntity)
            #expect(try await LiveSessionRecord.query(on: app.db).count() == 0)
            let created = try await tom.post(c.base, c.form(title: "Role-play", start: LiveClass.inMinutes(60), minutes: 60,
                                                            extra: ["activity_id": activity.id!.lowercasedText]))
            #expect(created.status == .seeOther)
            let session = try #require(try await LiveSessionRecord.query(on: app.db).first())
            #expect(session.activityID == activity.id)
            let scheduled = try await lea.get(page).text
            #expect(scheduled.contains("Starts in 1 h 00 min") || scheduled.contains("Starts in 59 min"))

            // It took place: Lea was in 40 minutes of 60, Max 10.
            session.startsAt = LiveClass.inMinutes(-90)
            try await session.save(on: app.db)
            for (person, minutes) in [(c.lea, 40.0), (c.max, 10.0)] {
                let connection = LiveConnection.ID(UUID())
                for (kind, offset) in [(PresenceEvent.Kind.join, 0.0), (.leave, minutes * 60)] {
                    try await LivePresenceRecord(sessionID: session.id!, event: .init(person: .init(person.id!), connection: connection,
                                                                                    kind: kind, at: session.startsAt.addingTimeInterval(offset))).create(on: app.db)
                }
            }
            #expect(try await LiveActivity.countEnded(app: app) == 1)
            #expect(try await LiveActivity.countEnded(app: app) == 0, "counted once")
            func done(_ person: PersonRecord) async throws -> Bool {
                try await ProgressRecord.query(on: app.db).filter(\.$personID == person.id!).filter(\.$activityID == activity.id!)
                    .first()?.state == .done
            }
            #expect(try await done(c.lea))
            #expect(try await !done(c.max))
            #expect(try await lea.get(page).text.contains("You attended"))
            // The trainer's word moves it either way.
            let attendance = c.base + "/\(session.id!.lowercasedText)/attendance"
            #expect(try await tom.post(attendance, ["p-\(c.max.id!.lowercasedText)": "yes", "p-\(c.lea.id!.lowercasedText)": "no"]).status == .seeOther)
            #expect(try await done(c.max))
            #expect(try await !done(c.lea))
        }
    }
}
