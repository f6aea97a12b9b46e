import Domain
import Fluent
import Routes
import Vapor
import Views

/// The notification centre, and the unsubscribe links of notification e-mails.
struct NotificationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", "read-all", use: readAll)
        routes.post("notifications", ":notificationID", "read", use: read)
        routes.get("unsubscribe", ":token", use: unsubscribePage)
        routes.post("unsubscribe", ":token", use: unsubscribe).exemptFromCSRF()
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let context = try await req.currentOrganizationContext()
        let me = user.person.id.uuid
        let records = try await NotificationStore.recent(personID: me, on: req.db)
        // Only organizations the person still belongs to; named when there are several.
        let organizations = Dictionary((context?.memberships ?? []).map { ($0.organization.id.uuid, $0.organization.name) },
                                       uniquingKeysWith: { first, _ in first })
        let items = records.filter { organizations[$0.organizationID] != nil }.map { record in
            NotificationsPageModel.Item(id: record.id!.lowercasedText, headline: record.headline, excerpt: record.excerpt, url: record.url,
                                        at: record.updatedAt, isRead: record.readAt != nil,
                                        organization: organizations.count > 1 ? organizations[record.organizationID] : nil)
        }
        let preferences = try await NotificationStore.preferences(of: me, on: req.db)
        let summary = preferences.emailDelayMinutes == nil || preferences.mutedKinds.count == NotificationKind.allCases.count
            ? "E-mail: off."
            : "E-mail: \(NotificationPreferences.describe(delay: preferences.emailDelayMinutes).lowercased()) if still unread."
        return .page(NotificationsPage.render(.init(items: items, emailSummary: summary), req.layout(context, section: .notifications)),
                     request: req)
    }

    func read(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard let id = req.parameters.get("notificationID").flatMap(UUID.init(uuidString:)),
              try await NotificationStore.markRead(id, personID: user.person.id.uuid, on: req.db,
                                                   broadcaster: req.application.realtime.broadcaster) else { throw AppError.notFound() }
        return req.redirect(to: SiteRoute.notifications.path)
    }

    func readAll(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await NotificationStore.markAllRead(personID: user.person.id.uuid, on: req.db, broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: SiteRoute.notifications.path, flash: .notificationsRead)
    }

    /// The token in the path, checked, with its person; 404 for anything else.
    private func token(_ req: Request) async throws -> (UnsubscribeToken, PersonRecord, String) {
        let text = req.parameters.get("token") ?? ""
        let key = try await req.application.installationKeys.key(.unsubscribe, on: req.db)
        guard let token = UnsubscribeToken.verify(text, key: key), let person = try await PersonRecord.find(token.personID, on: req.db) else {
            throw AppError(status: .notFound, code: "not_found",
                           message: "This unsubscribe link is not valid. Sign in and open your profile to change your e-mail settings.")
        }
        return (token, person, text)
    }

    private func page(_ req: Request, done: Bool) async throws -> Response {
        let (token, person, text) = try await token(req)
        if done {
            var preferences = try await NotificationStore.preferences(of: person.id!, on: req.db)
            preferences.mutedKinds.formUnion(token.kinds)
            try await NotificationStore.save(preferences, for: person.id!, on: req.db)
        }
        let layout = req.auth.get(CurrentUser.self) == nil ? req.anonymousLayout()
            : req.layout(try await req.currentOrganizationContext(), section: .profile)
        return .page(UnsubscribePage.render(email: person.email, kinds: NotificationKind.allCases.filter(token.kinds.contains).map(\.label),
                                            token: text, done: done, layout), request: req)
    }

    /// Asks first: mail scanners open links, and opening one must not change anything.
    func unsubscribePage(req: Request) async throws -> Response {
        try await page(req, done: false)
    }

    /// The button on that page, or a mail program's one-click unsubscribe (RFC 8058).
    func unsubscribe(req: Request) async throws -> Response {
        try await page(req, done: true)
    }
}
