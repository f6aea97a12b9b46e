@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct CourseAPITests {
    @Test func anAuthorBuildsACourseAndALearnerReportsProgress() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app, status: .draft)
            let fx = Fixtures(app: app)
            let author = try await fx.person("ana@acme.test", in: c.org, roles: [.author])
            let token = try await fx.token(for: author)
            let base = "/api/v1/organizations/\(c.org.id!)/courses/\(c.course.id!)"
            let module = try await app.testing().sendRequest(.POST, base + "/modules", headers: APITests.headers(token),
                                                            body: ByteBuffer(string: #"{"title":"Week 10","unlock":{"week":10,"weekday":1}}"#))
            #expect(module.status == .created)
            let moduleID = try module.content.decode(ModuleDTO.self).id
            let lesson = try await app.testing().sendRequest(.POST, base + "/modules/\(moduleID)/lessons", headers: APITests.headers(token),
                                                            body: ByteBuffer(string: #"{"title":"Wrap up","markdown":"<b>x</b> **y**","required":true}"#))
            #expect(lesson.status == .created)
            let dto = try lesson.content.decode(LessonDTO.self)
            #expect(dto.html.contains("&lt;b&gt;x&lt;/b&gt; <strong>y</strong>"))
            #expect(try await app.testing().sendRequest(.POST, base + "/status", headers: APITests.headers(token),
                                                        body: ByteBuffer(string: #"{"status":"published"}"#)).status == .ok)
            let outline = try await app.testing().sendRequest(.GET, base, headers: APITests.headers(token))
            #expect(try outline.content.decode(CourseOutlineDTO.self).modules.map(\.title) == ["M1", "M2", "Week 10"])

            let learnerToken = try await fx.token(for: c.learner)
            let cohort = "/api/v1/organizations/\(c.org.id!)/cohorts/\(c.cohort.id!)"
            let done = try await app.testing().sendRequest(.PUT, cohort + "/activities/\(c.lessons[0].id!)/progress",
                                                          headers: APITests.headers(learnerToken), body: ByteBuffer(string: #"{"done":true}"#))
            #expect(done.status == .ok)
            let progress = try done.content.decode(ProgressDTO.self)
            #expect(progress.done == 1 && progress.total == 3)
            #expect(progress.resume_activity_id == c.lessons[1].id)
            #expect(progress.modules.last?.open == false)
            // The author is not a learner of the cohort: no progress of their own to set.
            #expect(try await app.testing().sendRequest(.PUT, cohort + "/activities/\(c.lessons[0].id!)/progress",
                                                        headers: APITests.headers(token), body: ByteBuffer(string: #"{"done":true}"#)).status == .notFound)
        }
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app)
            let fx = Fixtures(app: app)
            let author = try await fx.person("ana@acme.test", in: c.org, roles: [.author])
            let token = try await fx.token(for: author)
            let base = "/api/v1/organizations/\(c.org.id!)/courses/\(c.course.id!)"
            let badSchedule = try await app.testing().sendRequest(.POST, base + "/modules", headers: APITests.headers(token),
                                                                 body: ByteBuffer(string: #"{"title":"","unlock":{"week":0,"weekday":9}}"#))
            #expect(badSchedule.status == .unprocessableEntity)
            let module = try #require(try await ModuleRecord.query(on: app.db).first())
            let badLesson = try await app.testing().sendRequest(.POST, base + "/modules/\(module.id!)/lessons", headers: APITests.headers(token),
                                                               body: ByteBuffer(string: #"{"title":"x","estimated_minutes":0,"video_url":"javascript:alert(1)"}"#))
            #expect(badLesson.status == .unprocessableEntity)
            #expect(try APITests.errorCode(badLesson).code == "validation_failed" || badLesson.body.string.contains("estimated_minutes"))
            let malformed = try await app.testing().sendRequest(.PUT, base + "/activities/\(c.lessons[0].id!)", headers: APITests.headers(token),
                                                               body: ByteBuffer(string: #"{"title": 5"#))
            #expect(malformed.status == .badRequest)
            #expect(try await ModuleRecord.query(on: app.db).count() == 2)
            #expect(try await ActivityRecord.query(on: app.db).count() == 3)
            #expect(try await ActivityRecord.find(c.lessons[0].id!, on: app.db)?.title == "L1")
        }
    }
}
