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
        if !request.isAPI, request.route?.isCSRFExempt != true, ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let header = request.headers.first(name: "X-CSRF-Token")
            // A streamed upload without the header: collecting it here would hold up to 200 MB in
            // memory. Its handler reads the form's `_csrf` from the stream and calls `verify`
            // before it keeps anything (`StreamedUpload`).
            let handlerChecks = header == nil && request.route?.checksCSRFInHandler == true
            if !handlerChecks {
                // Middleware runs before the route collects the body: a body that arrived in several
                // chunks must be collected here, within the route's limit, before its field is read.
                if request.body.data == nil, header == nil {
                    _ = try await request.body.collect(max: Self.bodyLimit(for: request)).get()
                }
                try Self.verify(request, sent: header ?? Self.sentField(request))
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
    /// The form's `_csrf` field. A plain form is read by `FormFields`, once for the route too
    /// (`Request.formFields`): Vapor's decoder builds the whole form as a tree first, a fortieth of
    /// a quiz submission of twenty answers.
    static func sentField(_ request: Request) -> String? {
        if let type = request.headers.first(name: .contentType), isPlainForm(type), request.body.data != nil {
            return request.formFields.first { $0.name == fieldName }?.value
        }
        return try? request.content.get(String.self, at: fieldName)
    }

    /// Whether a Content-Type is exactly a plain form's, parameters (and a list's others) aside,
    /// as Vapor's media type reads it; `*/*` is not. Read by hand: Vapor's header parser was a
    /// hundredth of a submission.
    static func isPlainForm(_ contentType: String) -> Bool {
        var essence = contentType.firstIndex { $0 == ";" || $0 == "," }.map { contentType[..<$0] } ?? contentType[...]
        while essence.first == " " || essence.first == "\t" { essence.removeFirst() }
        while essence.last == " " || essence.last == "\t" { essence.removeLast() }
        return essence.lowercased() == "application/x-www-form-urlencoded"
    }

    /// Whether `sent` is this browser's token; 403 otherwise.
    static func verify(_ request: Request, sent: String?) throws {
        let cookie = request.cookie(Self.cookieName)
        guard let cookie, cookie.count >= 32, let sent, constantTimeEquals(cookie, sent) else {
            throw AppError(status: .forbidden, code: "csrf",
                           message: "This form has expired. Go back, reload the page and try again.")
        }
    }

    /// The largest form body a page route accepts: 256 kB, or the larger limit of a route that
    /// takes a file in its form (`postForm(_:upTo:use:)`).
    static func bodyLimit(for request: Request) -> Int {
        request.route?.formBodyLimit ?? 262_144
    }
}

struct CSRFTokenKey: StorageKey { typealias Value = String }

extension Request {
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }
}

extension Route {
    private static let checksCSRFKey: AnySendableHashable = "atelier.checksCSRFInHandler"

    /// Marks a route whose handler reads its streamed form and checks the CSRF field itself
    /// (`CSRFMiddleware.verify`); scripts may still send the `X-CSRF-Token` header instead.
    @discardableResult
    func checkingCSRFInHandler() -> Route {
        userInfo[Self.checksCSRFKey] = true
        return self
    }

    var checksCSRFInHandler: Bool { userInfo[Self.checksCSRFKey] as? Bool ?? false }

    private static let exemptKey: AnySendableHashable = "atelier.csrfExempt"

    /// Marks a route that a signed secret in its own path authorizes, not the browser's cookies:
    /// a mail program's one-click unsubscribe (RFC 8058) posts it without any.
    @discardableResult
    func exemptFromCSRF() -> Route {
        userInfo[Self.exemptKey] = true
        return self
    }

    var isCSRFExempt: Bool { userInfo[Self.exemptKey] as? Bool ?? false }

    private static let formBodyLimitKey: AnySendableHashable = "atelier.formBodyLimit"

    fileprivate func collectingForms(upTo bytes: Int) -> Route {
        userInfo[Self.formBodyLimitKey] = bytes
        return self
    }

    var formBodyLimit: Int? { userInfo[Self.formBodyLimitKey] as? Int }
}

extension RoutesBuilder {
    /// A form that carries a file (a CSV, a GIFT bank): its body is collected up to `bytes`, by
    /// the CSRF check as by the route, instead of the 256 kB of other forms.
    @discardableResult
    func postForm(_ path: PathComponent..., upTo bytes: Int,
                  use closure: @escaping @Sendable (Request) async throws -> Response) -> Route {
        on(.POST, path, body: .collect(maxSize: ByteCount(value: bytes)), use: closure).collectingForms(upTo: bytes)
    }
}
