@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The races and mistakes around an attempt: late saves, stale submissions, time running out
/// with the tab closed, a ranking mistake, topics with characters URLs treat specially.
@Suite struct QuizEdgeTests {
    @Test func aSaveAfterTheSubmissionChangesNothingAndAStaleSubmissionLoses() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            let stale = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            _ = try await lea.post(attempt + "/submit", ["q0": "0", "q1": "anchor"])
            let late = try await lea.post(attempt + "/answers", ["q0": "1"])
            #expect(late.status == .unprocessableEntity && late.text.contains("already submitted"))
            // The page's script asks for JSON and gets the code it acts on.
            var headers = HTTPHeaders()
            headers.add(name: .accept, value: "application/json")
            headers.add(name: "X-CSRF-Token", value: lea.csrf!)
            headers.contentType = .urlEncodedForm
            let scripted = try await lea.send(.POST, attempt + "/answers", headers: headers, body: ByteBuffer(string: "q0=1"))
            #expect(scripted.status == .unprocessableEntity && scripted.text.contains(#""code":"already_submitted""#))
            await #expect(throws: AttemptError.alreadySubmitted) {
                try await QuizAttemptStore.save([0: .choice(1)], to: stale.id!, on: app.db)
            }
            #expect(try await QuizAttemptStore.submit(stale, adding: [0: .choice(1)], on: app.db) == nil)
            let answers = try await QuizAnswerRecord.query(on: app.db).sort(\.$position).all()
            #expect(answers.map(\.fraction) == [1, 1], "the marks of the submission that won")
        }
    }

    @Test func anAttemptLeftOpenPastItsTimeIsSubmittedAndCountsWhenPassed() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            let ids = try await QuestionBankStore.entries(of: q.c.course.id!, on: app.db).map { $0.id.lowercasedText }
            let quiz = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
            try quiz.apply(QuizSettings(selection: .fixed(ids), shuffleOptions: false, timeLimitMinutes: 1, passPercent: 60))
            try await quiz.save(on: app.db)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            _ = try await lea.post(attempt + "/answers", ["q0": "0", "q1": "anchor"])
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            record.deadline = Date().addingTimeInterval(-AttemptRules.grace - 60)
            try await record.save(on: app.db)
            // The learner comes back the next day: the attempt page sends them to its result.
            #expect(try await lea.get(attempt).location == attempt + "/result")
            let progress = try await ProgressRecord.query(on: app.db).filter(\.$activityID == q.quiz.id!).first()
            #expect(progress?.state == .done, "2 of 3 passes the 60 % mark")
        }
    }

    @Test func aRankingMistakeShowsThePageAgainWithTheAnswers() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            try await QuestionBankStore.append(try GIFT.parse("::Steps:: Put them in order. {=Listen -> 1 =Ask -> 2}"), to: q.c.course, on: app.db)
            let ordering = Question(title: "Order", stem: QuizText("Put the steps in order."), answers: .ordering([QuizText("Listen"), QuizText("Ask"), QuizText("Decide")]),
                                    tags: ["C++ & more"])
            try await QuestionBankStore.append([ordering], to: q.c.course, on: app.db)
            let entries = try await QuestionBankStore.entries(of: q.c.course.id!, on: app.db)
            let quiz = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
            try quiz.apply(QuizSettings(selection: .fixed([entries.last!.id.lowercasedText]), shuffleOptions: false))
            try await quiz.save(on: app.db)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            let tied = try await lea.post(attempt + "/submit", ["q0.0": "2", "q0.1": "2", "q0.2": "1"])
            #expect(tied.status == .unprocessableEntity)
            #expect(tied.text.contains("does not fit") && tied.text.contains(#"<option value="2" selected>"#))
            #expect(try #require(try await QuizAttemptRecord.query(on: app.db).first()).submittedAt == nil)
            // Ranked in reverse (items are shown shuffled: the ranks follow what is shown), so
            // one of three is in place; the weak topic's forum link keeps its name whole.
            let shown = try #require(try await QuizAttemptRecord.query(on: app.db).first()).items[0].optionOrder
            var ranks: [String: String] = [:]
            for (k, item) in shown.enumerated() { ranks["q0.\(k)"] = String(3 - item) }
            _ = try await lea.post(attempt + "/submit", ranks)
            let result = try await lea.get(attempt + "/result")
            let link = try #require(result.text.firstRange(of: "/forum/spaces/").map { result.text[$0.lowerBound...].prefix { $0 != "\"" } })
            let forum = try await lea.get(q.c.base + String(link).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(forum.text.contains("Question about C++ &amp; more"))
        }
    }
}

extension QuizEdgeTests {
    @Test func staffFindTheCohortsQuizzesOnTheCohortPageLearnersDoNot() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            let fx = Fixtures(app: app)
            var trainer = try await QuizTests.trainer(q, app)
            let page = try await trainer.get(q.c.base)
            #expect(page.text.contains("Quizzes") && page.text.contains(#"href="\#(q.page)">Check yourself</a>"#))
            var lea = try await fx.signedIn(q.c.learner)
            #expect(!(try await lea.get(q.c.base)).text.contains("quizzes-heading"))
        }
    }
}

extension QuizEdgeTests {
    @Test func askingTheTrainerOpensAPrivateConversationWithTheMessagePrefilled() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            let fx = Fixtures(app: app)
            let tom = try await fx.person("tom@acme.test", name: "Tom", in: q.c.org, roles: [.trainer])
            try await fx.enroll(tom, in: q.c.cohort, as: .trainer)
            var lea = try await fx.signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            _ = try await lea.post(attempt + "/submit", ["q0": "1"])
            let result = try await lea.get(attempt + "/result")
            #expect(result.text.contains("Ask Tom privately"))
            let draft = "About the quiz “Check yourself”: I would like help with “anchoring”, “listening”."
            #expect(result.text.contains(#"name="draft" value="\#(draft.replacingOccurrences(of: "“", with: "“"))""#))
            let opened = try await lea.post("/orgs/\(q.c.org.id!.lowercased)/messages/direct", ["person_id": tom.id!.uuidString, "draft": draft + " C++"])
            let location = try #require(opened.location)
            #expect(location.contains("?draft="))
            let conversation = try await lea.get(location)
            #expect(conversation.text.contains("I would like help with “anchoring”, “listening”. C++</textarea>"))
            #expect(try await MessageRecord.query(on: app.db).count() == 0, "nothing is sent until the learner sends it")
        }
    }
}

extension QuizEdgeTests {
    /// Another organization's people, even its admins, find nothing of a cohort's quiz (404).
    @Test func anotherOrganizationReachesNoAttempt() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await QuizTests.start(q, &lea)
            _ = try await lea.post(attempt + "/submit", ["q0": "0"])
            let fx = Fixtures(app: app)
            let globex = try await fx.organization("Globex")
            var sam = try await fx.signedIn(try await fx.person("sam@globex.test", name: "Sam", in: globex, roles: [.admin, .trainer]))
            #expect(try await sam.get(q.page).status == .notFound)
            #expect(try await sam.post(q.page + "/attempts", [:]).status == .notFound)
            #expect(try await sam.get(attempt + "/result").status == .notFound)
            #expect(try await sam.post(attempt + "/answers", ["q0": "1"]).status == .notFound)
            #expect(try await sam.post(attempt + "/grades/0", ["percent": "100"]).status == .notFound)
            #expect(try await QuizAttemptRecord.query(on: app.db).count() == 1)
        }
    }
}
