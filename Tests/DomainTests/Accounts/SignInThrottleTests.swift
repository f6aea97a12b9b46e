import Foundation
import Testing
@testable import Domain

@Suite struct SignInThrottleTests {
    private let throttle = SignInThrottle()
    private let now = Date(timeIntervalSinceReferenceDate: 800_000_000)

    private func ago(_ seconds: TimeInterval...) -> [Date] { seconds.map { now.addingTimeInterval(-$0) } }

    @Test func defaultsAreTenFailuresInFifteenMinutes() {
        #expect(throttle.limit == 10)
        #expect(throttle.window == 900)
    }

    @Test func noFailuresIsAllowed() {
        #expect(throttle.decide(failures: [], now: now) == .allowed)
    }

    @Test func nineFailuresAreAllowed() {
        let failures = (1...9).map { now.addingTimeInterval(-Double($0)) }
        #expect(throttle.decide(failures: failures, now: now) == .allowed)
    }

    @Test func tenthFailureRefusesUntilTheOldestLeavesTheWindow() {
        let failures = (1...10).map { now.addingTimeInterval(-Double($0 * 10)) }   // oldest 100 s ago
        #expect(throttle.decide(failures: failures, now: now) == .refused(retryAfter: 800))
        // Order of the input does not matter.
        #expect(throttle.decide(failures: failures.reversed(), now: now) == .refused(retryAfter: 800))
    }

    @Test func retryAfterIsExactlyWhenSignInIsAllowedAgain() {
        let failures = (0..<10).map { now.addingTimeInterval(-300 - Double($0)) }  // oldest 309 s ago
        guard case .refused(let retryAfter) = throttle.decide(failures: failures, now: now) else {
            Issue.record("expected a refusal"); return
        }
        #expect(retryAfter == 591)
        #expect(throttle.decide(failures: failures, now: now + retryAfter - 1) == .refused(retryAfter: 1))
        #expect(throttle.decide(failures: failures, now: now + retryAfter) == .allowed)
    }

    @Test func withMoreThanTheLimitTheLimitthNewestCounts() {
        // Twelve failures: refused until the third oldest leaves, leaving nine in the window.
        let failures = ago(500, 400, 300, 9, 8, 7, 6, 5, 4, 3, 2, 1)
        #expect(throttle.decide(failures: failures, now: now) == .refused(retryAfter: 600))
        #expect(throttle.decide(failures: failures, now: now + 600) == .allowed)
    }

    @Test func failuresOutsideTheWindowAreIgnored() {
        let old = ago(900, 901, 5_000, 86_400)            // exactly at the edge counts as outside
        let recent = (1...9).map { now.addingTimeInterval(-Double($0)) }
        #expect(throttle.decide(failures: old + recent, now: now) == .allowed)
        #expect(throttle.decide(failures: old + recent + ago(899), now: now) == .refused(retryAfter: 1))
    }

    @Test func fractionalWaitsRoundUpAndNeverDropBelowOneSecond() {
        let nine = (1...9).map { now.addingTimeInterval(-Double($0)) }
        #expect(throttle.decide(failures: nine + ago(100.25), now: now) == .refused(retryAfter: 800))
        #expect(throttle.decide(failures: nine + ago(899.999), now: now) == .refused(retryAfter: 1))
    }

    @Test func customLimitAndWindow() {
        let strict = SignInThrottle(limit: 3, window: 60)
        #expect(strict.decide(failures: ago(10, 20), now: now) == .allowed)
        #expect(strict.decide(failures: ago(10, 20, 30), now: now) == .refused(retryAfter: 30))
        #expect(strict.decide(failures: ago(10, 20, 60), now: now) == .allowed)
    }

    @Test func windowStartIsOneWindowBeforeNow() {
        #expect(throttle.windowStart(now: now) == now.addingTimeInterval(-900))
    }
}
