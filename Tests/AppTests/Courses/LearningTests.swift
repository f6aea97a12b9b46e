@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct LearningTests {
    struct Class {
        let org: OrganizationRecord
        let course: CourseRecord
        let cohort: CohortRecord
        let learner: PersonRecord
        let lessons: [ActivityRecord]
        var base: String { "/orgs/\(org.id!.lowercased)/cohorts/\(cohort.id!.lowercased)" }
        func lesson(_ index: Int) -> String { base + "/activities/\(lessons[index].id!.lowercased)" }
    }

    /// A published course of two modules (two lessons, then one), a cohort that started two weeks
    /// ago, and an enrolled learner.
    static func classroom(_ app: Application, secondModuleUnlock: ScheduleOffset? = nil, status: PublicationStatus = .published) async throws -> Class {
        let fx = Fixtures(app: app)
        let org = try await fx.organization()
        let course = try await fx.course(in: org, name: "Negotiation")
        course.status = status
        try await course.save(on: app.db)
        let (first, l1) = try await fx.lesson(in: course, title: "L1", module: "M1", markdown: "Read **this**", required: true)
        let l2 = ActivityRecord(organizationID: org.id!, courseID: course.id!, moduleID: first.id!, kind: .lesson,
                                input: ActivityInput(title: "L2", estimatedMinutes: 5, required: false, due: ScheduleOffset(week: 1, weekday: 1)),
                                position: 1)
        try await l2.save(on: app.db)
        let (second, l3) = try await fx.lesson(in: course, title: "L3", module: "M2", required: true)
        second.unlockWeek = secondModuleUnlock?.week
        second.unlockWeekday = secondModuleUnlock?.weekday
        try await second.save(on: app.db)
        let today = Day.today()
        let cohort = CohortRecord(organizationID: org.id!, input: CohortInput(name: "Autumn", courseID: .init(course.id!),
                                                                            startDate: today.adding(days: -14), endDate: today.adding(days: 30), capacity: 10))
        try await cohort.save(on: app.db)
        let learner = try await fx.person("lea@acme.test", name: "Lea", in: org)
        try await fx.enroll(learner, in: cohort)
        return Class(org: org, course: course, cohort: cohort, learner: learner, lessons: [l1, l2, l3])
    }

    @Test func aLearnerFollowsTheCourseAndSeesProgressMove() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app)
            var browser = try await Fixtures(app: app).signedIn(c.learner)
            let outline = try await browser.get(c.base + "/course")
            #expect(outline.status == .ok)
            #expect(outline.text.contains("0 %"))
            #expect(outline.text.contains(">Start<"))
            #expect(try await browser.get(c.base + "/continue").location == c.lesson(0))
            let lesson = try await browser.get(c.lesson(0))
            #expect(lesson.status == .ok)
            #expect(lesson.text.contains("Read <strong>this</strong>"))
            #expect(lesson.text.contains("Lesson 1 of 3"))
            #expect(lesson.text.contains("Mark as done and continue"))
            let done = try await browser.post(c.lesson(0) + "/done", ["done": "true"])
            #expect(done.location == c.lesson(1))
            // Two activities are required (L1, L3): one of them is done.
            #expect(try await browser.get(c.base + "/course").text.contains("50 %"))
            #expect(try await browser.get(c.base + "/continue").location == c.lesson(1))
            try await browser.get(c.lesson(2))
            #expect(try await browser.get(c.base + "/continue").location == c.lesson(2), "the last visited lesson")
            #expect(try await browser.post(c.lesson(2) + "/done", ["done": "true"]).location == c.base + "/course")
            let finished = try await browser.get(c.base + "/course")
            #expect(finished.text.contains("100 %"))
            #expect(finished.text.contains("course complete"))
            #expect(try await browser.post(c.lesson(2) + "/done", ["done": "false"]).status == .seeOther)
            #expect(try await browser.get(c.base + "/course").text.contains("50 %"))
            let rows = try await ProgressRecord.query(on: app.db).all()
            #expect(rows.count == 2, "L1 and L3 were visited; L2 never was")
            #expect(rows.filter { $0.state == .done }.count == 1)
        }
    }

    @Test func lockedModulesAreVisibleButNotOpenable() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app, secondModuleUnlock: ScheduleOffset(week: 10, weekday: 1))
            var browser = try await Fixtures(app: app).signedIn(c.learner)
            let outline = try await browser.get(c.base + "/course")
            #expect(outline.text.contains("Locked · opens "))
            #expect(!outline.text.contains("href=\"\(c.lesson(2))\""))
            let locked = try await browser.get(c.lesson(2))
            #expect(locked.status == .forbidden)
            #expect(locked.text.contains("opens on"))
            #expect(try await browser.post(c.lesson(2) + "/done", ["done": "true"]).status == .notFound)
            // The last open lesson offers no "next" into the locked module.
            #expect(try await browser.post(c.lesson(1) + "/done", ["done": "true"]).location == c.base + "/course")
            #expect(try await ProgressRecord.query(on: app.db).filter(\.$activityID == c.lessons[2].id!).count() == 0)
        }
    }

    @Test func learnersSeeNothingOfADraftButStaffDo() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app, status: .draft)
            let fx = Fixtures(app: app)
            var learner = try await fx.signedIn(c.learner)
            #expect(try await learner.get(c.base + "/course").text.contains("not published yet"))
            #expect(try await learner.get(c.lesson(0)).status == .notFound)
            #expect(try await learner.get(c.base + "/continue").location == c.base + "/course")
            let trainer = try await fx.person("tom@acme.test", in: c.org, roles: [.trainer])
            try await fx.enroll(trainer, in: c.cohort, as: .trainer)
            var staff = try await fx.signedIn(trainer)
            let page = try await staff.get(c.lesson(0))
            #expect(page.status == .ok)
            #expect(!page.text.contains("Mark as done"))
            #expect(try await staff.post(c.lesson(0) + "/done", ["done": "true"]).status == .notFound)
            #expect(try await ProgressRecord.query(on: app.db).count() == 0, "staff visits are not recorded")
        }
    }

    @Test func heartbeatsAddBoundedTime() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app)
            var browser = try await Fixtures(app: app).signedIn(c.learner)
            try await browser.get(c.lesson(0))
            let row = try #require(try await ProgressRecord.query(on: app.db).first())
            row.lastVisitedAt = Date().addingTimeInterval(-3600)
            try await row.save(on: app.db)
            let firstBeatFrom = Date()
            let beat = try await browser.post(c.lesson(0) + "/heartbeat", ["seconds": "100000"])
            #expect(beat.status == .ok)
            #expect(try await ProgressRecord.query(on: app.db).first()?.secondsSpent == ProgressStore.maximumHeartbeatSeconds)
            // Right after, a replayed heartbeat adds no more than the time that really passed (under
            // a loaded CI machine that can be a few seconds, so it is measured, not assumed).
            try await browser.post(c.lesson(0) + "/heartbeat", ["seconds": "30"])
            let passed = Int(Date().timeIntervalSince(firstBeatFrom).rounded(.up)) + 1
            #expect(passed < 30, "too slow to tell a replay from real time")
            #expect(try await ProgressRecord.query(on: app.db).first()?.secondsSpent ?? 0 <= ProgressStore.maximumHeartbeatSeconds + passed)
            #expect(try await browser.post(c.lesson(0) + "/heartbeat", ["seconds": "-5"]).status == .unprocessableEntity)
            #expect(try await browser.post(c.lesson(0) + "/heartbeat", ["seconds": "lots"]).status.code >= 400)
        }
    }

    @Test func anotherCohortsLearnerGets404Everywhere() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app)
            let fx = Fixtures(app: app)
            let otherCohort = try await fx.cohort(in: c.org, course: c.course, name: "Spring")
            let outsider = try await fx.person("max@acme.test", in: c.org)
            try await fx.enroll(outsider, in: otherCohort)
            var browser = try await fx.signedIn(outsider)
            for path in [c.base + "/course", c.base + "/continue", c.lesson(0)] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            for path in [c.lesson(0) + "/done", c.lesson(0) + "/heartbeat"] {
                #expect(try await browser.post(path, ["done": "true", "seconds": "30"]).status == .notFound, "\(path)")
            }
            // An activity of another course, through a cohort the learner is in: 404 too.
            let otherCourse = try await fx.course(in: c.org, name: "Other")
            let (_, foreign) = try await fx.lesson(in: otherCourse)
            var learner = try await fx.signedIn(c.learner)
            #expect(try await learner.get(c.base + "/activities/\(foreign.id!.lowercased)").status == .notFound)
            #expect(try await learner.post(c.base + "/activities/\(foreign.id!.lowercased)/heartbeat", ["seconds": "30"]).status == .notFound)
            #expect(try await ProgressRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func anAuthorAddingAnActivityKeepsWhatLearnersDid() async throws {
        try await withApp { app in
            let c = try await Self.classroom(app)
            var browser = try await Fixtures(app: app).signedIn(c.learner)
            for index in 0..<3 { try await browser.post(c.lesson(index) + "/done", ["done": "true"]) }
            #expect(try await browser.get(c.base + "/course").text.contains("100 %"))
            // The author adds a required lesson through the editor, as authors do.
            let module = try #require(try await ModuleRecord.query(on: app.db).filter(\.$title == "M1").first())
            let author = try await Fixtures(app: app).person("ana@acme.test", in: c.org, roles: [.author])
            var editor = try await Fixtures(app: app).signedIn(author)
            let course = "/orgs/\(c.org.id!.lowercased)/courses/\(c.course.id!.lowercased)"
            let added = try await editor.post(course + "/modules/\(module.id!.lowercased)/activities", ["title": "New", "kind": "lesson"])
            let saved = try await editor.post(try #require(added.location), ["title": "New", "required": "on", "markdown": "x", "intent": "save"])
            #expect(saved.status == .seeOther)
            let page = try await browser.get(c.base + "/course")
            #expect(page.text.contains("66 %"))
            #expect(try await ProgressRecord.query(on: app.db).filter(\.$state == .done).count() == 3)
        }
    }
}
