import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Routes
import SQLKit
import Vapor

/// Near the review deadline, hands work still short of reviews to volunteers, then to the
/// cohort's trainers (a to-do and a notification each). Runs every few minutes on every node
/// that runs background jobs, and when a peer assignment's page is opened. One run at a time
/// decides for an assignment in a cohort (`PeerPushLock`): two runs reading the same state would
/// each hand out what is short, and a submission would get a to-do too many.
enum PeerReviewPush {
    /// Every peer assignment of every cohort in its push window.
    static func run(app: Application, now: Date = Date()) async throws -> Int {
        let db = app.db
        let activities = try await ActivityRecord.query(on: db).filter(\.$kind == .peerAssignment).all()
        guard !activities.isEmpty else { return 0 }
        let cohorts = try await CohortRecord.query(on: db).filter(\.$course.$id ~~ Set(activities.map(\.courseID))).all()
        let saved = try await PeerAssignmentRecord.query(on: db).filter(\.$activityID ~~ activities.compactMap(\.id)).all()
        let settingsOf = Dictionary(saved.map { ($0.activityID, $0.settings) }, uniquingKeysWith: { a, _ in a })
        var pushed = 0
        for activity in activities {
            let settings = settingsOf[activity.id!] ?? .starter
            for cohort in cohorts where cohort.$course.id == activity.courseID {
                let domain = cohort.domain()
                let due = activity.domain().due?.resolve(start: domain.startDate, shiftDays: cohort.scheduleShiftDays)
                let place = PeerReviewStore.Place(organizationID: activity.organizationID, cohortID: cohort.id!, activityID: activity.id!,
                                                  settings: settings, deadlines: PeerDeadlines(due: due, settings: settings))
                pushed += try await push(place, title: activity.title, now: now, on: db, broadcaster: app.realtime.broadcaster)
            }
        }
        return pushed
    }

    /// One assignment in one cohort: nothing before the push window opens.
    @discardableResult
    static func push(_ place: PeerReviewStore.Place, title: String, now: Date, on db: any Database,
                     broadcaster: any Broadcaster) async throws -> Int {
        guard let start = place.deadlines.pushStart(place.settings), let deadline = place.deadlines.review, now >= start else { return 0 }
        // Another run is deciding for this assignment right now: what it hands out is what this one would.
        let drafts = try await PeerPushLock.exclusively(place, on: db) { db in
            try await decide(place, title: title, now: now, deadline: deadline, on: db)
        }
        guard let drafts else { return 0 }
        try await NotificationStore.notify(drafts, now: now, on: db, broadcaster: broadcaster)
        return drafts.count
    }

    /// Reads the state, decides the pushes and saves them; the notifications to send.
    private static func decide(_ place: PeerReviewStore.Place, title: String, now: Date, deadline: Date,
                               on db: any Database) async throws -> [NotificationStore.Draft] {
        let state = try await PeerReviewStore.state(place, on: db)
        guard !state.submissions.isEmpty else { return [] }
        let trainers = try await CohortQueries.memberIDs(of: place.cohortID, role: .trainer, on: db)
        var random = SeededGenerator(seed: UInt64(bitPattern: Int64(now.timeIntervalSince1970)))
        let pushes = PeerAllocation.pushes(in: state.pool(place.settings), now: now, deadline: deadline,
                                           pushWindow: TimeInterval(place.settings.pushHours) * 3600,
                                           lease: TimeInterval(place.settings.leaseHours) * 3600,
                                           volunteers: state.submissions.filter(\.volunteers).map(\.personID), staff: trainers,
                                           using: &random)
        var drafts: [NotificationStore.Draft] = []
        for push in pushes {
            let review: PeerReviewRecord
            if let stale = state.reviews.first(where: { $0.submissionID == push.submission && $0.reviewerID == push.reviewer }) {
                guard stale.completedAt == nil else { continue }
                stale.leaseEnds = push.leaseEnds
                if push.byStaff { stale.kind = .staff }
                try await stale.save(on: db)
                review = stale
            } else {
                review = PeerReviewRecord(cohortID: place.cohortID, activityID: place.activityID, submissionID: push.submission,
                                          reviewerID: push.reviewer, kind: push.byStaff ? .staff : .peer, at: now, leaseEnds: push.leaseEnds)
                do { try await review.create(on: db) } catch { continue }  // taken by a run on another node
            }
            drafts.append(.init(organizationID: place.organizationID, personID: push.reviewer, kind: .peerReview,
                                subjectKey: "peer:\(place.activityID.lowercasedText)", sourceID: review.id!, sourcePosition: 1,
                                title: title, excerpt: push.byStaff ? "Peers were short: this work needs your review." : "Thank you for volunteering.",
                                url: SiteRoute.peerReview(.init(place.organizationID), .init(place.cohortID), review.id!.lowercasedText).path))
        }
        return drafts
    }
}

/// One push at a time per assignment and cohort: on this node, a set of the places being pushed;
/// across nodes sharing a PostgreSQL database, a session advisory lock held on one connection for
/// the run (SQLite serves a single node, so the local set is all it needs).
enum PeerPushLock {
    private static let running = NIOLockedValueBox(Set<String>())

    /// `body`'s result, or nil without running it when another run holds the place.
    static func exclusively<T: Sendable>(_ place: PeerReviewStore.Place, on db: any Database,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        let key = place.cohortID.uuidString + place.activityID.uuidString
        guard running.withLockedValue({ $0.insert(key).inserted }) else { return nil }
        defer { _ = running.withLockedValue { $0.remove(key) } }
        return try await acrossNodes(place, on: db, body)
    }

    /// The PostgreSQL part alone (tests call it as a second node would).
    static func acrossNodes<T: Sendable>(_ place: PeerReviewStore.Place, on db: any Database,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return try await body(db) }
        let (cohort, activity) = keys(of: place)
        return try await db.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let row = try await sql.raw("SELECT pg_try_advisory_lock(\(bind: cohort), \(bind: activity)) AS locked").first()
            guard try row?.decode(column: "locked", as: Bool.self) == true else { return nil }
            do {
                let result = try await body(connection)
                try await sql.raw("SELECT pg_advisory_unlock(\(bind: cohort), \(bind: activity))").run()
                return result
            } catch {
                // The lock goes with the session otherwise: a connection back in the pool would keep it.
                try? await sql.raw("SELECT pg_advisory_unlock(\(bind: cohort), \(bind: activity))").run()
                throw error
            }
        }
    }

    /// The advisory lock's two keys, for the cohort and the activity.
    static func keys(of place: PeerReviewStore.Place) -> (Int32, Int32) { (lockKey(place.cohortID), lockKey(place.activityID)) }

    /// One key: the first four bytes of the id. A rare collision only makes
    /// one of two unrelated runs give way to the other, until the next run minutes later.
    private static func lockKey(_ id: UUID) -> Int32 {
        let u = id.uuid
        return Int32(bitPattern: UInt32(u.0) << 24 | UInt32(u.1) << 16 | UInt32(u.2) << 8 | UInt32(u.3))
    }
}

extension RepeatingJob {
    /// Looks for peer assignments in their push window every five minutes.
    static var peerReviewPush: RepeatingJob {
        RepeatingJob(name: "Peer review push", interval: .seconds(300)) { _ = try await PeerReviewPush.run(app: $0) }
    }
}

/// The author hears that a review of their work is in: the assignment's title and a link to the
/// review on their page, never who wrote it (nor whether it was a peer or a trainer). Unread
/// notices about one assignment add up ("3 new reviews of your work").
enum PeerFeedbackNotice {
    static func reviewed(_ review: PeerReviewRecord, in at: PeerReviewController.Located, on db: any Database,
                         broadcaster: any Broadcaster) async throws {
        guard review.kind != .self, review.completedAt != nil,
              let submission = try await PeerSubmissionRecord.find(review.submissionID, on: db) else { return }
        let page = at.activityPath
        try await NotificationStore.notify([
            .init(organizationID: at.place.organizationID, personID: submission.personID, kind: .peerFeedback,
                  subjectKey: "peer-feedback:\(at.place.activityID.lowercasedText)", sourceID: review.id!, sourcePosition: 1,
                  title: at.located.activity.title, excerpt: "Read what your reviewers said, and rate how helpful each review was.",
                  url: page + "#review-\(review.id!.lowercasedText)"),
        ], on: db, broadcaster: broadcaster)
    }
}
