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

struct ParsedCookiesKey: StorageKey { typealias Value = [String: String] }
struct PathKey: StorageKey { typealias Value = String }

extension Request {
    /// A request cookie's value. The Cookie header is read once for the request, by hand: Vapor
    /// parses it anew on every `cookies` access, through its general header parser (a fiftieth of
    /// a result page), and several middlewares read cookies on every page.
    func cookie(_ name: String) -> String? {
        if let parsed = storage[ParsedCookiesKey.self] { return parsed[name] }
        let parsed = Self.cookies(headers[.cookie])
        storage[ParsedCookiesKey.self] = parsed
        return parsed[name]
    }

    /// The `name=value` pairs of Cookie headers (RFC 6265 §4.2.1), as Vapor reads them: split at
    /// `;`, spaces around trimmed, a value's surrounding double quotes removed, a pair without `=`
    /// ignored, the last of a name kept.
    static func cookies(_ headers: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headers {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingSpaces
                var value = pair[pair.index(after: equals)...].trimmingSpaces
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
                guard !name.isEmpty else { continue }
                cookies[String(name)] = String(value)
            }
        }
        return cookies
    }
}

extension Substring {
    /// Without the spaces and tabs around it (what HTTP calls optional whitespace).
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
