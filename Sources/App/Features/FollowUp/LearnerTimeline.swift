import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Views

/// What a learner did lately, for the staff's page about them: days of study, activities
/// completed, quiz results, peer work and reviews, help requests, forum posts, live classes and
/// the messages they wrote to the viewer. Each source gives its latest `perSource`; the page
/// shows the latest `shown` of them all.
enum LearnerTimeline {
    static let perSource = 30
    static let shown = 80

    static func load(_ access: LearningAccess, learner: UUID, viewer: UUID, now: Date, caches: ReadCaches, on db: any Database) async throws -> [TimelineEntry] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let cohortID = access.cohortID, org = access.context.organization.id, cohort = Cohort.ID(cohortID)
        let titles = Dictionary(try await CourseQueries.outline(of: access.courseID, on: db).flatMap(\.activities).map { ($0.id.uuid, $0.title) },
                                uniquingKeysWith: { a, _ in a })
        func title(_ id: UUID) -> String { titles[id] ?? "a removed activity" }
        func activity(_ id: UUID) -> String? { titles[id] == nil ? nil : SiteRoute.cohortActivity(org, cohort, .init(id)).path }
        var entries: [TimelineEntry] = []

        let days = try await sql.raw("""
            SELECT day, seconds FROM learning_days WHERE cohort_id = \(bind: cohortID) AND person_id = \(bind: learner)
            ORDER BY day DESC LIMIT \(unsafeRaw: String(perSource))
            """).all(decoding: StudyDay.self)
        entries += days.compactMap { day in
            Day(day.day).map { TimelineEntry(at: $0.startInUTC, kind: .studied, text: "Studied \(DurationText.minutes(max(1, day.seconds / 60)))",
                                             allDay: true) }
        }
        let completed = try await ProgressRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$personID == learner)
            .filter(\.$completedAt != nil).sort(\.$completedAt, .descending).limit(perSource).all()
        entries += completed.map { .init(at: $0.completedAt!, kind: .completed, text: "Completed “\(title($0.activityID))”", url: activity($0.activityID)) }
        let attempts = try await QuizAttemptRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$personID == learner)
            .filter(\.$submittedAt != nil).sort(\.$submittedAt, .descending).limit(perSource).all()
        entries += attempts.map { attempt in
            let score = QuizScore(stored: attempt.earned ?? 0, possible: attempt.possible ?? 0, pending: attempt.pending ?? 0)
            let waiting = score.pending > 0 ? " (answers waiting for a trainer)" : ""
            return .init(at: attempt.submittedAt!, kind: .quiz,
                         text: "Quiz “\(title(attempt.activityID))”, attempt \(attempt.number): \(Int(score.percent.rounded())) %\(waiting)",
                         url: SiteRoute.quizAttemptResult(org, cohort, attempt.id!.lowercasedText).path)
        }
        let work = try await PeerSubmissionRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$personID == learner)
            .sort(\.$submittedAt, .descending).limit(perSource).all()
        entries += work.map { .init(at: $0.submittedAt, kind: .handedIn, text: "Handed in work for “\(title($0.activityID))”", url: activity($0.activityID)) }
        let reviews = try await PeerReviewRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$reviewerID == learner)
            .filter(\.$kind == .peer).filter(\.$completedAt != nil).sort(\.$completedAt, .descending).limit(perSource).all()
        entries += reviews.map { .init(at: $0.completedAt!, kind: .reviewed, text: "Reviewed a peer's work for “\(title($0.activityID))”") }
        let help = try await HelpRequestRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$personID == learner)
            .sort(\.$createdAt, .descending).limit(perSource).all()
        entries += help.map { request in
            .init(at: request.createdAt, kind: .help, text: "Asked for help (\(HelpPages.statusText(request.domain().status).lowercased())): “\(plainExcerpt(request.text, limit: 100))”",
                  url: SiteRoute.help(org, cohort, .list).path)
        }
        let posts = try await sql.raw("""
            SELECT p.created_at, t.id AS thread_id, t.title FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id
            WHERE t.cohort_id = \(bind: cohortID) AND p.author_id = \(bind: learner) AND p.deleted_at IS NULL
            ORDER BY p.created_at DESC LIMIT \(unsafeRaw: String(perSource))
            """).all(decoding: Post.self)
        entries += posts.map { .init(at: $0.created_at, kind: .posted, text: "Posted in “\($0.title)”",
                                     url: SiteRoute.forumThread(org, cohort, $0.thread_id.lowercasedText).path) }
        let live = try await LiveFacts.load(cohortID, now: now, memo: caches.heldAttendance, on: db)
        for (session, attendance) in zip(live.sessions, live.held).suffix(perSource) {
            let mine = attendance[.init(learner)]
            let text = mine?.attended == true ? "Attended “\(session.title)” (\(DurationText.minutes(mine?.minutes ?? 0)))" : "Missed “\(session.title)”"
            entries.append(.init(at: session.start, kind: .live, text: text, url: SiteRoute.live(org, cohort, .session(session.id.description)).path))
        }
        let messages = try await sql.raw("""
            SELECT m.sent_at, m.body, c.id AS conversation_id FROM chat_messages m
            JOIN conversations c ON c.id = m.conversation_id
            JOIN conversation_members v ON v.conversation_id = c.id AND v.person_id = \(bind: viewer)
            WHERE c.cohort_id = \(bind: cohortID) AND c.kind = 'direct' AND m.author_id = \(bind: learner) AND m.deleted_at IS NULL
            ORDER BY m.sent_at DESC LIMIT \(unsafeRaw: String(perSource))
            """).all(decoding: Message.self)
        entries += messages.map { .init(at: $0.sent_at, kind: .message, text: "Wrote to you: “\(plainExcerpt($0.body, limit: 100))”",
                                        url: SiteRoute.conversation(org, .init($0.conversation_id)).path) }
        let nudges = try await NudgeRecord.query(on: db).filter(\.$cohortID == cohortID).filter(\.$learnerID == learner)
            .sort(\.$sentAt, .descending).limit(perSource).all()
        entries += nudges.map { .init(at: $0.sentAt, kind: .nudge, text: "Nudged (\(NudgesPage.kindText($0.kind).lowercased())): “\(plainExcerpt($0.body, limit: 100))”") }
        return Array(entries.sorted { $0.at > $1.at }.prefix(shown))
    }

    struct StudyDay: Decodable { let day: String; let seconds: Int }
    struct Post: Decodable { let created_at: Date; let thread_id: UUID; let title: String }
    struct Message: Decodable { let sent_at: Date; let body: String; let conversation_id: UUID }
}
