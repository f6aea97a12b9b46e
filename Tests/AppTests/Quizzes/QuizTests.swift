@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Learners take a quiz: attempts saved as they go, graded once, and a result that leads to
/// what to study next.
@Suite struct QuizTests {
    struct Quiz {
        let c: LearningTests.Class
        let quiz: ActivityRecord
        var page: String { c.base + "/activities/\(quiz.id!.lowercased)" }
    }

    static let gift = """
        // [tag:listening]
        ::Open:: Which question is open? {=What matters to you? ~Is it fine? #Closed: yes or no.}

        // [tag:anchoring]
        The first number said is the {=anchor}.

        // [tag:anchoring]
        ::Numbers:: Concessions lose how many percent? {#20:5}
        """

    /// The classroom of `LearningTests` with a bank, "listening" taught by L1, and a quiz in M1.
    static func quiz(_ app: Application, settings: QuizSettings? = nil) async throws -> Quiz {
        let c = try await LearningTests.classroom(app)
        try await QuestionBankStore.append(try GIFT.parse(gift), to: c.course, on: app.db)
        try await QuestionBankStore.setLessons([c.lessons[0].id!], teaching: "listening", in: c.course.id!, on: app.db)
        let module = try #require(try await ModuleRecord.find(c.lessons[0].$module.id, on: app.db))
        let activity = try await QuizAuthoring.addQuiz(ActivityInput(title: "Check yourself", estimatedMinutes: 10, required: true, due: nil),
                                                       to: module, on: app.db)
        let ids = try await QuestionBankStore.entries(of: c.course.id!, on: app.db).map { $0.id.lowercasedText }
        let quiz = try await QuizAuthoring.quiz(of: activity.id!, on: app.db)
        try quiz.apply(settings ?? QuizSettings(selection: .fixed(ids), shuffleOptions: false))
        try await quiz.save(on: app.db)
        return Quiz(c: c, quiz: activity)
    }

    /// The quiz of `quiz(_:)` with a written answer (an essay on "listening") as its second question
    /// and a pass mark of 75 %.
    static func withEssay(_ app: Application) async throws -> Quiz {
        let q = try await quiz(app)
        try await QuestionBankStore.append(try GIFT.parse("// [tag:listening]\n::Story:: Tell of a negotiation you led. {}"),
                                           to: q.c.course, on: app.db)
        let ids = try await QuestionBankStore.entries(of: q.c.course.id!, on: app.db).map { $0.id.lowercasedText }
        let settings = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
        try settings.apply(QuizSettings(selection: .fixed([ids[0], ids[3]]), shuffleOptions: false, passPercent: 75))
        try await settings.save(on: app.db)
        return q
    }

    /// The quiz of `withEssay(_:)`, taken by its learner: the first question right, `essay` written.
    static func submittedEssay(_ app: Application, essay: String = "I asked what mattered to them first.") async throws
        -> (q: Quiz, learner: Browser, attempt: String) {
        let q = try await withEssay(app)
        var lea = try await Fixtures(app: app).signedIn(q.c.learner)
        let attempt = try await start(q, &lea)
        _ = try await lea.post(attempt + "/submit", ["q0": "0", "q1": essay])
        return (q, lea, attempt)
    }

    /// Tom, a trainer of the quiz's cohort, signed in.
    static func trainer(_ q: Quiz, _ app: Application) async throws -> Browser {
        let fx = Fixtures(app: app)
        let tom = try await fx.person("tom@acme.test", name: "Tom", in: q.c.org, roles: [.trainer])
        try await fx.enroll(tom, in: q.c.cohort, as: .trainer)
        return try await fx.signedIn(tom)
    }

    /// Starts an attempt; its path.
    static func start(_ q: Quiz, _ browser: inout Browser) async throws -> String {
        let started = try await browser.post(q.page + "/attempts", [:])
        #expect(started.status == .seeOther)
        return try #require(started.location)
    }

    @Test func aLearnerTakesTheQuizSeesWhatToStudyAndAsksTheForum() async throws {
        try await withApp { app in
            let q = try await Self.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let intro = try await lea.get(q.page)
            #expect(intro.text.contains("Start the quiz"))
            #expect(intro.text.contains("pass mark 60 %"))
            let attempt = try await Self.start(q, &lea)
            let form = try await lea.get(attempt)
            #expect(form.text.contains("Which question is open?") && form.text.contains(#"name="q2""#))
            // Saved as it goes: a reload shows the answer.
            let saved = try await lea.post(attempt + "/answers", ["q0": "1"])
            #expect(saved.status == .ok)
            #expect(try await lea.get(attempt).text.contains(#"value="1" checked"#))
            // Starting again resumes the open attempt.
            #expect(try await Self.start(q, &lea) == attempt)
            let submitted = try await lea.post(attempt + "/submit", ["q0": "1", "q1": " Anchor ", "q2": "21,5"])
            #expect(submitted.location == attempt + "/result")
            let result = try await lea.get(attempt + "/result")
            #expect(result.status == .ok)
            #expect(result.text.contains("67 %") && result.text.contains("2 of 3 points"))
            #expect(result.text.contains("Closed: yes or no."), "the feedback of the option picked")
            #expect(result.text.contains("What to study next"))
            #expect(result.text.contains(#"href="\#(q.c.lesson(0))">L1</a>"#), "the lesson that teaches the weak topic")
            let ask = try #require(result.text.firstRange(of: "/forum/spaces/").map { result.text[$0.lowerBound...].prefix { $0 != "\"" } })
            let forum = try await lea.get(q.c.base + String(ask).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(forum.status == .ok)
            #expect(forum.text.contains("Question about listening") && forum.text.contains("Which question is open?"))
            #expect(!forum.text.contains("What matters to you?"), "the options stay out of the forum")
            // Passed (67 % ≥ 60 %): the quiz counts as done.
            let progress = try await ProgressRecord.query(on: app.db).filter(\.$activityID == q.quiz.id!).first()
            #expect(progress?.state == .done)
            let again = try await lea.get(q.page)
            #expect(again.text.contains("Attempt 1") && again.text.contains("67 %") && again.text.contains("Try again"))
        }
    }

    @Test func badAnswersLateAnswersAndSecondSubmissionsChangeNothing() async throws {
        try await withApp { app in
            let q = try await Self.quiz(app, settings: nil)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await Self.start(q, &lea)
            let notAnOption = try await lea.post(attempt + "/answers", ["q0": "7"])
            #expect(notAnOption.status == .unprocessableEntity)
            #expect(try await QuizAnswerRecord.query(on: app.db).count() == 0)
            _ = try await lea.post(attempt + "/submit", ["q0": "0"])
            let first = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            let twice = try await lea.post(attempt + "/submit", ["q0": "1", "q1": "anchor"])
            #expect(twice.location == attempt + "/result")
            let after = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            #expect(after.earned == first.earned && after.submittedAt == first.submittedAt)
            #expect(try await lea.post(attempt + "/answers", ["q0": "1"]).status == .unprocessableEntity)
            // Someone else's attempt is not there for them.
            let fx = Fixtures(app: app)
            let max = try await fx.person("max@acme.test", name: "Max", in: q.c.org)
            try await fx.enroll(max, in: q.c.cohort)
            var maxBrowser = try await fx.signedIn(max)
            #expect(try await maxBrowser.get(attempt).status == .notFound)
            #expect(try await maxBrowser.post(attempt + "/submit", ["q0": "1"]).status == .notFound)
            #expect(try await maxBrowser.get(attempt + "/result").status == .notFound)
            // Their trainer reads it.
            let tom = try await fx.person("tom@acme.test", name: "Tom", in: q.c.org, roles: [.trainer])
            try await fx.enroll(tom, in: q.c.cohort, as: .trainer)
            var tomBrowser = try await fx.signedIn(tom)
            let read = try await tomBrowser.get(attempt + "/result")
            #expect(read.status == .ok && read.text.contains("Attempt 1 by Lea"))
        }
    }

    @Test func theTimeLimitAndTheAttemptsAllowedAreEnforced() async throws {
        try await withApp { app in
            let bankIDs = { (q: Quiz) in try await QuestionBankStore.entries(of: q.c.course.id!, on: app.db).map { $0.id.lowercasedText } }
            let q = try await Self.quiz(app)
            let quiz = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
            try quiz.apply(QuizSettings(selection: .fixed(try await bankIDs(q)), maxAttempts: 1, timeLimitMinutes: 5))
            try await quiz.save(on: app.db)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await Self.start(q, &lea)
            _ = try await lea.post(attempt + "/answers", ["q1": "anchor"])
            // The time runs out (the deadline moved into the past, beyond the grace).
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            record.deadline = Date().addingTimeInterval(-AttemptRules.grace - 1)
            try await record.save(on: app.db)
            #expect(try await lea.post(attempt + "/answers", ["q0": "0"]).status == .unprocessableEntity)
            let late = try await lea.post(attempt + "/submit", ["q0": "0", "q2": "20"])
            #expect(late.location == attempt + "/result")
            let graded = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            #expect(graded.earned == 1, "only the answer saved in time counts")
            let noMore = try await lea.post(q.page + "/attempts", [:])
            #expect(noMore.status == .unprocessableEntity)
            #expect(noMore.text.contains("You have used every attempt"))
            #expect(try await QuizAttemptRecord.query(on: app.db).count() == 1)
        }
    }
}

extension QuizTests {
    @Test func aTrainerGradesAnEssayAndReadsTheItemAnalysis() async throws {
        try await withApp { app in
            let q = try await Self.withEssay(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(q.c.learner)
            let attempt = try await Self.start(q, &lea)
            _ = try await lea.post(attempt + "/submit", ["q0": "0", "q1": "I asked what mattered to them first."])
            let waiting = try await lea.get(attempt + "/result")
            #expect(waiting.text.contains("1 answer wait for your trainer") || waiting.text.contains("wait for your trainer"))
            #expect(try await lea.post(attempt + "/grades/1", ["percent": "100"]).status == .notFound, "learners grade nothing")
            var trainer = try await Self.trainer(q, app)
            let overview = try await trainer.get(q.page)
            #expect(overview.text.contains("Grade 1 answer") && overview.text.contains("Item analysis"))
            #expect(overview.text.contains("Facility —") && overview.text.contains("picked 1×"), "no facility while an essay waits")
            let refused = try await trainer.post(attempt + "/grades/1", ["percent": "150", "comment": "Kept?"])
            #expect(refused.status == .unprocessableEntity)
            #expect(try #require(try await QuizAttemptRecord.query(on: app.db).first()).pending == 1)
            #expect(try await trainer.post(attempt + "/grades/0", ["percent": "50"]).status == .notFound, "only written answers")
            let graded = try await trainer.post(attempt + "/grades/1", ["percent": "80", "comment": "Good: <b>specific</b>."])
            #expect(graded.status == .seeOther)
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            #expect(record.pending == 0 && record.earned == 1.8)
            #expect(try await QuizMastery.of(q.c.learner.id!, in: q.c.cohort.id!, on: app.db).map(\.value) == [0.9],
                    "listening: 1 + 0.8 of 2, once the essay counts")
            _ = try await trainer.post(attempt + "/grades/1", ["percent": "40"])
            #expect(try await QuizMastery.of(q.c.learner.id!, in: q.c.cohort.id!, on: app.db).map(\.value) == [0.7], "a new grade replaces the old")
            _ = try await trainer.post(attempt + "/grades/1", ["percent": "80", "comment": "Good: <b>specific</b>."])
            let result = try await lea.get(attempt + "/result")
            #expect(result.text.contains("Passed") && result.text.contains("90 %"))
            #expect(result.text.contains("Good: &lt;b&gt;specific&lt;/b&gt;."), "the comment, as text")
            let progress = try await ProgressRecord.query(on: app.db).filter(\.$activityID == q.quiz.id!).first()
            #expect(progress?.state == .done, "passing once graded marks the quiz done")
            let analysed = try await trainer.get(q.page)
            #expect(analysed.text.contains("Facility 100") && analysed.text.contains("Facility 80") && analysed.text.contains(">Read<"))
        }
    }
}

extension QuizTests {
    @Test func twoSubmissionsAtOnceGradeTheAttemptOnce() async throws {
        try await withApp { app in
            let q = try await Self.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let attempt = try await Self.start(q, &lea)
            let browser = lea
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for answer in ["0", "1"] {
                    group.addTask {
                        var copy = browser
                        return try await copy.post(attempt + "/submit", ["q0": answer, "q1": "anchor"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [.seeOther, .seeOther])
            let attempts = try await QuizAttemptRecord.query(on: app.db).all()
            #expect(attempts.count == 1 && attempts[0].submittedAt != nil)
            let answers = try await QuizAnswerRecord.query(on: app.db).all()
            #expect(answers.count == 2, "one row per question answered, whichever submission won")
            #expect(attempts[0].earned == answers.compactMap(\.fraction).reduce(0, +), "the score is the stored marks'")
        }
    }
}
