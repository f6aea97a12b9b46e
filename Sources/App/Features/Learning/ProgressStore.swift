import Domain
import Fluent
import Foundation

/// Reads and writes learners' progress. A row exists from a learner's first visit of an activity.
/// A learner's rows sit in `ReadCaches.progress` between their writes; every write here forgets them.
enum ProgressStore {
    /// What the learning pages read of one progress row: a value, so it can be cached.
    struct Row: Sendable {
        let activityID: UUID
        let state: ActivityState
        let lastVisitedAt: Date
    }

    /// Longest time one heartbeat may add, whatever the client claims.
    static let maximumHeartbeatSeconds = 60
    /// Time recorded per activity stops growing here (a tab left open for days).
    static let maximumSecondsPerActivity = 8 * 3600

    /// The learner's rows by activity, cached until their next write.
    static func rows(_ access: LearningAccess, caches: ReadCaches, on db: any Database) async throws -> [UUID: Row] {
        try await caches.progress.value(for: key(access)) {
            let records = try await ProgressRecord.query(on: db).filter(\.$cohortID == access.cohortID)
                .filter(\.$personID == access.personID).all()
            let rows = records.map { Row(activityID: $0.activityID, state: $0.state, lastVisitedAt: $0.lastVisitedAt) }
            return Dictionary(rows.map { ($0.activityID, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Whose progress: a learner of a cohort (the one signed in, or one a trainer grades).
    struct Learner: Sendable {
        let organizationID: UUID
        let cohortID: UUID
        let personID: UUID

        init(organizationID: UUID, cohortID: UUID, personID: UUID) {
            self.organizationID = organizationID
            self.cohortID = cohortID
            self.personID = personID
        }

        init(_ access: LearningAccess) {
            self.init(organizationID: access.context.organizationID, cohortID: access.cohortID, personID: access.personID)
        }
    }

    /// The key of what the caches hold of this person's progress in this cohort.
    static func key(_ access: LearningAccess) -> String { key(Learner(access)) }

    static func key(_ learner: Learner) -> String {
        learner.cohortID.lowercasedText + "/" + learner.personID.lowercasedText
    }

    /// The row for this learner and activity, created on first use. Two first visits at once meet
    /// the unique index; the loser reads the winner's row.
    static func row(_ access: LearningAccess, activityID: UUID, now: Date, on db: any Database) async throws -> ProgressRecord {
        try await row(Learner(access), activityID: activityID, now: now, on: db)
    }

    static func row(_ learner: Learner, activityID: UUID, now: Date, on db: any Database) async throws -> ProgressRecord {
        if let existing = try await find(learner, activityID: activityID, on: db) { return existing }
        let row = ProgressRecord(organizationID: learner.organizationID, cohortID: learner.cohortID,
                                 personID: learner.personID, activityID: activityID, now: now)
        do {
            try await row.create(on: db)
            return row
        } catch {
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                  let existing = try await find(learner, activityID: activityID, on: db) else { throw error }
            return existing
        }
    }

    private static func find(_ learner: Learner, activityID: UUID, on db: any Database) async throws -> ProgressRecord? {
        try await ProgressRecord.query(on: db).filter(\.$cohortID == learner.cohortID)
            .filter(\.$personID == learner.personID).filter(\.$activityID == activityID).first()
    }

    static func visit(_ access: LearningAccess, activityID: UUID, now: Date = Date(), caches: ReadCaches, on db: any Database) async throws {
        let row = try await row(access, activityID: activityID, now: now, on: db)
        row.lastVisitedAt = now
        try await row.save(on: db)
        caches.forgetProgress(key(access))
    }

    static func setDone(_ done: Bool, _ access: LearningAccess, activityID: UUID, now: Date = Date(), caches: ReadCaches,
                        on db: any Database) async throws {
        try await setDone(done, Learner(access), activityID: activityID, now: now, caches: caches, on: db)
    }

    /// `visited: false` when someone else decides it (a trainer's grade): "Continue" keeps
    /// pointing where the learner was.
    static func setDone(_ done: Bool, _ learner: Learner, activityID: UUID, now: Date = Date(), visited: Bool = true,
                        caches: ReadCaches, on db: any Database) async throws {
        let row = try await row(learner, activityID: activityID, now: now, on: db)
        row.state = done ? .done : .started
        row.completedAt = done ? (row.completedAt ?? now) : nil
        if visited { row.lastVisitedAt = now }
        try await row.save(on: db)
        caches.forgetProgress(key(learner))
    }

    /// Adds the time since the last heartbeat, bounded by what the client says and by
    /// `maximumHeartbeatSeconds`, so a replayed or forged heartbeat cannot add hours.
    static func heartbeat(_ access: LearningAccess, activityID: UUID, seconds: Int, now: Date = Date(), caches: ReadCaches,
                          on db: any Database) async throws -> Int {
        let row = try await row(access, activityID: activityID, now: now, on: db)
        let elapsed = max(0, Int(now.timeIntervalSince(row.lastVisitedAt).rounded(.up)))
        let added = min(max(seconds, 0), Self.maximumHeartbeatSeconds, elapsed)
        let before = row.secondsSpent
        row.secondsSpent = min(row.secondsSpent + added, Self.maximumSecondsPerActivity)
        row.lastVisitedAt = now
        try await row.save(on: db)
        try await LearningDayRecord.add(row.secondsSpent - before, cohortID: access.cohortID, personID: access.personID, at: now, on: db)
        caches.forgetProgress(key(access))
        return row.secondsSpent
    }
}
