import NIOConcurrencyHelpers
import Vapor

/// Counts the requests being answered, so that stopping the server lets them finish before the
/// databases close: a handler still running then crashed on `req.db` (Fluent unwraps the
/// database it no longer has), which a benchmark's last requests showed.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    func enter() { count.withLockedValue { $0 += 1 } }
    func leave() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is being answered, at most `timeout`; true when none is left.
    func drain(timeout: Duration = .seconds(10), poll: Duration = .milliseconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while current > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: poll)
        }
        return true
    }

    /// The first middleware: every request counts while it is answered.
    struct Middleware: AsyncMiddleware {
        let requests: InFlightRequests

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            requests.enter()
            defer { requests.leave() }
            return try await next.respond(to: request)
        }
    }

    /// Runs when the application stops (the server no longer accepts requests by then), before
    /// its storage, databases included, is shut down.
    struct Drain: LifecycleHandler {
        let requests: InFlightRequests

        func shutdownAsync(_ app: Application) async {
            let left = requests.current
            guard left > 0 else { return }
            app.logger.notice("Stopping: waiting for \(left) request(s) being answered")
            if await !requests.drain() {
                app.logger.warning("Stopping with \(requests.current) request(s) still being answered after 10 s")
            }
        }
    }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }

    /// The requests being answered now (see `InFlightRequests`).
    var inFlightRequests: InFlightRequests {
        get { storage[InFlightKey.self] ?? InFlightRequests() }
        set { storage[InFlightKey.self] = newValue }
    }
}
