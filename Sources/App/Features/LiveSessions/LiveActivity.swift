import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Vapor
import Views

/// Live classes that are activities of the course: the activity's page shows the cohort's
/// sessions of it, staff schedule them from there, and a learner's progress follows attendance —
/// done when they attended any of its sessions (at least half, or a trainer's word).
enum LiveActivity {
    static func part(_ req: Request, _ access: LearningAccess, _ activityID: Activity.ID, done: Bool) async throws -> LiveActivityPart {
        let records = try await LiveSessionRecord.query(on: req.db).filter(\.$cohortID == access.cohortID)
            .filter(\.$activityID == activityID.uuid).sort(\.$startsAt).all()
        let cards = try await LiveSessionStore.cards(records, cohortNames: [access.cohortID: access.cohort.name],
                                                     organizationID: access.context.organizationID, now: Date(), on: req.db)
        let schedule = access.runsCohort
            ? SiteRoute.live(access.context.organization.id, .init(access.cohortID), .new).path + "?activity=\(activityID)" : nil
        return LiveActivityPart(cards: cards, scheduleURL: schedule, attended: done)
    }

    /// A live-class activity of the cohort's course, or nil.
    static func activity(_ text: String?, of access: LearningAccess, on db: any Database) async throws -> ActivityRecord? {
        guard let id = text.flatMap(UUID.init(uuidString:)), let activity = try await ActivityRecord.find(id, on: db),
              activity.courseID == access.courseID, activity.kind == .liveSession else { return nil }
        return activity
    }

    /// Writes the progress of the cohort's learners on the session's activity from the
    /// attendance of all its ended sessions. Learners who attended none lose a "done" they had.
    static func count(_ record: LiveSessionRecord, now: Date, caches: ReadCaches, on db: any Database) async throws {
        guard let activityID = record.activityID else { return }
        let learners = try await CohortQueries.memberIDs(of: record.cohortID, role: .learner, on: db)
        let sessions = try await LiveSessionRecord.query(on: db).filter(\.$cohortID == record.cohortID)
            .filter(\.$activityID == activityID).all().filter { $0.domain().state(at: now) == .ended }
        var attended = Set<UUID>()
        for session in sessions {
            let entries = try await LiveAttendanceController.attendance(of: session, expected: [], now: now, on: db)
            attended.formUnion(entries.values.filter(\.attended).map(\.person.uuid))
        }
        let done = Set(try await ProgressRecord.query(on: db).filter(\.$cohortID == record.cohortID)
            .filter(\.$activityID == activityID).filter(\.$state == .done).all().map(\.personID))
        for person in learners where attended.contains(person) != done.contains(person) {
            let learner = ProgressStore.Learner(organizationID: record.organizationID, cohortID: record.cohortID, personID: person)
            try await ProgressStore.setDone(attended.contains(person), learner, activityID: activityID, now: now, visited: false,
                                            caches: caches, on: db)
        }
    }

    /// Counts the sessions of course activities that ended since the last look, each once
    /// (claimed by one statement, so one node does it).
    static func countEnded(app: Application, now: Date = Date()) async throws -> Int {
        guard let sql = app.db as? any SQLDatabase else { return 0 }
        let due = try await LiveSessionRecord.query(on: app.db).filter(\.$countedAt == nil).filter(\.$activityID != nil)
            .filter(\.$startsAt <= now).all().filter { $0.domain().state(at: now) == .ended }
        var counted = 0
        for record in due {
            let claimed = try await sql.raw("""
                UPDATE live_sessions SET counted_at = \(bind: now) WHERE id = \(bind: record.id!) AND counted_at IS NULL RETURNING id
                """).all()
            guard !claimed.isEmpty else { continue }
            do {
                try await count(record, now: now, caches: app.readCaches, on: app.db)
                counted += 1
            } catch {
                // Claimed but not counted: released, so the next run tries again.
                app.logger.error("live attendance not counted: \(error)")
                try? await LiveSessionRecord.query(on: app.db).filter(\.$id == record.id!).set(\.$countedAt, to: nil).update()
            }
        }
        return counted
    }
}

extension RepeatingJob {
    /// Turns attendance into progress once a live class is over, every minute.
    static var liveAttendanceCounting: RepeatingJob {
        RepeatingJob(name: "Live attendance counting", interval: .seconds(60)) { _ = try await LiveActivity.countEnded(app: $0) }
    }
}
