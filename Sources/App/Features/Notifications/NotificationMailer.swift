import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Vapor
import Views

/// E-mails what people have not read in time: one mail per person with every unread
/// notification not e-mailed yet, as soon as one of them is due. Runs on every node; a
/// notification is claimed by one statement (`UPDATE … RETURNING`), so it is mailed once.
enum NotificationMailer {
    /// Queues the mails due at `now` in the outbox; returns how many.
    @discardableResult
    static func run(app: Application, now: Date = Date()) async throws -> Int {
        guard app.mailer != nil, let sql = app.db as? any SQLDatabase else { return 0 }
        let db = app.db
        var due = try await NotificationRecord.query(on: db).filter(\.$emailedAt == nil).filter(\.$readAt == nil)
            .filter(\.$emailDueAt <= now).limit(500).all()
        var queued = 0
        // Forum posts are for people who are not online: someone with a tab open sees them in
        // the bell, so their digest waits (another hour) instead.
        let online = try await app.realtime.presence.online(among: Set(due.filter { $0.kind == .forumPost }.map(\.personID)), on: db)
        if !online.isEmpty {
            try await NotificationRecord.query(on: db).filter(\.$personID ~~ online).filter(\.$kind == .forumPost).filter(\.$emailedAt == nil)
                .filter(\.$readAt == nil).filter(\.$emailDueAt <= now)
                .set(\.$emailDueAt, to: now.addingTimeInterval(TimeInterval(NotificationPreferences.forumDigestMinutes * 60))).update()
            due.removeAll { $0.kind == .forumPost && online.contains($0.personID) }
        }
        for personID in Set(due.map(\.personID)) {
            let claimed = try await sql.raw("""
                UPDATE notifications SET emailed_at = \(bind: now), email_count = email_count + 1 WHERE person_id = \(bind: personID) \
                AND emailed_at IS NULL AND read_at IS NULL AND email_due_at IS NOT NULL \
                AND (kind <> 'forumPost' OR email_due_at <= \(bind: now)) RETURNING id
                """).all().compactMap { try? $0.decode(column: "id", as: UUID.self) }
            guard !claimed.isEmpty, let person = try await PersonRecord.find(personID, on: db) else { continue }
            // Only about organizations the person still belongs to.
            let memberships = try await MembershipRecord.query(on: db).filter(\.$person.$id == personID).with(\.$organization).all()
            let organizations = Dictionary(memberships.map { ($0.$organization.id, $0.organization.name) }, uniquingKeysWith: { first, _ in first })
            // Read meanwhile: not in the mail.
            let records = try await NotificationRecord.query(on: db).filter(\.$id ~~ claimed).filter(\.$readAt == nil)
                .sort(\.$updatedAt, .ascending).all().filter { organizations[$0.organizationID] != nil }
            guard !records.isEmpty else { continue }
            let base = app.atelierConfig.publicURL
            let key = try await app.installationKeys.key(.unsubscribe, on: db)
            let kinds = Set(records.map(\.kind))
            let unsubscribe = base + SiteRoute.unsubscribe(token: UnsubscribeToken(personID: personID, kinds: kinds).signed(with: key)).path
            let content = MailTemplates.notifications(
                name: person.name,
                items: records.map {
                    .init(headline: $0.headline, excerpt: $0.excerpt, link: base + $0.url,
                          organization: organizations.count > 1 ? organizations[$0.organizationID] : nil)
                },
                kinds: NotificationKind.allCases.filter(kinds.contains).map(\.label),
                settingsLink: base + SiteRoute.profile.path + "#notifications", unsubscribeLink: unsubscribe)
            var message = MailMessage(from: app.atelierConfig.mailFrom, to: [MailAddress(person.email, name: person.name)],
                                      subject: content.subject, text: content.text, html: content.html)
            // RFC 8058: mail programs offer their own "Unsubscribe" button, which POSTs to the link.
            message.headers = ["List-Unsubscribe": "<\(unsubscribe)>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"]
            do {
                try await Outbox.enqueue(message, on: db)
            } catch {
                // Not queued: give them back to the next pass rather than lose the mail.
                try? await NotificationRecord.query(on: db).filter(\.$id ~~ claimed).set(\.$emailedAt, to: nil).update()
                throw error
            }
            queued += 1
        }
        return queued
    }
}

extension NotificationMailer {
    /// The digest, as a periodic job of the job runner: every 10 seconds, whichever node runs it.
    static let job = JobRunner.Periodic(kind: "notification-digest", interval: 10)
}
