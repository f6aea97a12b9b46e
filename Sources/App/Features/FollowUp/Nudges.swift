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
    /// The template's values for one learner.
    static func values(for row: CohortDashboard.Row) -> [String: String] {
        var values = ["first name": String(row.name.split(separator: " ").first ?? "")]
        if let next = row.next {
            values["next activity"] = "“\(next.activity.title)”"
            if let due = next.due { values["due date"] = DateText.day(due) }
        }
        if let session = row.missedLive { values["live class"] = "“\(session.title)”" }
        return values
    }

    /// Logs the nudge under its event key, then sends it. False when that key was sent already
    /// (nothing is sent twice). If sending fails the log entry is withdrawn, so a retry sends it.
    @discardableResult
    static func send(_ text: String, kind: String, eventKey: String, to learner: UUID, from sender: Person, cohort: CohortRecord,
                     now: Date = Date(), app: Application) async throws -> Bool {
        let record = NudgeRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, learnerID: learner,
                                 senderID: sender.id.uuid, kind: kind, eventKey: eventKey, body: text, at: now)
        do { try await record.create(on: app.db) } catch let error as any DatabaseError where error.isConstraintFailure { return false }
        do {
            let conversation = try await ChatStore.direct(between: sender.id.uuid, and: learner, cohortID: cohort.id!,
                                                          organizationID: cohort.$organization.id, on: app.db)
            _ = try await ChatStore.send(text, to: conversation, author: sender, ref: "nudge:\(record.id!.lowercasedText)", now: now,
                                         on: app.db, broadcaster: app.realtime.broadcaster, caches: app.readCaches,
                                         writes: app.realtime.writes, afterwork: app.realtime.afterwork)
            record.conversationID = conversation.id
            try await record.save(on: app.db)
            return true
        } catch {
            try? await record.delete(on: app.db)
            throw error
        }
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
        var sent = 0
        for cohort in cohorts where cohort.nudgeSettings.isOn {
            sent += try await scan(cohort, now: now, app: app)
        }
        return sent
    }

    static func scan(_ cohort: CohortRecord, now: Date, app: Application) async throws -> Int {
        let settings = cohort.nudgeSettings
        let zone = TimeZone(identifier: cohort.timeZone) ?? .gmt
        let local = WallClockTime(now, in: zone)
        guard !settings.isQuiet(hour: local.time.hour), let voice = try await Nudges.voice(of: cohort.id!, on: app.db) else { return 0 }
        let board = try await CohortDashboard.load(CohortDashboard.Scope(cohort), viewer: voice.id.uuid, now: now, caches: app.readCaches,
                                                   on: app.db)
        let muted = Set(try await NudgeMuteRecord.query(on: app.db).filter(\.$cohortID == cohort.id!).all().map(\.personID))
        let keys = Dictionary(grouping: try await NudgeRecord.query(on: app.db).filter(\.$cohortID == cohort.id!)
            .filter(\.$kind != "manual").all(), by: \.learnerID).mapValues { Set($0.map(\.eventKey)) }
        var sent = 0
        for row in board.rows {
            let facts = NudgeFacts(lastActiveDay: Day(utc: row.lastActiveAt ?? row.facts.since),
                                   nextDue: row.next.flatMap { next in next.due.map { (next.activity.id.description, $0) } },
                                   missedLive: row.missedLive?.id.description)
            guard let event = NudgePlanner.due(facts, settings: settings, sent: keys[row.personID] ?? [], muted: muted.contains(row.personID),
                                               today: local.day, localHour: local.time.hour),
                  let template = NudgeTemplate.automatic[event.kind] else { continue }
            let text = (try? NudgeTemplate.check(template))?.render(Nudges.values(for: row)) ?? template
            if try await Nudges.send(text, kind: event.kind.rawValue, eventKey: event.key, to: row.personID, from: voice, cohort: cohort,
                                     now: now, app: app) {
                sent += 1
            }
        }
        return sent
    }
}
