@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Quiz writes that meet: two trainers' grades from copies read before either, and answers
/// saved in the same group commit as the submission.
@Suite struct QuizConcurrencyTests {
    @Test func twoGradesFromCopiesReadBeforeEitherMakeTwoRevisions() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            var (q, lea, attempt) = try await QuizTests.submittedEssay(app)
            let trainer = try await Fixtures(app: app).person("tom@acme.test", name: "Tom", in: q.c.org, roles: [.trainer])
            let first = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            let second = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            try await QuizAttemptStore.grade(first, position: 1, try EssayGrade.check(percent: "50", comment: "First look."), by: trainer.id!,
                                            on: app.db)
            #expect(try await lea.get(attempt + "/result").text.contains("First look."))  // cached at this revision
            try await QuizAttemptStore.grade(second, position: 1, try EssayGrade.check(percent: "80", comment: "Second look."), by: trainer.id!,
                                            on: app.db)
            #expect(try #require(try await QuizAttemptRecord.query(on: app.db).first()).revision == 2)
            let page = try await lea.get(attempt + "/result").text
            #expect(page.contains("Second look.") && page.contains("90 %"))
        }
    }

    @Test func answersSavedInTheSubmissionsBatchAreGradedAndLateOnesRefused() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/quiz.sqlite") }) { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            _ = try await QuizTests.start(q, &lea)
            let record = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            let commits = try #require(app.realtime.commits)
            // A batch in progress holds the serializer: the three writes queue, in this order, for the next.
            let (held, hold) = AsyncStream.makeStream(of: Void.self)
            let (release, releasing) = AsyncStream.makeStream(of: Void.self)
            let holder = Task { await commits.writes.run { hold.yield(); for await _ in release { break } } }
            for await _ in held { break }
            let saved = Task { try await QuizAttemptStore.save([0: .choice(0)], to: record.id!, commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            let submitted = Task { try await QuizAttemptStore.submit(record, adding: [1: .text("anchor")], commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            let late = Task { try await QuizAttemptStore.save([2: .number("20")], to: record.id!, commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            releasing.yield()
            await holder.value
            try await saved.value
            #expect(try await submitted.value == true)
            await #expect(throws: AttemptError.alreadySubmitted) { try await late.value }
            let answers = try await QuizAnswerRecord.query(on: app.db).sort(\.$position).all()
            #expect(answers.map(\.position) == [0, 1] && answers.map(\.fraction) == [1, 1], "the saved answer graded, the late one not kept")
            #expect(try await QuizAttemptRecord.query(on: app.db).first()?.earned == 2)
        }
    }
}
