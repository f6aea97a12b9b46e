import Domain
import Fluent
import Routes
import Vapor
import Views

/// Learners follow their cohort's course: the outline with progress, lesson pages, "Mark as
/// done", and the heartbeats that record time spent.
struct LearningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.get("course", use: outline)
        cohort.get("continue", use: resume)
        cohort.get("activities", ":activityID", use: activity)
        cohort.post("activities", ":activityID", "done", use: done)
        cohort.post("activities", ":activityID", "heartbeat", use: heartbeat)
    }

    struct DoneForm: Content { var done: String? }
    struct HeartbeatForm: Content { var seconds: Int? }
    struct HeartbeatResponse: Content { let secondsSpent: Int }

    func outline(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        let model = view.outlineModel(access)
        // The module cards change with the day (what is open, what is overdue): kept until midnight.
        let modules = await req.application.readCaches.outlineModules.value(for: ProgressStore.key(access),
                                                                                validUntil: access.today.adding(days: 1).startInUTC) {
            CourseOutlinePage.modules(model)
        }
        return .page(CourseOutlinePage.render(model, req.layout(access.context, section: .home), modules: modules), request: req)
    }

    /// "Continue where I left off": the activity to resume, or the outline when there is none.
    func resume(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        guard access.canSeeContent else { return req.redirect(to: SiteRoute.cohortCourse(org, cohort).path) }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let id = view.outlineModel(access).resume?.id else { return req.redirect(to: SiteRoute.cohortCourse(org, cohort).path) }
        return req.redirect(to: SiteRoute.cohortActivity(org, cohort, id).path)
    }

    func activity(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.canSeeContent else { throw AppError.notFound() }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let located = view.locate(req.parameters.get("activityID")) else { throw AppError.notFound() }
        guard access.isOpen(located.module) else {
            let opens = access.unlockDay(of: located.module).map(DateText.day) ?? "later"
            return .page(ErrorPage.render(status: 403, message: "“\(located.module.title)” opens on \(opens). Come back then!",
                                          req.layout(access.context, section: .home)), status: .forbidden, request: req)
        }
        if located.activity.kind == .quiz { return try await QuizController.startPage(req, access, view, located) }
        if located.activity.kind == .peerAssignment { return try await PeerReviewController.page(req, access, view, located) }
        let lesson = try await CourseQueries.cachedLesson(of: located.activity.id.uuid, caches: req.application.readCaches, on: req.db)
        // Re-reading the lesson last visited writes nothing for a minute: "Continue" needs the
        // last lesson seen, not every view of it.
        let now = Date()
        let latest = view.rows.values.max { $0.lastVisitedAt < $1.lastVisitedAt }
        let fresh = latest.map { $0.activityID == located.activity.id.uuid && now.timeIntervalSince($0.lastVisitedAt) < 60 } ?? false
        if access.isLearner, !fresh {
            try await ProgressStore.visit(access, activityID: located.activity.id.uuid, now: now, caches: req.application.readCaches,
                                          on: req.db)
        }
        var model = view.lessonModel(access, located, html: TrustedHTML(sanitized: lesson.html), video: lesson.video)
        model.media = lesson.media
        model.discussionPosts = try await ForumRows.discussionPostCounts(in: access.cohortID, caches: req.application.readCaches,
                                                                        on: req.db)[located.activity.id.uuid]
        if located.activity.kind == .liveSession {
            model.live = try await LiveActivity.part(req, access, located.activity.id, done: model.state == .done)
        }
        return .page(LessonPage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    func done(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isLearner, access.canSeeContent else { throw AppError.notFound() }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let located = view.locate(req.parameters.get("activityID")), access.isOpen(located.module),
              located.activity.kind != .liveSession /* done when attended, not by a click */ else { throw AppError.notFound() }
        let done = try req.content.decode(DoneForm.self).done != "false"
        req.writesNothingCached()
        try await ProgressStore.setDone(done, access, activityID: located.activity.id.uuid, caches: req.application.readCaches, on: req.db)
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        if done, let next = located.next, access.isOpen(next.module) {
            return req.redirect(to: SiteRoute.cohortActivity(org, cohort, next.activity.id).path, flash: .markedDone(title: located.activity.title))
        }
        let target = done ? SiteRoute.cohortCourse(org, cohort).path : SiteRoute.cohortActivity(org, cohort, located.activity.id).path
        return req.redirect(to: target, flash: done ? .markedDone(title: located.activity.title) : .markedNotDone(title: located.activity.title))
    }

    func heartbeat(req: Request) async throws -> HeartbeatResponse {
        let access = try await LearningAccess.load(req)
        guard access.isLearner, access.canSeeContent else { throw AppError.notFound() }
        // The outline the other learning pages read (usually cached): no query of its own.
        let outline = try await CourseQueries.cachedOutline(of: access.courseID, caches: req.application.readCaches, on: req.db)
        guard let id = req.parameters.get("activityID").flatMap(UUID.init(uuidString:)),
              outline.contains(where: { $0.activities.contains { $0.id.uuid == id } }) else {
            throw AppError.notFound()
        }
        req.writesNothingCached()
        guard let seconds = try req.content.decode(HeartbeatForm.self).seconds, seconds > 0 else {
            throw AppError(status: .unprocessableEntity, code: "invalid_seconds", message: "seconds must be a positive number", field: "seconds")
        }
        let spent = try await ProgressStore.heartbeat(access, activityID: id, seconds: seconds, caches: req.application.readCaches, on: req.db)
        return HeartbeatResponse(secondsSpent: spent)
    }
}
