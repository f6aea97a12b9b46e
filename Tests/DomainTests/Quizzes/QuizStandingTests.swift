import PropertyBased
import Testing
@testable import Domain

@Suite struct QuizStandingTests {
    @Test func theTrailOfTheExampleInTheDocumentation() {
        let standing = QuizStanding(percents: [90, 40, 55, 30])
        #expect(standing.trail == [.init(best: 30, count: 1), .init(best: 55, count: 3), .init(best: 90, count: 4)])
        #expect(standing.best == 90)
        #expect(standing.attempts == 4)
        #expect(standing.failures(atPercent: 60) == 3)
        #expect(standing.failures(atPercent: 95) == 4)
        #expect(standing.failures(atPercent: 30) == 0, "exactly at the pass mark passes")
        #expect(standing.failures(atPercent: 31) == 1)
    }

    @Test func anEarlierBestStillCoversEveryAttempt() {
        // The run of the last two has 90 as its best, and so does the run of all three.
        let standing = QuizStanding(percents: [40, 90, 30])
        #expect(standing.failures(atPercent: 95) == 3)
        #expect(standing.failures(atPercent: 60) == 1)
    }

    @Test func nothingGradedIsNoFailureAndNoBest() {
        let standing = QuizStanding()
        #expect(standing.best == nil)
        #expect(standing.failures(atPercent: 60) == 0)
        #expect(standing.stored.isEmpty)
        #expect(QuizStanding(stored: "") == standing)
    }

    @Test func floatingPointAtThePassMarkPasses() {
        // 2.1 points of 3, as QuizScore.passed allows.
        #expect(QuizStanding(percents: [2.1 * 100 / 3]).failures(atPercent: 70) == 0)
    }

    @Test(arguments: ["x", "30:1,20:2", "30:2,40:1", "30:0", "nan:1", "30:1,", "30", "30:1:2", "inf:1"])
    func storedTextItNeverWroteIsRefused(_ text: String) {
        #expect(QuizStanding(stored: text) == nil)
    }

    /// Against the rule the dashboard used to apply to every attempt: any pass mark, any history.
    @Test func agreesWithCountingFailuresAttemptByAttempt() async {
        let histories = Generator<[Double], _> { rng in
            (0..<Int.random(in: 0...12, using: &rng)).map { _ in Double(Int.random(in: 0...10, using: &rng) * 10) }
        }
        await propertyCheck(count: 500, input: histories) { percents in
            let standing = QuizStanding(percents: percents)
            #expect(QuizStanding(stored: standing.stored) == standing)
            #expect(standing.attempts == percents.count)
            #expect(standing.best == percents.max())
            for passMark in stride(from: 0.0, through: 110, by: 5) {
                let outcomes = percents.map { (quiz: "q", passed: $0 + 1e-9 >= passMark) }
                #expect(standing.failures(atPercent: passMark) == (RiskRules.failedQuizzes(outcomes).first?.failures ?? 0))
            }
        }
    }
}
