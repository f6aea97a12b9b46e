import Domain
import Fluent
import Routes
import Vapor
import Views

/// "Forgot password": an e-mailed, single-use, one-hour link. The answer is the same whether or not
/// the address has an account, so nobody can learn who does.
struct PasswordResetController: RouteCollection {
    /// Reset mails per account and hour: enough for a lost mail, too few to flood an inbox. The
    /// answer stays the same past the limit, so it tells nothing either.
    static let mailsPerHour = 3

    func boot(routes: any RoutesBuilder) throws {
        routes.get("forgot-password", use: forgotPage)
        routes.post("forgot-password", use: requestReset)
        routes.get("reset-password", ":token", use: resetPage)
        routes.post("reset-password", ":token", use: reset)
    }

    func forgotPage(req: Request) async throws -> Response {
        .page(AuthPages.forgotPassword(req.anonymousLayout(), state: .empty), request: req)
    }

    func requestReset(req: Request) async throws -> Response {
        let form = try req.content.decode(EmailForm.self)
        guard let email = EmailAddress(form.email ?? "") else {
            let state = Form.State(values: ["email": form.email ?? ""],
                                   errors: [FieldError("email", (form.email ?? "").isEmpty ? .required : .invalidEmail)])
            return .page(AuthPages.forgotPassword(req.anonymousLayout(), state: state), status: .unprocessableEntity, request: req)
        }
        if let person = try await PersonRecord.query(on: req.db).filter(\.$email == email.value).first(),
           try await PasswordResetRecord.query(on: req.db).filter(\.$person.$id == person.id!)
            .filter(\.$createdAt > Date().addingTimeInterval(-3600)).count() < Self.mailsPerHour {
            let token = SecretToken.generate()
            let link = req.atelierConfig.publicURL + SiteRoute.resetPassword(token: token.value).path
            let content = MailTemplates.passwordReset(name: person.name, link: link)
            try await req.db.writeTransaction { db in
                try await PasswordResetRecord(personID: person.id!, tokenHash: token.hash,
                                              expiresAt: Date().addingTimeInterval(PasswordResetRecord.lifetime)).save(on: db)
                try await Outbox.enqueue(MailMessage(from: req.atelierConfig.mailFrom, to: [MailAddress(person.email, name: person.name)],
                                                     subject: content.subject, text: content.text, html: content.html), on: db)
            }
        }
        return req.redirect(to: "/sign-in", flash: .resetMailSent)
    }

    private func usableReset(_ req: Request) async throws -> PasswordResetRecord? {
        guard let token = req.parameters.get("token") else { return nil }
        return try await PasswordResetRecord.query(on: req.db)
            .filter(\.$tokenHash == SecretToken.hash(token))
            .filter(\.$usedAt == nil)
            .filter(\.$expiresAt > Date())
            .first()
    }

    func resetPage(req: Request) async throws -> Response {
        guard try await usableReset(req) != nil else {
            return .page(AuthPages.linkUnusable(req.anonymousLayout(), what: "password reset"), status: .notFound, request: req)
        }
        return .page(AuthPages.resetPassword(req.anonymousLayout(), token: req.parameters.get("token")!, state: .empty), request: req)
    }

    func reset(req: Request) async throws -> Response {
        guard let reset = try await usableReset(req) else {
            return .page(AuthPages.linkUnusable(req.anonymousLayout(), what: "password reset"), status: .notFound, request: req)
        }
        let form = try req.content.decode(NewPasswordForm.self)
        var v = Validator()
        PasswordPolicy.check(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &v)
        guard v.errors.isEmpty else {
            return .page(AuthPages.resetPassword(req.anonymousLayout(), token: req.parameters.get("token")!,
                                                 state: Form.State(errors: v.errors)),
                         status: .unprocessableEntity, request: req)
        }
        let hash = try await req.password.async.hash(form.password!)
        let personID = reset.$person.id
        try await req.db.writeTransaction { db in
            reset.usedAt = Date()
            try await reset.save(on: db)
            try await PersonRecord.query(on: db).filter(\.$id == personID).set(\.$passwordHash, to: hash).update()
            // A reset means the old password may be known to someone else: end every session.
            try await SessionRecord.query(on: db).filter(\.$person.$id == personID).delete()
            try await APITokenRecord.query(on: db).filter(\.$person.$id == personID).delete()
            try await PasswordResetRecord.query(on: db).filter(\.$person.$id == personID).filter(\.$usedAt == nil)
                .set(\.$usedAt, to: Date()).update()
        }
        await req.application.realtime.hub.closePerson(personID, reason: "Your password was reset: sign in again.")
        let response = req.redirect(to: "/", flash: .passwordReset)
        try await req.startSession(personID: personID, organizationID: nil, on: response, secure: req.atelierConfig.secureCookies)
        return response
    }
}
