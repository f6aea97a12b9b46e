import Domain
import Fluent
import Routes
import Vapor
import Views

/// The profile page: details, password, organizations, personal API tokens.
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("profile", use: page)
        routes.post("profile", use: saveProfile)
        routes.post("profile", "password", use: changePassword)
        routes.post("profile", "notifications", use: saveNotifications)
        routes.post("profile", "tokens", use: createToken)
        routes.post("profile", "tokens", ":tokenID", "delete", use: deleteToken)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, profileState: .empty, passwordState: .empty, status: .ok)
    }

    private func render(_ req: Request, profileState: Form.State, passwordState: Form.State, notificationsState: Form.State = .empty,
                        status: HTTPResponseStatus, flash: Flash? = nil) async throws -> Response {
        let user = try req.requireUser()
        let context = try await req.currentOrganizationContext()
        let tokens = try await APITokenRecord.query(on: req.db).filter(\.$person.$id == user.person.id.uuid)
            .sort(\.$createdAt, .descending).all()
        var model = ProfilePageModel(
            name: user.person.name, email: user.person.email.value,
            memberships: (context?.memberships ?? []).map { (.init(id: $0.organization.id, name: $0.organization.name), $0.roles.sorted()) },
            tokens: tokens.map { .init(id: $0.id!.lowercasedText, name: $0.name, created: DateText.day($0.createdAt),
                                       lastUsed: $0.lastUsedAt.map(DateText.day)) },
            profileState: profileState, passwordState: passwordState)
        model.notifications = try await NotificationStore.preferences(of: user.person.id.uuid, on: req.db)
        model.notificationsState = notificationsState
        var layout = req.layout(context, section: .profile)
        if let flash { layout.flash = flash }
        return .page(ProfilePage.render(model, layout), status: status, request: req)
    }

    func saveProfile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ProfileForm.self)
        let values = ["name": form.name ?? "", "email": form.email ?? ""]
        do {
            let input = try ProfileInput.check(name: form.name, email: form.email)
            if input.email != user.person.email {
                // Whoever controls the address controls the account (password resets go there):
                // changing it takes the password, so a borrowed session cannot take the account over.
                let person = try await PersonRecord.find(user.person.id.uuid, on: req.db)!
                let guard_ = SignInGuard(email: person.email, request: req)
                if try await !guard_.verify(form.current_password, hash: person.passwordHash, request: req) {
                    throw ValidationErrors([FieldError("current_password", .invalid)])
                }
                let taken = try await PersonRecord.query(on: req.db).filter(\.$email == input.email.value)
                    .filter(\.$id != user.person.id.uuid).count() > 0
                if taken { throw ValidationErrors([FieldError("email", .duplicate)]) }
            }
            try await PersonRecord.query(on: req.db).filter(\.$id == user.person.id.uuid)
                .set(\.$name, to: input.name).set(\.$email, to: input.email.value).update()
            return req.redirect(to: SiteRoute.profile.path, flash: .profileSaved)
        } catch let errors as ValidationErrors {
            return try await render(req, profileState: Form.State(values: values, errors: errors.errors),
                                    passwordState: .empty, status: .unprocessableEntity)
        }
    }

    func saveNotifications(req: Request) async throws -> Response {
        let user = try req.requireUser()
        // "delay", and "email_<kind>" = "on" for each kind kept.
        let delay = try? req.content.get(String.self, at: "delay")
        let kept = Dictionary(uniqueKeysWithValues: NotificationKind.allCases.map {
            ($0, (try? req.content.get(String.self, at: "email_\($0.rawValue)")) == "on")
        })
        do {
            let preferences = try NotificationPreferences.parse(delay: delay, kept: kept)
            try await NotificationStore.save(preferences, for: user.person.id.uuid, on: req.db)
            return req.redirect(to: SiteRoute.profile.path + "#notifications", flash: .notificationSettingsSaved)
        } catch let errors as ValidationErrors {
            return try await render(req, profileState: .empty, passwordState: .empty,
                                    notificationsState: Form.State(values: ["delay": delay ?? ""], errors: errors.errors),
                                    status: .unprocessableEntity)
        }
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ChangePasswordForm.self)
        let person = try await PersonRecord.find(user.person.id.uuid, on: req.db)!
        var v = Validator()
        if try await !SignInGuard(email: person.email, request: req).verify(form.current_password, hash: person.passwordHash, request: req) {
            v.add("current_password", .mismatch)
        }
        PasswordPolicy.check(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &v)
        guard v.errors.isEmpty else {
            let errors = v.errors.map { $0.field == "current_password" ? FieldError("current_password", .invalid) : $0 }
            return try await render(req, profileState: .empty, passwordState: Form.State(errors: errors), status: .unprocessableEntity)
        }
        person.passwordHash = try await req.password.async.hash(form.password!)
        try await req.db.writeTransaction { db in
            try await person.save(on: db)
            // Other devices may be signed in by someone who knew the old password.
            try await SessionRecord.query(on: db).filter(\.$person.$id == person.id!)
                .filter(\.$id != (user.sessionID ?? UUID())).delete()
        }
        await req.application.realtime.hub.closePerson(person.id!, keeping: user.sessionID, reason: "Your password was changed: sign in again.")
        return req.redirect(to: SiteRoute.profile.path, flash: .passwordChanged)
    }

    func createToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TokenForm.self)
        var v = Validator()
        let name = v.text(form.name, field: "name", max: 80)
        guard v.errors.isEmpty else {
            return try await render(req, profileState: .empty, passwordState: .empty, status: .unprocessableEntity,
                                    flash: .failure(.tokenNameRequired))
        }
        // A recognisable prefix lets secret scanners spot a leaked token.
        let token = "atl_" + SecretToken.generate().value
        try await APITokenRecord(personID: user.person.id.uuid, name: name, tokenHash: SecretToken.hash(token)).save(on: req.db)
        return try await render(req, profileState: .empty, passwordState: .empty, status: .created,
                                flash: .tokenCreated(token: token))
    }

    func deleteToken(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound() }
        let deleted = try await APITokenRecord.query(on: req.db).filter(\.$id == id)
            .filter(\.$person.$id == user.person.id.uuid).count()
        guard deleted == 1 else { throw AppError.notFound() }
        try await APITokenRecord.query(on: req.db).filter(\.$id == id).delete()
        return req.redirect(to: SiteRoute.profile.path, flash: .tokenDeleted)
    }
}
