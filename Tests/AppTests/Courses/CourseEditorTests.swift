@testable import App
import Foundation
import Domain
import Fluent
import Testing
import VaporTesting

extension UUID {
    /// The form ids take in paths and links.
    var lowercased: String { uuidString.lowercased() }
}

@Suite struct CourseEditorTests {
    struct Author {
        let org: OrganizationRecord
        let course: CourseRecord
        var browser: Browser
        var base: String { "/orgs/\(org.id!.lowercased)/courses/\(course.id!.lowercased)" }
    }

    static func author(_ app: Application, role: Role = .author) async throws -> Author {
        let fx = Fixtures(app: app)
        let org = try await fx.organization()
        let person = try await fx.person("ana@acme.test", name: "Ana", in: org, roles: [role])
        let course = try await fx.course(in: org, name: "Negotiation")
        return Author(org: org, course: course, browser: try await fx.signedIn(person))
    }

    @Test func anAuthorBuildsACourseOfModulesAndLessons() async throws {
        try await withApp { app in
            var a = try await Self.author(app)
            let created = try await a.browser.post("/orgs/\(a.org.id!)/courses", ["name": "Escalations", "description": "Calm"])
            #expect(created.status == .seeOther)
            #expect(created.location?.hasPrefix("/orgs/\(a.org.id!.lowercased)/courses/") == true)
            let added = try await a.browser.post(a.base + "/modules", ["title": "Week one", "unlock_week": "1", "unlock_weekday": "1"])
            #expect(added.status == .seeOther)
            let module = try #require(try await ModuleRecord.query(on: app.db).filter(\.$title == "Week one").first())
            let lesson = try await a.browser.post(a.base + "/modules/\(module.id!)/activities", ["title": "Listening", "kind": "lesson"])
            let activity = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Listening").first())
            #expect(lesson.location == a.base + "/activities/\(activity.id!.lowercased)")
            let saved = try await a.browser.post(a.base + "/activities/\(activity.id!)", [
                "title": "Active listening", "estimated_minutes": "25", "required": "on", "due_week": "2", "due_weekday": "5",
                "markdown": "# Listen\n\nAsk **open** questions.\n\n<script>alert(1)</script> [x](javascript:alert(1))",
                "video_url": "https://youtu.be/dQw4w9WgXcQ", "intent": "save"])
            #expect(saved.status == .seeOther)
            let stored = try #require(try await LessonRecord.query(on: app.db).filter(\.$activity.$id == activity.id!).first())
            #expect(stored.html.contains("<h2>Listen</h2>"))
            #expect(stored.html.contains("<strong>open</strong>"))
            #expect(!stored.html.contains("<script"))
            #expect(!stored.html.contains("javascript:"))
            #expect(stored.video == .youtube(id: "dQw4w9WgXcQ"))
            try await activity.$module.load(on: app.db)
            let reloaded = try #require(try await ActivityRecord.find(activity.id!, on: app.db))
            #expect(reloaded.estimatedMinutes == 25 && reloaded.required && reloaded.dueWeek == 2 && reloaded.dueWeekday == 5)
            let editor = try await a.browser.get(a.base)
            #expect(editor.status == .ok)
            #expect(editor.text.contains("Active listening"))
            #expect(editor.text.contains("Lesson · 25 min · required · due Week 2, Friday"))
            #expect(editor.text.contains("Unlocks Week 1, Monday"))
            let page = try await a.browser.get(a.base + "/activities/\(activity.id!)")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.text.contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
        }
    }

    @Test func badInputIsExplainedAndChangesNothing() async throws {
        try await withApp { app in
            var a = try await Self.author(app)
            let (module, activity) = try await Fixtures(app: app).lesson(in: a.course, title: "Opening", markdown: "Kept")
            let noTitle = try await a.browser.post(a.base + "/modules", ["title": "  ", "unlock_week": "0"])
            #expect(noTitle.status == .unprocessableEntity)
            #expect(noTitle.text.contains("Title is required."))
            #expect(noTitle.text.contains("Pick a week from 1 to 104"))
            let bad = try await a.browser.post(a.base + "/activities/\(activity.id!)", [
                "title": "", "estimated_minutes": "9999", "markdown": "Changed", "video_url": "https://evil.test/x", "intent": "save"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Title is required."))
            #expect(bad.text.contains("Duration must be between 1 and 600 minutes."))
            #expect(bad.text.contains("Paste a YouTube or Vimeo link"))
            let tooLong = try await a.browser.post(a.base + "/activities/\(activity.id!)", [
                "title": "T", "markdown": String(repeating: "a", count: 200_001), "intent": "save"])
            #expect(tooLong.status == .unprocessableEntity || tooLong.status == .payloadTooLarge)
            let emptyLesson = try await a.browser.post(a.base + "/modules/\(module.id!)/activities", ["title": "", "kind": "lesson"])
            #expect(emptyLesson.status == .seeOther)
            #expect(try await a.browser.get(emptyLesson.location!).text.contains("Give the lesson a title"))
            #expect(try await a.browser.post(a.base + "/modules/\(module.id!)/move", ["direction": "sideways"]).status == .unprocessableEntity)
            #expect(try await a.browser.post(a.base + "/status", ["status": "archived"]).status == .unprocessableEntity)
            #expect(try await ModuleRecord.query(on: app.db).count() == 1)
            #expect(try await ActivityRecord.query(on: app.db).all().map(\.title) == ["Opening"])
            #expect(try await LessonRecord.query(on: app.db).first()?.markdown == "Kept")
            #expect(try await CourseRecord.find(a.course.id!, on: app.db)?.status == .draft)
        }
    }

    @Test func previewShowsWithoutSavingAndTheLivePreviewSanitizes() async throws {
        try await withApp { app in
            var a = try await Self.author(app)
            let (_, activity) = try await Fixtures(app: app).lesson(in: a.course, markdown: "Old")
            let preview = try await a.browser.post(a.base + "/activities/\(activity.id!)", [
                "title": "Opening", "markdown": "New *text*", "intent": "preview"])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("New <em>text</em>"))
            #expect(try await LessonRecord.query(on: app.db).first()?.markdown == "Old")
            let live = try await a.browser.post("/orgs/\(a.org.id!)/markdown-preview", ["markdown": "![x](\" onerror=\"alert(1))**b**"])
            #expect(live.status == .ok)
            let html = try live.content.decode(LessonEditorController.PreviewResponse.self).html
            #expect(!html.contains("onerror=\"alert"))
            #expect(html.contains("<strong>b</strong>"))
        }
    }

    @Test func modulesAndActivitiesMoveUpAndDown() async throws {
        try await withApp { app in
            var a = try await Self.author(app)
            let fx = Fixtures(app: app)
            let (first, _) = try await fx.lesson(in: a.course, title: "L1", module: "M1")
            let (second, _) = try await fx.lesson(in: a.course, title: "L2", module: "M2")
            #expect(try await a.browser.post(a.base + "/modules/\(second.id!)/move", ["direction": "up"]).status == .seeOther)
            let order = try await ModuleRecord.query(on: app.db).sort(\.$position).all().map(\.title)
            #expect(order == ["M2", "M1"])
            // Moving the first one up again is a no-op, not an error.
            #expect(try await a.browser.post(a.base + "/modules/\(second.id!)/move", ["direction": "up"]).status == .seeOther)
            let another = ActivityRecord(organizationID: a.org.id!, courseID: a.course.id!, moduleID: first.id!, kind: .lesson,
                                         input: ActivityInput(title: "L1b", estimatedMinutes: 5, required: false, due: nil), position: 1)
            try await another.save(on: app.db)
            #expect(try await a.browser.post(a.base + "/activities/\(another.id!)/move", ["direction": "up"]).status == .seeOther)
            let activities = try await ActivityRecord.query(on: app.db).filter(\.$module.$id == first.id!).sort(\.$position).all().map(\.title)
            #expect(activities == ["L1b", "L1"])
        }
    }

    @Test func publishDuplicateAndDelete() async throws {
        try await withApp { app in
            var a = try await Self.author(app, role: .admin)
            let (module, _) = try await Fixtures(app: app).lesson(in: a.course, title: "L1", markdown: "Body")
            #expect(try await a.browser.post(a.base + "/status", ["status": "published"]).status == .seeOther)
            #expect(try await CourseRecord.find(a.course.id!, on: app.db)?.status == .published)
            let copy = try await a.browser.post(a.base + "/duplicate", [:])
            #expect(copy.status == .seeOther)
            let duplicate = try #require(try await CourseRecord.query(on: app.db).filter(\.$name == "Copy of Negotiation").first())
            #expect(duplicate.status == .draft)
            let copied = try await CourseQueries.outline(of: duplicate.id!, on: app.db)
            #expect(copied.map(\.module.title) == ["Basics"])
            #expect(copied.first?.activities.map(\.title) == ["L1"])
            #expect(try await LessonRecord.query(on: app.db).filter(\.$markdown == "Body").count() == 2)
            #expect(try await a.browser.post(a.base + "/modules/\(module.id!)/delete", [:]).status == .seeOther)
            #expect(try await CourseQueries.outline(of: a.course.id!, on: app.db).isEmpty)
            #expect(try await LessonRecord.query(on: app.db).count() == 1, "the copy's lesson stays")
            let list = try await a.browser.get("/orgs/\(a.org.id!)/courses")
            #expect(list.text.contains("Copy of Negotiation"))
            #expect(list.text.contains("Published"))
        }
    }

    @Test(arguments: [Role.learner, .trainer, .facilitator])
    func onlyAuthorsAndAdminsSeeTheEditor(role: Role) async throws {
        try await withApp { app in
            let a = try await Self.author(app)
            let fx = Fixtures(app: app)
            let person = try await fx.person("\(role.rawValue)@acme.test", in: a.org, roles: [role])
            let (module, activity) = try await fx.lesson(in: a.course)
            var browser = try await fx.signedIn(person)
            for path in [a.base, a.base + "/activities/\(activity.id!)"] {
                #expect(try await browser.get(path).status == .notFound)
            }
            for path in [a.base + "/modules", a.base + "/modules/\(module.id!)/delete", a.base + "/status", "/orgs/\(a.org.id!)/markdown-preview"] {
                #expect(try await browser.post(path, ["title": "x", "status": "published", "markdown": "x"]).status == .notFound)
            }
            #expect(try await ModuleRecord.query(on: app.db).count() == 1)
        }
    }
}
