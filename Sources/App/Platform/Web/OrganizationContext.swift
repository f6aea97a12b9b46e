import Domain
import Fluent
import Vapor
import Views

/// The organizations a signed-in person belongs to, loaded once per request with one query.
struct MembershipSummary: Sendable {
    let organization: Organization
    let roles: Set<Role>
}

/// The organization a request is about, and the roles the person holds there. Anyone who is not a
/// member gets 404, never 403, so the existence of other organizations' things never leaks.
struct OrganizationContext: Sendable {
    let user: CurrentUser
    let organization: Organization
    let roles: Set<Role>
    let memberships: [MembershipSummary]

    var organizationID: UUID { organization.id.uuid }

    func require(_ permission: Permission) throws {
        guard Permission.can(permission, roles) else { throw AppError.notFound() }
    }
}

struct MembershipsKey: StorageKey { typealias Value = [MembershipSummary] }

extension Request {
    func memberships(of user: CurrentUser) async throws -> [MembershipSummary] {
        if let cached = storage[MembershipsKey.self] { return cached }
        let rows = try await MembershipRecord.query(on: db)
            .join(OrganizationRecord.self, on: \MembershipRecord.$organization.$id == \OrganizationRecord.$id)
            .filter(\.$person.$id == user.person.id.uuid)
            .sort(OrganizationRecord.self, \.$name)
            .all()
        let result = try rows.map { row in
            MembershipSummary(organization: try row.joined(OrganizationRecord.self).domain(), roles: row.roles)
        }
        storage[MembershipsKey.self] = result
        return result
    }

    /// The organization named by the `orgID` path parameter, or 404.
    func organizationContext() async throws -> OrganizationContext {
        let user = try requireUser()
        guard let text = parameters.get("orgID"), let id = Organization.ID(text) else { throw AppError.notFound() }
        let memberships = try await memberships(of: user)
        guard let membership = memberships.first(where: { $0.organization.id == id }) else { throw AppError.notFound() }
        return OrganizationContext(user: user, organization: membership.organization, roles: membership.roles,
                                   memberships: memberships)
    }

    /// The organization a page without one in its path is about: the last one switched to, else the first.
    func currentOrganizationContext() async throws -> OrganizationContext? {
        let user = try requireUser()
        let memberships = try await memberships(of: user)
        let chosen = memberships.first { $0.organization.id.uuid == user.currentOrganizationID } ?? memberships.first
        guard let chosen else { return nil }
        return OrganizationContext(user: user, organization: chosen.organization, roles: chosen.roles, memberships: memberships)
    }

    /// The page shell's context for a signed-in person in `context`'s organization.
    func layout(_ context: OrganizationContext?, section: LayoutContext.Section) -> LayoutContext {
        let user = auth.get(CurrentUser.self)
        return LayoutContext(
            csrfToken: csrfToken, flash: flash, personName: user?.person.name,
            organizations: (context?.memberships ?? []).map { .init(id: $0.organization.id, name: $0.organization.name) },
            current: context.map { .init(id: $0.organization.id, name: $0.organization.name) },
            roles: context?.roles ?? [], section: section)
    }

    /// The shell for pages seen signed out (sign-in, setup, invitation).
    func anonymousLayout() -> LayoutContext {
        LayoutContext(csrfToken: csrfToken, flash: flash)
    }
}

extension Response {
    /// An HTML page; also clears a flash message that the page has just shown.
    static func page(_ bytes: [UInt8], status: HTTPResponseStatus = .ok, request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let response = Response(status: status, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
        if request.cookie(Request.flashCookie) != nil {
            response.cookies[Request.flashCookie] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/")
        }
        return response
    }
}
