import Domain
import Vapor

/// The signed-in person of a request, from a session cookie (pages) or a bearer token (API).
struct CurrentUser: Authenticatable {
    let person: Person
    /// Nil for API requests.
    let sessionID: UUID?
    /// The organization the person last switched to, if any.
    let currentOrganizationID: UUID?
}

extension Request {
    /// The signed-in person, or 401 (API) / a redirect to sign-in (pages, via the error middleware).
    func requireUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw AppError.unauthorized() }
        return user
    }

    var isAPI: Bool { path.hasPrefix("/api/") }

    /// `url.path`, read once a request: Vapor builds it anew through URLComponents and NSString on
    /// every read, and three middlewares read it on every request (3 % of a result page).
    var path: String {
        if let path = storage[PathKey.self] { return path }
        let path = url.path
        storage[PathKey.self] = path
        return path
    }
    /// A page's script asking for JSON first (browsers' own requests ask for HTML first): its
    /// errors are answered in JSON too, so the script can say what went wrong.
    var prefersJSON: Bool { headers.accept.first.map { $0.mediaType.type == "application" && $0.mediaType.subType == "json" } ?? false }
}

struct ParsedCookiesKey: StorageKey { typealias Value = HTTPCookies }
struct PathKey: StorageKey { typealias Value = String }

extension Request {
    /// A request cookie's value. Vapor parses the Cookie header anew on every `cookies` access,
    /// and several middlewares read cookies on every page, so the parse is kept for the request.
    func cookie(_ name: String) -> String? {
        if let parsed = storage[ParsedCookiesKey.self] { return parsed[name]?.string }
        let parsed = cookies
        storage[ParsedCookiesKey.self] = parsed
        return parsed[name]?.string
    }
}
