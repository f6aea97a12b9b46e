import Domain
import Fluent
import Vapor

/// Invitations of one organization, as JSON.
struct APIInvitationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("invitations", use: list)
        routes.post("invitations", use: create)
        routes.delete("invitations", ":invitationID", use: revoke)
    }

    /// Pending invitations, newest first.
    func list(req: Request) async throws -> PageDTO<InvitationDTO> {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        let (page, per) = req.paging()
        let query = InvitationRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID)
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
        let total = try await query.count()
        let rows = try await query.sort(\.$createdAt, .descending).range((page - 1) * per ..< page * per).all()
        return PageDTO(items: rows.map { $0.dto(link: nil) }, page: page, per: per, total: total)
    }

    func create(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        let body = try req.decodeJSON(CreateInvitationRequest.self)
        let cohortIDs = try await CohortRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID).all(\.$id)
        let input = try InvitationInput.check(name: body.name, email: body.email, role: body.role, cohortID: body.cohort_id,
                                              cohorts: Set(cohortIDs.map { Cohort.ID($0) }))
        let created = try await InvitationService.create([input], organization: context.organization,
                                                         inviter: context.user.person, req: req)
        let link = req.mailConfigured ? nil : created[0].link
        return try await created[0].record.dto(link: link).encodeResponse(status: .created, for: req)
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        try await InvitationService.revoke(req.parameters.get("invitationID"), organizationID: context.organizationID, on: req.db)
        return .noContent
    }
}
