import Domain
import Fluent
import Vapor
import Views

/// First-run setup, sign-in and sign-out.
struct SignInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("setup", use: setupPage)
        routes.post("setup", use: setup)
        routes.get("sign-in", use: signInPage)
        routes.post("sign-in", use: signIn)
        routes.post("sign-out", use: signOut)
    }

    func setupPage(req: Request) async throws -> Response {
        guard try await OrganizationRecord.query(on: req.db).count() == 0 else { return req.redirect(to: "/sign-in") }
        return .page(AuthPages.setup(req.anonymousLayout(), state: .empty), request: req)
    }

    func setup(req: Request) async throws -> Response {
        guard try await OrganizationRecord.query(on: req.db).count() == 0 else { throw AppError.notFound() }
        let form = try req.content.decode(SetupForm.self)
        let input: SetupInput
        do {
            input = try SetupInput.check(organizationName: form.organization_name, name: form.name,
                                         email: form.email, password: form.password)
        } catch let errors as ValidationErrors {
            let state = Form.State(values: ["organization_name": form.organization_name ?? "", "name": form.name ?? "",
                                            "email": form.email ?? ""], errors: errors.errors)
            return .page(AuthPages.setup(req.anonymousLayout(), state: state), status: .unprocessableEntity, request: req)
        }
        let hash = try await req.password.async.hash(input.password)
        let org = OrganizationRecord(name: input.organizationName)
        let person = PersonRecord(name: input.admin.name, email: input.admin.email, passwordHash: hash)
        try await req.db.writeTransaction { db in
            try await org.save(on: db)
            try await person.save(on: db)
            try await MembershipRecord(organizationID: org.id!, personID: person.id!, roles: [.admin]).save(on: db)
        }
        let response = req.redirect(to: "/", flash: .setupDone(organization: org.name))
        try await req.startSession(personID: person.id!, organizationID: org.id, on: response,
                                   secure: req.atelierConfig.secureCookies)
        return response
    }

    func signInPage(req: Request) async throws -> Response {
        if try await OrganizationRecord.query(on: req.db).count() == 0 { return req.redirect(to: "/setup") }
        if req.auth.has(CurrentUser.self) { return req.redirect(to: "/") }
        return .page(AuthPages.signIn(req.anonymousLayout(), email: "", failure: nil), request: req)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let guard_ = SignInGuard(email: form.email ?? "", request: req)
        let person = try await PersonRecord.query(on: req.db).filter(\.$email == guard_.email).first()
        // Verify against a fixed hash when nobody has that address, so timing does not tell who has an account.
        let hash = person?.passwordHash ?? req.application.dummyPasswordHash
        let valid = try await guard_.verify(form.password, hash: hash, request: req)
        guard let person, valid else {
            return .page(AuthPages.signIn(req.anonymousLayout(), email: form.email ?? "",
                                          failure: "Email or password is incorrect."),
                         status: .unauthorized, request: req)
        }
        let response = req.redirect(to: "/")
        try await req.startSession(personID: person.id!, organizationID: nil, on: response,
                                   secure: req.atelierConfig.secureCookies)
        return response
    }

    func signOut(req: Request) async throws -> Response {
        if let sessionID = req.auth.get(CurrentUser.self)?.sessionID {
            try await SessionRecord.query(on: req.db).filter(\.$id == sessionID).delete()
            // This browser's open tabs stop receiving messages at once.
            await req.application.realtime.hub.closeSessions([sessionID], reason: "You signed out.")
        }
        let response = req.redirect(to: "/sign-in", flash: .signedOut)
        response.cookies[SessionAuthenticator.cookieName] = HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
