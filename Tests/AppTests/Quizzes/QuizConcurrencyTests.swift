@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
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
            let held = await GroupCommitTests.hold(commits)
            let saved = Task { try await QuizAttemptStore.save([0: .choice(0)], to: record.id!, commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            let submitted = Task { try await QuizAttemptStore.submit(record, adding: [1: .text("anchor")], commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            let late = Task { try await QuizAttemptStore.save([2: .number("20")], to: record.id!, commits: commits, on: app.db) }
            try await Task.sleep(for: .milliseconds(50))
            held.release()
            await held.holder.value
            try await saved.value
            #expect(try await submitted.value != nil)
            await #expect(throws: AttemptError.alreadySubmitted) { try await late.value }
            let answers = try await QuizAnswerRecord.query(on: app.db).sort(\.$position).all()
            #expect(answers.map(\.position) == [0, 1] && answers.map(\.fraction) == [1, 1], "the saved answer graded, the late one not kept")
            #expect(try await QuizAttemptRecord.query(on: app.db).first()?.earned == 2)
        }
    }

    @Test func submissionsInOneBatchAreEachGradedAndCountedOnceAndASecondSubmissionChangesNothing() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/quiz.sqlite") }) { app in
            let q = try await QuizTests.quiz(app)
            let fx = Fixtures(app: app)
            var learners = [q.c.learner]
            for n in 2...4 {
                let learner = try await fx.person("learner\(n)@acme.test", name: "Learner \(n)", in: q.c.org)
                try await fx.enroll(learner, in: q.c.cohort)
                learners.append(learner)
            }
            var attempts: [QuizAttemptRecord] = []
            for learner in learners {
                var browser = try await fx.signedIn(learner)
                _ = try await QuizTests.start(q, &browser)
                attempts.append(try #require(try await QuizAttemptRecord.query(on: app.db).filter(\.$personID == learner.id!).first()))
            }
            // Learner k answers the first k + 1 questions right (all three at most).
            let right: [Int: QuestionResponse?] = [0: .choice(0), 1: .text("anchor"), 2: .number("20")]
            // The third learner's quiz counts as done already (a pass before): the batch says so for them only.
            try await ProgressStore.setDone(true, .init(organizationID: q.c.org.id!, cohortID: q.c.cohort.id!, personID: learners[2].id!),
                                            activityID: attempts[2].activityID, visited: false, caches: app.readCaches, on: app.db)
            let commits = try #require(app.realtime.commits)
            let held = await GroupCommitTests.hold(commits)
            // Each: nil when refused, else whether the quiz was done already.
            var submissions: [Task<Bool?, any Error>] = []
            for (k, attempt) in attempts.enumerated() {
                let adding = right.filter { $0.key <= k }
                submissions.append(Task { try await QuizAttemptStore.submit(attempt, adding: adding, commits: commits, on: app.db)?.quizWasDone })
            }
            // The first learner's attempt again, every answer right, in the same batch after it: refused.
            let again = try #require(try await QuizAttemptRecord.find(attempts[0].id, on: app.db))
            try await Task.sleep(for: .milliseconds(50))  // the four queued first
            submissions.append(Task { try await QuizAttemptStore.submit(again, adding: right, commits: commits, on: app.db)?.quizWasDone })
            try await Task.sleep(for: .milliseconds(100))
            held.release()
            await held.holder.value
            var outcomes: [Bool?] = []
            for submission in submissions { outcomes.append(try await submission.value) }
            #expect(outcomes == [false, false, true, false, nil])

            let stored = try await QuizAttemptRecord.query(on: app.db).all()
            for (k, learner) in learners.enumerated() {
                let attempt = try #require(stored.first { $0.personID == learner.id! })
                #expect(attempt.submittedAt != nil && attempt.earned == Double(min(k + 1, 3)) && attempt.possible == 3, "learner \(k)")
                let answers = try await QuizAnswerRecord.query(on: app.db).filter(\.$attemptID == attempt.id!).sort(\.$position).all()
                #expect(answers.map(\.position) == Array(0...min(k, 2)) && answers.allSatisfy { $0.fraction == 1 })
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let sums = try await sql.raw("""
                SELECT topic, earned, possible FROM quiz_topic_scores WHERE person_id = \(bind: learners[0].id!) ORDER BY topic
                """).all().map { "\(try $0.decode(column: "topic", as: String.self)) \(try $0.decode(column: "earned", as: Double.self))/\(try $0.decode(column: "possible", as: Double.self))" }
            #expect(sums == ["anchoring 0.0/2.0", "listening 1.0/1.0"], "once, from the first submission (its blanks earn nothing)")
            let trails = try await QuizStandings.of(cohort: q.c.cohort.id!, on: sql)
            #expect(trails.count == 4 && trails.allSatisfy { QuizStanding(stored: $0.trail)?.attempts == 1 })
            #expect(trails.first { $0.person_id == learners[3].id! }.flatMap { QuizStanding(stored: $0.trail)?.best } == 100)
        }
    }

    /// One learner's two open attempts (the bench's case: tens of thousands open at once) in one
    /// batch: the learner's standing and mastery take both, as if submitted one after the other.
    @Test func twoAttemptsOfOneLearnerInOneBatchBothCount() async throws {
        try await withApp(configure: { $0.database = .sqliteFile(path: $0.dataDirectory + "/quiz.sqlite") }) { app in
            let q = try await QuizTests.quiz(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            _ = try await QuizTests.start(q, &lea)
            let first = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("""
                INSERT INTO quiz_attempts (id, organization_id, cohort_id, activity_id, person_id, number, started_at, items)
                SELECT \(bind: UUID()), organization_id, cohort_id, activity_id, person_id, 2, started_at, items FROM quiz_attempts
                WHERE id = \(bind: first.id!)
                """).run()
            let second = try #require(try await QuizAttemptRecord.query(on: app.db).filter(\.$number == 2).first())
            let commits = try #require(app.realtime.commits)
            let held = await GroupCommitTests.hold(commits)
            // The first every answer right; the second only the first question (listening).
            let all = Task { try await QuizAttemptStore.submit(first, adding: [0: .choice(0), 1: .text("anchor"), 2: .number("20")],
                                                               commits: commits, on: app.db)?.score }
            let one = Task { try await QuizAttemptStore.submit(second, adding: [0: .choice(0)], commits: commits, on: app.db)?.score }
            for _ in 0..<500 where commits.waiting < 2 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(commits.waiting == 2, "both in the next batch")
            held.release()
            await held.holder.value
            #expect(try await all.value?.percent == 100)
            #expect(try await one.value.map { Int($0.percent.rounded()) } == 33)

            let sums = try await sql.raw("""
                SELECT topic, earned, possible FROM quiz_topic_scores WHERE person_id = \(bind: q.c.learner.id!) ORDER BY topic
                """).all().map { "\(try $0.decode(column: "topic", as: String.self)) \(try $0.decode(column: "earned", as: Double.self))/\(try $0.decode(column: "possible", as: Double.self))" }
            #expect(sums == ["anchoring 2.0/4.0", "listening 2.0/2.0"], "one row a topic, both attempts in it")
            let trails = try await QuizStandings.of(cohort: q.c.cohort.id!, on: sql)
            let standing = try #require(trails.count == 1 ? QuizStanding(stored: trails[0].trail) : nil)
            #expect(standing.attempts == 2 && standing.best == 100)
        }
    }

    @Test func anAttemptReadAsARowIsTheRecordFluentReads() async throws {
        try await withApp { app in
            let (_, _, attempt) = try await QuizTests.submittedEssay(app)
            let fluent = try #require(try await QuizAttemptRecord.query(on: app.db).first())
            let row = try await QuizAttemptStore.attempt(String(attempt.split(separator: "/").last!), in: fluent.cohortID, on: app.db)
            #expect(QuizAttemptRecord.keys.count == 14, "a new column must be read by QuizAttemptRecord(row) too")
            #expect(row.id == fluent.id && row.organizationID == fluent.organizationID && row.cohortID == fluent.cohortID)
            #expect(row.activityID == fluent.activityID && row.personID == fluent.personID && row.number == fluent.number)
            #expect(row.startedAt == fluent.startedAt && row.deadline == fluent.deadline && row.submittedAt == fluent.submittedAt)
            #expect(row.itemsJSON == fluent.itemsJSON && row.earned == fluent.earned && row.possible == fluent.possible)
            #expect(row.pending == fluent.pending && row.revision == fluent.revision && row.items == fluent.items)
            row.revision += 1
            try await row.save(on: app.db)  // an update of the row, not a second one
            #expect(try await QuizAttemptRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func anAttemptsHeadAndMasteryAreReadTogetherAsApart() async throws {
        try await withApp { app in
            let (q, _, attempt) = try await QuizTests.submittedEssay(app)
            let id = String(attempt.split(separator: "/").last!)
            let record = try await QuizAttemptStore.attempt(id, in: q.c.cohort.id!, on: app.db)
            let (head, mastery) = try await QuizAttemptStore.headAndMastery(id, in: q.c.cohort.id!, on: app.db)
            let apart = try await QuizMastery.of(record.personID, in: q.c.cohort.id!, on: app.db)
            #expect(!apart.isEmpty && mastery.map(\.topic) == apart.map(\.topic) && mastery.map(\.value) == apart.map(\.value))
            #expect(head.id == record.id && head.personID == record.personID && head.revision == record.revision)
            #expect(head.score == QuizAttemptStore.score(of: record), "the attempt's score, not a topic's")
            // A learner without any mastery yet: the attempt, and none.
            try await (app.db as! any SQLDatabase).raw("DELETE FROM quiz_topic_scores").run()
            let (alone, none) = try await QuizAttemptStore.headAndMastery(id, in: q.c.cohort.id!, on: app.db)
            #expect(alone.id == record.id && none.isEmpty)
            // Another cohort's id for it: 404.
            let error = await #expect(throws: AppError.self) { try await QuizAttemptStore.headAndMastery(id, in: UUID(), on: app.db) }
            #expect(error?.status == .notFound)
        }
    }
}

