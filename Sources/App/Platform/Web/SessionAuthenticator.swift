import Domain
import Fluent
import Vapor

/// Signs the request in from the `atelier_session` cookie: one query loads the session, its person
/// and their memberships, or none when the `ReadCaches` have them; requests that may write empty
/// those caches when they finish.
struct SessionAuthenticator: AsyncMiddleware {
    static let cookieName = "atelier_session"
    let caches: ReadCaches

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.isAPI, let token = request.cookie(Self.cookieName), !token.isEmpty,
           let signedIn = try await signedIn(tokenHash: SecretToken.hash(token), request: request) {
            request.auth.login(signedIn.user)
            // Pages need the memberships (navigation, switcher, permissions): loaded by the same query.
            request.storage[MembershipsKey.self] = signedIn.memberships
        }
        switch request.method {
        case .GET, .HEAD, .OPTIONS:
            return try await next.respond(to: request)
        default:
            defer { if !request.keepsCaches { caches.invalidateAll() } }
            return try await next.respond(to: request)
        }
    }

    /// (`request.db` only on a miss: Vapor makes a new handle at each.)
    private func signedIn(tokenHash: String, request: Request) async throws -> SessionQueries.SignedIn? {
        let now = Date()
        return try await caches.sessions.value(for: tokenHash, now: now) {
            try await SessionQueries.signedIn(tokenHash: tokenHash, now: now, on: request.db).map { ($0, validUntil: $0.expiresAt) }
        }
    }
}

/// Signs API requests in from `Authorization: Bearer <token>`.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            let token = try await APITokenRecord.query(on: request.db)
                .join(PersonRecord.self, on: \APITokenRecord.$person.$id == \PersonRecord.$id)
                .filter(\.$tokenHash == SecretToken.hash(bearer.token))
                .first()
            if let token, let person = try? token.joined(PersonRecord.self) {
                request.auth.login(CurrentUser(person: person.domain(), sessionID: nil, currentOrganizationID: nil))
                // At most one write a minute per token: enough to see which tokens are in use.
                let now = Date()
                if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                    try await APITokenRecord.query(on: request.db).filter(\.$id == token.id!).set(\.$lastUsedAt, to: now).update()
                }
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// Starts a session for `personID` and sets its cookie on `response`.
    func startSession(personID: UUID, organizationID: UUID?, on response: Response, secure: Bool) async throws {
        let token = SecretToken.generate()
        try await SessionRecord(tokenHash: token.hash, personID: personID, organizationID: organizationID,
                                expiresAt: Date().addingTimeInterval(SessionRecord.lifetime)).save(on: db)
        response.cookies[SessionAuthenticator.cookieName] = HTTPCookies.Value(
            string: token.value, expires: Date().addingTimeInterval(SessionRecord.lifetime),
            path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}
