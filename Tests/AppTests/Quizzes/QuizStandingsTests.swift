@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// Each learner's standing at each quiz, kept as attempts are submitted and graded, and what the
/// trainer's dashboard makes of it.
@Suite struct QuizStandingsTests {
    static func standing(_ q: QuizTests.Quiz, _ app: Application) async throws -> QuizStanding? {
        let sql = try #require(app.db as? any SQLDatabase)
        let rows = try await QuizStandings.of(cohort: q.c.cohort.id!, on: sql)
            .filter { $0.person_id == q.c.learner.id! && $0.activity_id == q.quiz.id! }
        #expect(rows.count <= 1)
        return try rows.first.map { try #require(QuizStanding(stored: $0.trail)) }
    }

    /// What folding every attempt again gives: the same as what was kept along the way.
    static func expectRebuildAgrees(_ q: QuizTests.Quiz, _ app: Application) async throws {
        let kept = try await standing(q, app)
        let sql = try #require(app.db as? any SQLDatabase)
        let before = try await QuizStandings.of(cohort: q.c.cohort.id!, on: sql).map(\.last_submitted_at)
        try await QuizStandings.rebuild(cohortID: q.c.cohort.id!, on: sql)
        #expect(try await standing(q, app) == kept)
        let after = try await QuizStandings.of(cohort: q.c.cohort.id!, on: sql).map(\.last_submitted_at)
        #expect(before.map { $0.map { Int($0.timeIntervalSince1970) } } == after.map { $0.map { Int($0.timeIntervalSince1970) } })
    }

    @Test func failuresSinceTheLastPassReachTheDashboardAndAPassClearsThem() async throws {
        try await withApp { app in
            let q = try await QuizTests.quiz(app)
            var trainer = try await QuizTests.trainer(q, app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let dashboard = q.c.base + "/dashboard"
            #expect(try await Self.standing(q, app) == nil)
            for _ in 0..<2 {
                let attempt = try await QuizTests.start(q, &lea)
                #expect(try await lea.post(attempt + "/submit", ["q0": "1"]).status == .seeOther, "a wrong answer, the others left blank")
            }
            #expect(try await Self.standing(q, app) == QuizStanding(percents: [0, 0]))
            // A trail it cannot read is folded again from the attempts, not started afresh.
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE quiz_standings SET trail = 'not a trail'").run()
            let third = try await QuizTests.start(q, &lea)
            _ = try await lea.post(third + "/submit", ["q0": "1"])
            #expect(try await Self.standing(q, app) == QuizStanding(percents: [0, 0, 0]))
            let failing = try await trainer.get(dashboard).text
            #expect(failing.contains("failed “Check yourself” 3 times"), "\(failing.prefix(4000))")
            #expect(failing.contains("0 %"))
            let attempt = try await QuizTests.start(q, &lea)
            _ = try await lea.post(attempt + "/submit", ["q0": "1", "q1": " Anchor ", "q2": "21,5"])
            let standing = try #require(try await Self.standing(q, app))
            #expect(standing.attempts == 4 && standing.failures(atPercent: 60) == 0 && Int(standing.best!.rounded()) == 67)
            let passed = try await trainer.get(dashboard).text
            #expect(!passed.contains("failed “Check yourself”"))
            #expect(passed.contains("67 %"), "the best attempt")
            try await Self.expectRebuildAgrees(q, app)
            // A pass mark raised later counts the failures again, with nothing rewritten.
            let quiz = try await QuizAuthoring.quiz(of: q.quiz.id!, on: app.db)
            var settings = quiz.settings
            settings.passPercent = 90
            try quiz.apply(settings)
            try await quiz.save(on: app.db)
            _ = try await trainer.post(dashboard + "/rules", RiskFormTests.form(inactive: "0", failed: "3"))
            #expect(try await trainer.get(dashboard).text.contains("failed “Check yourself” 4 times"))
        }
    }

    @Test func aTrainersGradeFoldsTheAttemptsAgain() async throws {
        try await withApp { app in
            let q = try await QuizTests.withEssay(app)
            var lea = try await Fixtures(app: app).signedIn(q.c.learner)
            let essay = try await QuizTests.start(q, &lea)
            _ = try await lea.post(essay + "/submit", ["q0": "0", "q1": "I asked what mattered to them first."])
            #expect(try await Self.standing(q, app) == QuizStanding(), "an answer waiting for a trainer counts nowhere yet")
            let second = try await QuizTests.start(q, &lea)
            _ = try await lea.post(second + "/submit", ["q0": "0", "q1": "Not sure."])
            var trainer = try await QuizTests.trainer(q, app)
            #expect(try await trainer.post(second + "/grades/1", ["percent": "0"]).status == .seeOther)
            #expect(try await Self.standing(q, app) == QuizStanding(percents: [50]), "1 point of 2")
            // The first attempt graded last still comes first: 90 %, then 50 %.
            #expect(try await trainer.post(essay + "/grades/1", ["percent": "80"]).status == .seeOther)
            #expect(try await Self.standing(q, app) == QuizStanding(percents: [90, 50]))
            #expect(try await Self.standing(q, app)?.failures(atPercent: 75) == 1)
            _ = try await trainer.post(essay + "/grades/1", ["percent": "40"])
            #expect(try await Self.standing(q, app) == QuizStanding(percents: [70, 50]))
            #expect(try await Self.standing(q, app)?.failures(atPercent: 75) == 2)
            try await Self.expectRebuildAgrees(q, app)
        }
    }
}
