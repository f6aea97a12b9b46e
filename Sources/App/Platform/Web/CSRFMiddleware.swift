import Vapor

/// Double-submit CSRF protection for every page form: a random `atelier_csrf` cookie must match the
/// form's `_csrf` field (or an `X-CSRF-Token` header from our scripts). The API is exempt: it takes
/// bearer tokens, never cookies. Works for anonymous forms too (sign-in, setup).
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "atelier_csrf"
    static let fieldName = "_csrf"
    let secureCookies: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let cookie = request.cookie(Self.cookieName)
        let existing = (cookie?.count ?? 0) >= 32 ? cookie : nil
        let token = existing ?? SecretToken.generate().value
        request.storage[CSRFTokenKey.self] = token
        if !request.isAPI, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // Middleware runs before the route collects the body: a body that arrived in several
            // chunks must be collected here, within the route's limit, before its field is read.
            if request.body.data == nil, request.headers.first(name: "X-CSRF-Token") == nil {
                _ = try await request.body.collect(max: Self.bodyLimit(for: request)).get()
            }
            let sent = request.headers.first(name: "X-CSRF-Token")
                ?? (try? request.content.get(String.self, at: Self.fieldName))
            guard let existing, let sent, constantTimeEquals(existing, sent) else {
                throw AppError(status: .forbidden, code: "csrf",
                               message: "This form has expired. Go back, reload the page and try again.")
            }
        }
        let response = try await next.respond(to: request)
        if existing == nil {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, path: "/", isSecure: secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

extension CSRFMiddleware {
    /// The largest form body a page route accepts: uploads have their own, larger limit.
    static func bodyLimit(for request: Request) -> Int {
        request.url.path.hasSuffix("/invitations/import") ? PeopleController.maximumUploadBytes : 262_144
    }
}

struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}
