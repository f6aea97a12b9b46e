import Domain
import Fluent
import Foundation
import Routes
import Vapor

/// Near the review deadline, hands work still short of reviews to volunteers, then to the
/// cohort's trainers (a to-do and a notification each). Runs every few minutes on every node
/// that runs background jobs, and when a peer assignment's page is opened; two runs at once give
/// at most an extra review, never a lost one (a pair is unique).
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
        let state = try await PeerReviewStore.state(place, on: db)
        guard !state.submissions.isEmpty else { return 0 }
        let trainers = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == place.cohortID).all()
            .filter { $0.cohortRole == .trainer }.map(\.$person.id)
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
        try await NotificationStore.notify(drafts, now: now, on: db, broadcaster: broadcaster)
        return drafts.count
    }
}

extension RepeatingJob {
    /// Looks for peer assignments in their push window every five minutes.
    static var peerReviewPush: RepeatingJob {
        RepeatingJob(name: "Peer review push", interval: .seconds(300)) { _ = try await PeerReviewPush.run(app: $0) }
    }
}
