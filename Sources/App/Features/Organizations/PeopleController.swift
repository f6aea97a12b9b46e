import Domain
import Fluent
import Routes
import Vapor
import Views

/// The admin's People page: members and their roles, invitations one by one or by CSV.
struct PeopleController: RouteCollection {
    /// A CSV of employees is small; a megabyte is thousands of rows.
    static let maximumCSVBytes = 1_048_576
    /// The whole multipart request: the file plus the form's other fields and boundaries.
    static let maximumUploadBytes = 2_097_152

    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":orgID")
        org.get("people", use: page)
        org.post("people", ":personID", "roles", use: saveRoles)
        org.post("invitations", use: invite)
        org.postForm("invitations", "import", upTo: Self.maximumUploadBytes, use: importCSV)
        org.post("invitations", ":invitationID", "revoke", use: revoke)
    }

    func page(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        return try await render(req, context, model: { _ in })
    }

    /// Renders the page after letting `adjust` put form state, errors or fresh links into the model.
    private func render(_ req: Request, _ context: OrganizationContext, status: HTTPResponseStatus = .ok,
                        flash: Flash? = nil, model adjust: (inout PeoplePageModel) -> Void) async throws -> Response {
        let org = context.organizationID
        let members = try await MembershipRecord.query(on: req.db)
            .join(PersonRecord.self, on: \MembershipRecord.$person.$id == \PersonRecord.$id)
            .filter(\.$organization.$id == org)
            .sort(PersonRecord.self, \.$name)
            .all()
        let invitations = try await InvitationRecord.query(on: req.db).filter(\.$organization.$id == org)
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date())
            .sort(\.$createdAt, .descending).limit(500).all()
        let cohorts = try await CohortRecord.query(on: req.db).filter(\.$organization.$id == org).sort(\.$name).all()
        let cohortNames = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id!, $0.name) })
        var model = PeoplePageModel(
            organizationID: context.organization.id,
            members: try members.map { row in
                let person = try row.joined(PersonRecord.self)
                return .init(id: .init(person.id!), name: person.name, email: person.email, roles: row.roles)
            },
            invitations: invitations.map { .init(id: .init($0.id!), name: $0.name, email: $0.email,
                                                 role: Role(rawValue: $0.role) ?? .learner,
                                                 cohortName: $0.cohortID.flatMap { cohortNames[$0] },
                                                 expires: DateText.day($0.expiresAt)) },
            cohorts: cohorts.map { (.init($0.id!), $0.name) },
            mailConfigured: req.mailConfigured)
        adjust(&model)
        var layout = req.layout(context, section: .people)
        if let flash { layout.flash = flash }
        return .page(PeoplePage.render(model, layout), status: status, request: req)
    }

    func invite(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        let form = try req.content.decode(InviteForm.self)
        let values = ["name": form.name ?? "", "email": form.email ?? "", "role": form.role ?? "", "cohort_id": form.cohort_id ?? ""]
        let cohortIDs = try await CohortRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID).all(\.$id)
        do {
            let input = try InvitationInput.check(name: form.name, email: form.email, role: form.role, cohortID: form.cohort_id,
                                                  cohorts: Set(cohortIDs.map { Cohort.ID($0) }))
            let created = try await InvitationService.create([input], organization: context.organization,
                                                             inviter: context.user.person, req: req)
            return try await afterInvite(req, context, created)
        } catch let errors as ValidationErrors {
            return try await render(req, context, status: .unprocessableEntity) { $0.inviteState = Form.State(values: values, errors: errors.errors) }
        } catch is EnrollmentError {
            return try await render(req, context, status: .conflict, flash: .failure(.cohortFull)) { $0.inviteState = Form.State(values: values) }
        }
    }

    private func afterInvite(_ req: Request, _ context: OrganizationContext,
                             _ created: [InvitationService.Created]) async throws -> Response {
        let flash = Flash.invitationsQueued(count: created.count, mailed: req.mailConfigured)
        if req.mailConfigured {
            return req.redirect(to: SiteRoute.people(context.organization.id).path, flash: flash)
        }
        // Without a mail server the tokens exist only now, so the links are shown on this response.
        return try await render(req, context, status: .created, flash: flash) {
            $0.freshLinks = created.map { ($0.record.email, $0.link) }
        }
    }

    func importCSV(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        let form = try req.content.decode(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await render(req, context, status: .unprocessableEntity) { $0.importErrors = ["Choose a CSV file to upload."] }
        }
        guard file.data.readableBytes <= Self.maximumCSVBytes,
              let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) else {
            return try await render(req, context, status: .unprocessableEntity) {
                $0.importErrors = ["The file must be a UTF-8 CSV of at most 1 MB (in a spreadsheet: Save as → CSV UTF-8)."]
            }
        }
        let cohorts = try await CohortRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID).all()
        do {
            let inputs = try InvitationImport.parse(text, cohorts: Dictionary(cohorts.map { ($0.name, Cohort.ID($0.id!)) },
                                                                              uniquingKeysWith: { a, _ in a }))
            let created = try await InvitationService.create(inputs, organization: context.organization,
                                                             inviter: context.user.person, req: req)
            return try await afterInvite(req, context, created)
        } catch let failure as InvitationImport.Failure {
            return try await render(req, context, status: .unprocessableEntity) { $0.importErrors = Messages.importFailure(failure) }
        } catch let error as EnrollmentError {
            guard case .cohortFull(let capacity) = error else { throw error }
            return try await render(req, context, status: .conflict) {
                $0.importErrors = ["A cohort in this file would have more learners than its \(capacity) seats. Raise its capacity or split the file."]
            }
        }
    }

    func revoke(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        try await InvitationService.revoke(req.parameters.get("invitationID"), organizationID: context.organizationID, on: req.db)
        return req.redirect(to: SiteRoute.people(context.organization.id).path, flash: .invitationRevoked)
    }

    struct RolesForm: Content { var roles: [String]? }

    func saveRoles(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.managePeople)
        guard let personID = req.parameters.get("personID").flatMap(UUID.init(uuidString:)),
              let membership = try await MembershipRecord.query(on: req.db).filter(\.$person.$id == personID)
                .filter(\.$organization.$id == context.organizationID).with(\.$person).first() else { throw AppError.notFound() }
        let roles = Set(try req.content.decode(RolesForm.self).roles ?? []).compactMap(Role.init(text:))
        guard !roles.isEmpty else {
            return req.redirect(to: SiteRoute.people(context.organization.id).path, flash: .failure(.noRoles))
        }
        // An admin cannot lock the organization out by removing the last admin role (their own included).
        if !roles.contains(.admin), membership.roles.contains(.admin) {
            let admins = try await MembershipRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID).all()
                .filter { $0.roles.contains(.admin) }.count
            if admins <= 1 {
                return req.redirect(to: SiteRoute.people(context.organization.id).path, flash: .failure(.lastAdmin))
            }
        }
        membership.roles = Set(roles)
        try await membership.save(on: req.db)
        return req.redirect(to: SiteRoute.people(context.organization.id).path, flash: .rolesSaved(name: membership.person.name))
    }
}
