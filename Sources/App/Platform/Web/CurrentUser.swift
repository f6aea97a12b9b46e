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
        let parsed = Self.parseCookies(headers[.cookie])
        storage[ParsedCookiesKey.self] = parsed
        return parsed[name]
    }

    /// The `name=value` pairs of Cookie headers as RFC 6265 (§4.2.1, §5.4) sends them: split at
    /// `;` only (a cookie's value holds no `;`, `,` or space), spaces around trimmed, a value's
    /// surrounding double quotes removed, a pair without `=` or without a name ignored, the last of
    /// a name kept. Vapor's general header parser also splits at `,` and drops names with spaces;
    /// for the cookies browsers send (ours are base64url tokens) both read the same.
    static func parseCookies(_ headers: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        for var header in headers {
            // As bytes: the header's characters (split, trimmed) cost as much as Vapor's parse.
            header.withUTF8 { bytes in
                var start = 0
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
                    if let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                        let name = trimmed(bytes, start..<equals)
                        var value = trimmed(bytes, equals + 1..<end)
                        if value.count >= 2, bytes[value.lowerBound] == UInt8(ascii: "\""), bytes[value.upperBound - 1] == UInt8(ascii: "\"") {
                            value = value.lowerBound + 1..<value.upperBound - 1
                        }
                        if !name.isEmpty {
                            cookies[String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self)] =
                                String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
                        }
                    }
                    start = end + 1
                }
            }
        }
        return cookies
    }

    /// `range` of `bytes` without the spaces and tabs around it.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var range = range
        while let first = range.first, bytes[first] == 0x20 || bytes[first] == 0x09 { range = first + 1..<range.upperBound }
        while let last = range.last, bytes[last] == 0x20 || bytes[last] == 0x09 { range = range.lowerBound..<last }
        return range
    }
}
