import Domain
import Fluent
import Foundation
import SQLKit
import Vapor
import Views

/// Sending nudges: a personal message from a template, landing in the learner's private
/// conversation with the sender (so it is in the bell at once, and e-mailed if unread — the
/// learner's message settings decide when). Each is logged in `nudges`, which also makes an
/// automatic one happen once per learner and occasion.
enum Nudges {
    /// The template's values for one learner; for a due-date nudge, the work due is the activity.
    static func values(for row: CohortDashboard.Row, kind: NudgeEvent.Kind? = nil) -> [String: String] {
        var values = ["first name": String(row.name.split(separator: " ").first ?? "")]
        if kind == .dueSoon, let due = row.dueSoon {
            values["next activity"] = "“\(due.activity.title)”"
            values["due date"] = DateText.day(due.due)
        } else if let next = row.next {
            values["next activity"] = "“\(next.activity.title)”"
            if let due = next.due ?? row.dueSoon?.due { values["due date"] = DateText.day(due) }
        }
        if let session = row.missedLive { values["live class"] = "“\(session.title)”" }
        return values
    }

    /// Logs the nudge under its event key, then delivers it. False when that key was used already
    /// (a double click, a second node: nothing is sent twice). A nudge whose delivery fails stays
    /// logged without a conversation — pending — and `retryPending` delivers it later under the
    /// same message reference, so it is neither lost nor doubled.
    @discardableResult
    static func send(_ text: String, kind: String, eventKey: String, to learner: UUID, from sender: Person, cohort: CohortRecord,
                     now: Date = Date(), app: Application) async throws -> Bool {
        let record = NudgeRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, learnerID: learner,
                                 senderID: sender.id.uuid, kind: kind, eventKey: eventKey, body: text, at: now)
        do { try await record.create(on: app.db) } catch let error as any DatabaseError where error.isConstraintFailure { return false }
        try await deliver(record, from: sender, app: app)
        return true
    }

    /// Sends a logged nudge as a private message; the reference makes a second delivery of the
    /// same nudge return the first message instead of a new one.
    static func deliver(_ record: NudgeRecord, from sender: Person, app: Application) async throws {
        let conversation = try await ChatStore.direct(between: sender.id.uuid, and: record.learnerID, cohortID: record.cohortID,
                                                      organizationID: record.organizationID, on: app.db)
        _ = try await ChatStore.send(record.body, to: conversation, author: sender, ref: "nudge:\(record.id!.lowercasedText)",
                                     now: record.sentAt, on: app.db, broadcaster: app.realtime.broadcaster, caches: app.readCaches,
                                     writes: app.realtime.writes, afterwork: app.realtime.afterwork)
        record.conversationID = conversation.id
        try await record.save(on: app.db)
    }

    /// Delivers nudges logged more than a minute ago and still pending. How many went.
    static func retryPending(app: Application, now: Date = Date()) async throws -> Int {
        let pending = try await NudgeRecord.query(on: app.db).filter(\.$conversationID == nil)
            .filter(\.$sentAt < now.addingTimeInterval(-60)).limit(200).all()
        let senders = Dictionary(try await PersonRecord.query(on: app.db).filter(\.$id ~~ Set(pending.map(\.senderID))).all()
            .map { ($0.id!, $0.domain()) }, uniquingKeysWith: { a, _ in a })
        var delivered = 0
        for record in pending {
            guard let sender = senders[record.senderID] else { continue }
            do {
                try await deliver(record, from: sender, app: app)
                delivered += 1
            } catch {
                app.logger.warning("Nudge still pending", metadata: ["nudge": "\(record.id!)", "error": "\(error)"])
            }
        }
        return delivered
    }

    /// Who automatic nudges come from: the cohort's first trainer (by name), else its first facilitator.
    static func voice(of cohortID: UUID, on db: any Database) async throws -> Person? {
        let staff = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohortID)
            .filter(\.$role ~~ [CohortRole.trainer.rawValue, CohortRole.facilitator.rawValue]).all()
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ staff.map { $0.$person.id }).all()
        let trainers = Set(staff.filter { $0.cohortRole == .trainer }.map { $0.$person.id })
        return people.sorted { (trainers.contains($0.id!) ? 0 : 1, $0.name) < (trainers.contains($1.id!) ? 0 : 1, $1.name) }
            .first?.domain()
    }
}

/// The periodic job behind automatic nudges: for every running cohort whose trainers turned them
/// on, reads the dashboard's facts (the risk recomputation) and sends each learner the nudge
/// `NudgePlanner` says is due — once per occasion, never to a learner who muted them, never
/// during the cohort's quiet hours.
enum FollowUpScan {
    static let kind = "follow-up-scan"
    static let interval: TimeInterval = 300

    /// How many nudges were sent.
    static func run(app: Application, now: Date = Date()) async throws -> Int {
        let today = Day(utc: now)
        let cohorts = try await CohortRecord.query(on: app.db).filter(\.$nudgeSettingsJSON != nil)
            .filter(\.$startDate <= today.description).filter(\.$endDate >= today.description).all()
        var sent = try await Nudges.retryPending(app: app, now: now)
        // One cohort's trouble must not stop the others: logged, and its next round tries again.
        for cohort in cohorts where cohort.nudgeSettings.isOn {
            do { sent += try await scan(cohort, now: now, app: app) } catch {
                app.logger.error("Follow-up scan failed for a cohort", metadata: ["cohort": "\(cohort.id!)", "error": "\(error)"])
            }
        }
        return sent
    }

    /// A missed class is worth a word for two days after it, not weeks later.
    static let missedLiveWindow: TimeInterval = 2 * 86_400

    static func scan(_ cohort: CohortRecord, now: Date, app: Application) async throws -> Int {
        let settings = cohort.nudgeSettings
        let zone = TimeZone(identifier: cohort.timeZone) ?? .gmt
        let local = WallClockTime(now, in: zone)
        guard !settings.isQuiet(hour: local.time.hour), let voice = try await Nudges.voice(of: cohort.id!, on: app.db) else { return 0 }
        let board = try await CohortDashboard.load(CohortDashboard.Scope(cohort), viewer: voice.id.uuid, now: now, caches: app.readCaches,
                                                   on: app.db)
        let muted = Set(try await NudgeMuteRecord.query(on: app.db).filter(\.$cohortID == cohort.id!).all().map(\.personID))
        let automatic = Dictionary(grouping: try await NudgeRecord.query(on: app.db).filter(\.$cohortID == cohort.id!)
            .filter(\.$kind != "manual").all(), by: \.learnerID)
        var sent = 0
        for row in board.rows {
            let mine = automatic[row.personID] ?? []
            let recentMiss = row.missedLive.flatMap { now.timeIntervalSince($0.heldEnd) <= missedLiveWindow ? $0 : nil }
            // Days as the cohort lives them: "3 days without activity" counts its midnights.
            let facts = NudgeFacts(lastActiveDay: WallClockTime(row.lastActiveAt ?? row.facts.since, in: zone).day,
                                   nextDue: row.dueSoon.map { ($0.activity.id.description, $0.due) },
                                   missedLive: recentMiss?.id.description)
            guard let event = NudgePlanner.due(facts, settings: settings, sent: Set(mine.map(\.eventKey)), muted: muted.contains(row.personID),
                                               today: local.day, localHour: local.time.hour, lastNudgedAt: mine.map(\.sentAt).max(), now: now),
                  let template = NudgeTemplate.automatic[event.kind] else { continue }
            let text = (try? NudgeTemplate.check(template))?.render(Nudges.values(for: row, kind: event.kind)) ?? template
            do {
                if try await Nudges.send(text, kind: event.kind.rawValue, eventKey: event.key, to: row.personID, from: voice, cohort: cohort,
                                         now: now, app: app) {
                    sent += 1
                }
            } catch {
                // Logged as pending: the next round delivers it.
                app.logger.warning("Nudge not delivered yet", metadata: ["learner": "\(row.personID)", "error": "\(error)"])
            }
        }
        return sent
    }
}
