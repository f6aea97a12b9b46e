import Domain
import Fluent
import Vapor
import Views

/// The invitee's side: open the link, choose a name and password (or give the password of an
/// existing account), land on the home page signed in.
struct AcceptInvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("invitations", ":token", use: page)
        routes.post("invitations", ":token", use: accept)
    }

    private func load(_ req: Request) async throws -> (InvitationRecord, OrganizationRecord, PersonRecord?)? {
        guard let token = req.parameters.get("token"),
              let invitation = try await InvitationService.pending(token: token, on: req.db),
              let org = try await OrganizationRecord.find(invitation.$organization.id, on: req.db) else { return nil }
        let person = try await PersonRecord.query(on: req.db).filter(\.$email == invitation.email).first()
        return (invitation, org, person)
    }

    private func unusable(_ req: Request) -> Response {
        .page(AuthPages.linkUnusable(req.anonymousLayout(), what: "invitation"), status: .notFound, request: req)
    }

    private func render(_ req: Request, _ found: (InvitationRecord, OrganizationRecord, PersonRecord?),
                        state: Form.State, status: HTTPResponseStatus) -> Response {
        let (invitation, org, person) = found
        return .page(AcceptInvitationPage.render(token: req.parameters.get("token")!, organizationName: org.name,
                                                 name: invitation.name, email: invitation.email,
                                                 existingAccount: person != nil, state: state, req.anonymousLayout()),
                     status: status, request: req)
    }

    func page(req: Request) async throws -> Response {
        guard let found = try await load(req) else { return unusable(req) }
        return render(req, found, state: .empty, status: .ok)
    }

    func accept(req: Request) async throws -> Response {
        guard let found = try await load(req) else { return unusable(req) }
        let (invitation, org, existing) = found
        let form = try req.content.decode(AcceptForm.self)
        var v = Validator()
        var person = existing
        if let existing {
            let guard_ = SignInGuard(email: existing.email, request: req)
            if try await !guard_.verify(form.password, hash: existing.passwordHash, request: req) {
                v.add("password", .invalid)
            }
        } else {
            let name = v.text(form.name, field: "name", max: Person.maximumNameLength)
            PasswordPolicy.check(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &v)
            if v.errors.isEmpty {
                let hash = try await req.password.async.hash(form.password!)
                person = PersonRecord(name: name, email: EmailAddress(invitation.email)!, passwordHash: hash)
            }
        }
        guard v.errors.isEmpty, let person else {
            return render(req, found, state: Form.State(values: ["name": form.name ?? ""], errors: v.errors),
                          status: .unprocessableEntity)
        }
        let failure = try await req.db.writeTransaction { db -> Flash.FailureText? in
            if existing == nil { try await person.save(on: db) }
            return try await InvitationService.grant(invitation, to: person.id!, on: db)
        }
        let response = req.redirect(to: "/", flash: failure.map { .failure($0) } ?? .joined(organization: org.name))
        try await req.startSession(personID: person.id!, organizationID: org.id, on: response, secure: req.atelierConfig.secureCookies)
        return response
    }
}
