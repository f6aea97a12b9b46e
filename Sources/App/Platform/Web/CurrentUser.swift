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

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
