import Domain
import Views
import Fluent
import Vapor

/// Every place that checks a password against an account goes through here, so guessing is
/// throttled the same way on the sign-in form and on an invitation for an existing account.
struct SignInGuard {
    let throttle = SignInThrottle()
    let email: String
    let ip: String

    init(email: String, request: Request) {
        self.email = email.trimmingCharacters(in: .whitespaces).lowercased()
        self.ip = request.clientAddress
    }

    /// Seconds to wait when too many recent failures name this account or come from this address.
    func retryAfter(on db: any Database, now: Date = Date()) async throws -> Int? {
        let failures = try await SignInFailureRecord.query(on: db)
            .group(.or) { $0.filter(\.$email == email).filter(\.$ip == ip) }
            .filter(\.$failedAt > throttle.windowStart(now: now))
            .all()
        let byEmail = failures.filter { $0.email == email }.map(\.failedAt)
        let byIP = failures.filter { $0.ip == ip }.map(\.failedAt)
        for decision in [throttle.decide(failures: byEmail, now: now), throttle.decide(failures: byIP, now: now)] {
            if case .refused(let retryAfter) = decision { return Int(retryAfter) }
        }
        return nil
    }

    func recordFailure(on db: any Database) async throws {
        try await SignInFailureRecord(email: email, ip: ip, failedAt: Date()).save(on: db)
    }

    /// The "too many attempts" page, with `Retry-After`.
    static func refusal(retryAfter: Int, request: Request) -> Response {
        let response = Response.page(AuthPages.tooManyAttempts(request.anonymousLayout(), retryAfter: retryAfter),
                                     status: .tooManyRequests, request: request)
        response.headers.replaceOrAdd(name: .retryAfter, value: "\(retryAfter)")
        return response
    }
}
