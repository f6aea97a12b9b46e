import Domain
import Fluent
import Vapor

/// The JSON API under `/api/v1`: everything the pages do, for programs holding a personal token.
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").grouped(BearerAuthenticator(), RequireAPIUser())
        api.get("me", use: me)
        api.get("organizations", use: organizations)
        try api.register(collection: APINotificationsController())
        let org = api.grouped("organizations", ":orgID")
        org.get(use: organization)
        org.get("members", use: members)
        try org.register(collection: APICohortsController())
        try org.register(collection: APIInvitationsController())
        try org.register(collection: APICoursesController())
        try org.register(collection: APIUploadsController())
        try org.register(collection: APIChatController())
        try org.register(collection: APIPeerReviewController())
    }

    func me(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let memberships = try await req.memberships(of: user)
        return MeDTO(id: user.person.id.uuid, name: user.person.name, email: user.person.email.value,
                     organizations: memberships.map(\.dto))
    }

    func organizations(req: Request) async throws -> [OrganizationDTO] {
        try await req.memberships(of: req.requireUser()).map(\.dto)
    }

    func organization(req: Request) async throws -> OrganizationDTO {
        let context = try await req.organizationContext()
        return OrganizationDTO(id: context.organizationID, name: context.organization.name, roles: context.roles.sorted().map(\.rawValue))
    }

    func members(req: Request) async throws -> PageDTO<MemberDTO> {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        let (page, per) = req.paging()
        let query = MembershipRecord.query(on: req.db)
            .join(PersonRecord.self, on: \MembershipRecord.$person.$id == \PersonRecord.$id)
            .filter(\.$organization.$id == context.organizationID)
        let total = try await query.count()
        let rows = try await query.sort(PersonRecord.self, \.$name).range((page - 1) * per ..< page * per).all()
        let items = try rows.map { row in
            let person = try row.joined(PersonRecord.self)
            return MemberDTO(id: person.id!, name: person.name, email: person.email, roles: row.roles.sorted().map(\.rawValue))
        }
        return PageDTO(items: items, page: page, per: per, total: total)
    }
}

extension MembershipSummary {
    var dto: OrganizationDTO {
        OrganizationDTO(id: organization.id.uuid, name: organization.name, roles: roles.sorted().map(\.rawValue))
    }
}

/// Anonymous API calls answer 401 with the JSON error body.
struct RequireAPIUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(CurrentUser.self) else { throw AppError.unauthorized() }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// `?page=` (1…100,000) and `?per=` (1…100, default 50).
    func paging() -> (page: Int, per: Int) {
        // Capped so `page * per` can never overflow, whatever a client sends.
        let page = min(100_000, max(1, (try? query.get(Int.self, at: "page")) ?? 1))
        let per = min(100, max(1, (try? query.get(Int.self, at: "per")) ?? 50))
        return (page, per)
    }

    /// Decodes a JSON body; a body that is not JSON is a 400 with the JSON error shape.
    func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json else {
            throw AppError(status: .unsupportedMediaType, code: "unsupported_media_type", message: "Send a JSON body with Content-Type: application/json.")
        }
        return try content.decode(T.self)
    }
}
