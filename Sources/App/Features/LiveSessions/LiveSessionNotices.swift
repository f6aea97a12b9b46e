import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Vapor
import Views

/// The cohort hears of its live classes: when one is scheduled, changed in a way its calendar
/// shows, or cancelled, and an hour before it starts. In the bell and by e-mail at once (a
/// reminder an hour late is no use), unless the person turned live classes off. Unread notices
/// of one session become one, showing the latest news.
enum LiveSessionNotice {
    enum News { case scheduled, changed, cancelled, reminder }

    /// How long before the start the reminder goes out.
    static let reminderLead: TimeInterval = 60 * 60

    static func tell(_ news: News, about session: LiveSession, organizationID: UUID, cohortName: String,
                     except actor: UUID?, on db: any Database, broadcaster: any Broadcaster) async throws {
        let people = Set(try await CohortQueries.memberIDs(of: session.cohortID.uuid, on: db)).subtracting(actor.map { [$0] } ?? [])
        let when = LiveText.when(session)
        let title: String = switch news {
        case .scheduled: "Live class “\(session.title)”: \(when)"
        case .changed: "Live class “\(session.title)” changed: now \(when)"
        case .cancelled: "Live class “\(session.title)” on \(LiveText.start(session)) is cancelled"
        case .reminder: "Live class “\(session.title)” starts in an hour: \(when)"
        }
        let excerpt = news == .cancelled ? cohortName : [cohortName, plainExcerpt(session.agenda)].filter { !$0.isEmpty }.joined(separator: " — ")
        let url = SiteRoute.live(.init(organizationID), session.cohortID, .session(session.id.description)).path
        try await NotificationStore.notify(people.map {
            .init(organizationID: organizationID, personID: $0, kind: .liveSession, subjectKey: "live:\(session.id)",
                  sourceID: session.id.uuid, sourcePosition: session.sequence + 1, title: title, excerpt: excerpt, url: url)
        }, on: db, broadcaster: broadcaster)
    }

    /// Sends the reminders due: sessions starting within the hour, not cancelled, not reminded.
    /// Each is claimed by one statement first, so two servers never remind twice.
    static func remind(app: Application, now: Date = Date()) async throws -> Int {
        guard let sql = app.db as? any SQLDatabase else { return 0 }
        let rows = try await sql.raw("""
            UPDATE live_sessions SET reminded_at = \(bind: now) WHERE reminded_at IS NULL AND cancelled = \(bind: false) \
            AND starts_at > \(bind: now) AND starts_at <= \(bind: now.addingTimeInterval(reminderLead)) RETURNING id
            """).all()
        let ids = rows.compactMap { try? $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return 0 }
        let sessions = try await LiveSessionRecord.query(on: app.db).filter(\.$id ~~ ids).all()
        let cohorts = try await CohortRecord.query(on: app.db).filter(\.$id ~~ Set(sessions.map(\.cohortID))).all()
        let names = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id!, $0.name) })
        var sent = 0
        for record in sessions {
            do {
                try await tell(.reminder, about: record.domain(), organizationID: record.organizationID,
                               cohortName: names[record.cohortID] ?? "", except: nil, on: app.db,
                               broadcaster: app.realtime.broadcaster)
                sent += 1
            } catch {
                // Claimed but not sent: released, so the next run tries again.
                app.logger.error("live class reminder not sent: \(error)")
                try? await LiveSessionRecord.query(on: app.db).filter(\.$id == record.id!).set(\.$remindedAt, to: nil).update()
            }
        }
        return sent
    }

    /// A session starting within the reminder's lead has no reminder of its own: the invitation
    /// or the change notice was it. Moved later, it gets one again.
    static func reminderState(for session: LiveSession, now: Date) -> Date? {
        session.start.timeIntervalSince(now) <= reminderLead ? now : nil
    }
}

extension RepeatingJob {
    /// Looks for live classes to remind people of every minute.
    static var liveReminders: RepeatingJob {
        RepeatingJob(name: "Live class reminders", interval: .seconds(60)) { _ = try await LiveSessionNotice.remind(app: $0) }
    }
}
