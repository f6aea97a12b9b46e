import Domain
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

    /// Too many recent failures for this account or address; answered with the "too many
    /// attempts" page (or JSON) and `Retry-After` by the error middleware.
    struct Throttled: Error { let retryAfter: Int }

    /// Verifies `password` against `hash`, the one way any password is checked: refused while
    /// throttled, and a wrong password is recorded as a failure.
    func verify(_ password: String?, hash: String, request: Request) async throws -> Bool {
        if let retryAfter = try await retryAfter(on: request.db) { throw Throttled(retryAfter: retryAfter) }
        let valid = (try? await request.password.async.verify(password ?? "", created: hash)) ?? false
        if !valid { try await SignInFailureRecord(email: email, ip: ip, failedAt: Date()).save(on: request.db) }
        return valid
    }

    /// Seconds to wait when too many recent failures name this account or come from this address.
    private func retryAfter(on db: any Database, now: Date = Date()) async throws -> Int? {
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
}
