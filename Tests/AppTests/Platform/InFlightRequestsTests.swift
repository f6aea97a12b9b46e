@testable import App
import Foundation
import Testing
import VaporTesting

/// Stopping waits for the requests being answered (they used to crash on a closed database).
@Suite struct InFlightRequestsTests {
    @Test func drainingWaitsForTheLastRequestAndGivesUpAfterItsTimeout() async throws {
        let requests = InFlightRequests()
        #expect(await requests.drain(timeout: .milliseconds(10)), "nothing to wait for")
        requests.enter()
        requests.enter()
        let started = ContinuousClock.now
        async let drained = requests.drain(timeout: .seconds(5), poll: .milliseconds(5))
        try await Task.sleep(for: .milliseconds(100))
        requests.leave()
        requests.leave()
        #expect(await drained)
        #expect(ContinuousClock.now - started >= .milliseconds(100), "it waited")
        requests.enter()
        #expect(await !requests.drain(timeout: .milliseconds(50), poll: .milliseconds(5)), "a request that never ends: it gives up")
    }

    @Test func everyRequestCountsWhileItIsAnswered() async throws {
        try await withApp { app in
            // A handler that reports the count while it runs: itself, so 1.
            app.get("in-flight-probe") { req in "\(req.application.inFlightRequests.current)" }
            var browser = Browser(app)
            let answer = try await browser.get("/in-flight-probe")
            #expect(answer.text == "1", "counted while answered")
            #expect(app.inFlightRequests.current == 0, "released once answered")
        }
    }
}
