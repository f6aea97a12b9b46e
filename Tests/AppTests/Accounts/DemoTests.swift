@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct DemoTests {
    @Test func theDemoCompanyIsLoadedOnceWithItsAccounts() async throws {
        try await withApp(configure: { $0.demo = true }) { app in
            #expect(try await PersonRecord.query(on: app.db).count() == 16)
            #expect(try await CohortMemberRecord.query(on: app.db).filter(\.$role == "learner").count() == 12)
            try await DemoSeed.load(on: app)
            #expect(try await OrganizationRecord.query(on: app.db).count() == 1)
            var browser = Browser(app)
            let signIn = try await browser.post("/sign-in", ["email": "learner01@northwind.test", "password": DemoSeed.password])
            #expect(signIn.status == .seeOther)
            let home = try await browser.get("/")
            #expect(home.text.contains("My trainings"))
            #expect(home.text.contains("Escalations — Autumn cohort"))
            #expect(home.text.contains("Running"))
        }
    }
}

extension DemoTests {
    /// The demo shows what uploads look like: an image in the first lesson's text, a PDF to
    /// download under "Your first status e-mail"; both real files of their type, served.
    @Test func theDemoCourseHasAnImageAndAPDF() async throws {
        try await withApp(configure: { $0.demo = true }) { app in
            let uploads = try await UploadRecord.query(on: app.db).sort(\.$filename).all()
            #expect(uploads.map(\.filename) == ["escalation-stages.png", "status-email-checklist.pdf"])
            let sniffed = try uploads.map { upload -> FileType? in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: app.atelierConfig.blobDirectory + "/\(upload.blob.prefix(2))/\(upload.blob.dropFirst(2))"))
                return try FileSniffer.detect(head: Array(bytes), isText: false, filename: "x").get()
            }
            #expect(sniffed == [.png, .pdf])
            let first = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Why escalations happen").first())
            let lesson = try #require(try await LessonRecord.query(on: app.db).filter(\.$activity.$id == first.id!).first())
            #expect(lesson.html.contains(#"<img src="/orgs/"#) && lesson.html.contains("escalation-stages.png"))
            #expect(try await LessonAttachmentRecord.query(on: app.db).count() == 1)
            var browser = Browser(app)
            try await browser.post("/sign-in", ["email": "learner01@northwind.test", "password": DemoSeed.password])
            let org = try #require(try await OrganizationRecord.query(on: app.db).first()).id!.uuidString.lowercased()
            let image = try await browser.get("/orgs/\(org)/files/\(uploads[0].id!.uuidString.lowercased())/escalation-stages.png")
            #expect(image.status == .ok && image.headers.first(name: .contentType) == "image/png")
        }
    }
}

extension DemoTests {
    /// The demo course has a question bank of every GIFT kind, its topics leading to lessons.
    @Test func theDemoCourseHasAQuestionBankWithTopicsLinkedToLessons() async throws {
        try await withApp(configure: { $0.demo = true }) { app in
            let course = try #require(try await CourseRecord.query(on: app.db).filter(\.$name == "Customer Escalations in Practice").first())
            let questions = try await QuestionBankStore.entries(of: course.id!, on: app.db).map(\.question)
            #expect(Set(questions.map(\.kind)) == [.singleChoice, .multipleResponse, .shortAnswer, .trueFalse, .numerical, .matching, .essay])
            let links = try await QuestionBankStore.topicLessons(of: course.id!, on: app.db)
            #expect(Set(links.keys) == Set(DemoQuiz.topics.keys))
            let linked: Int = links.values.reduce(0) { $0 + $1.count }
            let named: Int = DemoQuiz.topics.values.reduce(0) { $0 + $1.count }
            #expect(linked == named, "every lesson named in DemoQuiz exists")
            let attempt = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            #expect(attempt.submittedAt != nil && (attempt.earned ?? 0) > 0 && (attempt.earned ?? 0) < (attempt.possible ?? 0),
                    "learner01 got some right and some wrong")
        }
    }
}
