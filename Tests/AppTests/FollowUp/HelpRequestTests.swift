@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

@Suite struct HelpRequestAppTests {
    /// The classroom of LearningTests with Tom as its trainer.
    private func setUp(_ app: Application) async throws -> (LearningTests.Class, PersonRecord) {
        let c = try await LearningTests.classroom(app)
        let tom = try await Fixtures(app: app).person("tom@acme.test", name: "Tom", in: c.org, roles: [.trainer])
        try await Fixtures(app: app).enroll(tom, in: c.cohort, as: .trainer)
        return (c, tom)
    }

    @Test func aLearnerAsksATrainerAnswersInPrivateAndTheLearnerClosesIt() async throws {
        try await withApp { app in
            let (c, tom) = try await setUp(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.learner)
            let lesson = try await lea.get(c.lesson(0))
            #expect(lesson.text.contains("I&#39;m stuck here") || lesson.text.contains("I'm stuck here"))
            let asked = try await lea.post(c.base + "/help", ["help_text": "What counts as a concession?", "help_quote": "Never concede first",
                                                             "activity_id": c.lessons[0].id!.lowercased])
            #expect(asked.location == c.lesson(0))
            let record = try #require(try await HelpRequestRecord.query(on: app.db).first())
            #expect(record.status == "open")
            #expect(record.activityID == c.lessons[0].id)
            let notice = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == tom.id!).first())
            #expect(notice.kind == .helpRequest)
            #expect(notice.excerpt.hasPrefix("Lea: What counts"))
            #expect(try await lea.get("/").text.contains("Your questions to the trainers"))

            var trainer = try await fx.signedIn(tom)
            let queue = try await trainer.get(c.base + "/help")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("1 waiting for an answer"))
            #expect(queue.text.contains("Never concede first"))
            let path = c.base + "/help/\(record.id!.lowercased)"
            #expect(try await trainer.post(path + "/answer", ["body": "  "]).status == .seeOther)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.status == "open", "an empty answer changes nothing")
            #expect(try await trainer.post(path + "/answer", ["body": "Anything you give without getting back."]).status == .seeOther)
            let answered = try #require(try await HelpRequestRecord.find(record.id, on: app.db))
            #expect(answered.status == "answered")
            #expect(answered.answeredBy == tom.id)
            let message = try #require(try await MessageRecord.query(on: app.db).first())
            #expect(message.conversationID == answered.conversationID)
            #expect(message.body.contains("> What counts as a concession?") && message.body.contains("Anything you give"))
            let mine = try await lea.get(c.base + "/help")
            #expect(mine.text.contains("Read the answer"))
            #expect(try await lea.post(path + "/resolve", [:]).status == .seeOther)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.status == "resolved")
            #expect(!(try await lea.get("/").text.contains("Your questions to the trainers")), "resolved ones leave the home page")
            #expect(try await lea.post(path + "/reopen", [:]).status == .seeOther)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.status == "open")
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID == tom.id!).first()?.itemCount == 2,
                    "the trainer is told again")
        }
    }

    @Test func badInputIsRefusedAndNobodyElseSeesOrTouchesARequest() async throws {
        try await withApp { app in
            let (c, tom) = try await setUp(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.learner)
            for form in [["help_text": ""], ["help_text": String(repeating: "x", count: 2_001)], ["help_text": "ok", "help_quote": String(repeating: "q", count: 1_001)]] {
                let response = try await lea.post(c.base + "/help", form)
                #expect(response.status == .seeOther)
                #expect(response.location == c.base + "/help")
            }
            // An activity of another course is not one to ask about.
            let other = try await fx.course(in: c.org, name: "Other")
            let (_, foreign) = try await fx.lesson(in: other)
            #expect(try await lea.post(c.base + "/help", ["help_text": "Hm", "activity_id": foreign.id!.lowercased]).status == .notFound)
            #expect(try await HelpRequestRecord.query(on: app.db).count() == 0)
            #expect(try await NotificationRecord.query(on: app.db).count() == 0)
            // Trainers do not ask.
            var trainer = try await fx.signedIn(tom)
            #expect(try await trainer.post(c.base + "/help", ["help_text": "Hm"]).status == .notFound)

            try await lea.post(c.base + "/help", ["help_text": "Lost in module 2", "help_quote": "<script>alert(1)</script>"])
            let record = try #require(try await HelpRequestRecord.query(on: app.db).first())
            let path = c.base + "/help/\(record.id!.lowercased)"
            // Another learner of the cohort sees only their own requests, and cannot close Lea's.
            let max = try await fx.person("max@acme.test", name: "Max", in: c.org)
            try await fx.enroll(max, in: c.cohort)
            var maxBrowser = try await fx.signedIn(max)
            let maxList = try await maxBrowser.get(c.base + "/help")
            #expect(maxList.status == .ok)
            #expect(maxList.text.contains("You have not asked for help yet."))
            #expect(!maxList.text.contains("Lost in module 2"))
            // What a learner writes is shown as text to the trainers.
            let queue = try await trainer.get(c.base + "/help")
            #expect(queue.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!queue.text.contains("<script>alert(1)"))
            #expect(try await maxBrowser.post(path + "/resolve", [:]).status == .notFound)
            #expect(try await maxBrowser.post(path + "/answer", ["body": "me neither"]).status == .notFound)
            // A trainer of another cohort, and someone of another organization: 404.
            let spring = try await fx.cohort(in: c.org, course: c.course, name: "Spring")
            let sam = try await fx.person("sam@acme.test", in: c.org, roles: [.trainer])
            try await fx.enroll(sam, in: spring, as: .trainer)
            let eve = try await fx.person("eve@globex.test", in: try await fx.organization("Globex"))
            for person in [sam, eve] {
                var browser = try await fx.signedIn(person)
                #expect(try await browser.get(c.base + "/help").status == .notFound)
                #expect(try await browser.post(path + "/answer", ["body": "hello"]).status == .notFound)
            }
            // Through their own cohort's address, the request is not found either.
            let springHelp = "/orgs/\(c.org.id!.lowercased)/cohorts/\(spring.id!.lowercased)/help/\(record.id!.lowercased)"
            var samBrowser = try await fx.signedIn(sam)
            #expect(try await samBrowser.post(springHelp + "/answer", ["body": "hello"]).status == .notFound)
            let springLearner = try await fx.person("ivy@acme.test", in: c.org)
            try await fx.enroll(springLearner, in: spring)
            var ivy = try await fx.signedIn(springLearner)
            #expect(try await ivy.post(springHelp + "/resolve", [:]).status == .notFound)
            // The trainer does not close a learner's request; a control character is no answer.
            #expect(try await trainer.post(path + "/resolve", [:]).status == .notFound)
            #expect(try await trainer.post(path + "/answer", ["body": "bell \u{7}"]).location?.hasPrefix(c.base + "/help") == true)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.status == "open")
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
            // Once Lea left the cohort, she gets no answer from it.
            try await CohortMemberRecord.query(on: app.db).filter(\.$person.$id == c.learner.id!).delete()
            #expect(try await trainer.post(path + "/answer", ["body": "Still there?"]).status == .seeOther)
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
        }
    }
}
