import Domain
import Fluent
import Routes
import Vapor
import Views

/// "Discuss this" under a lesson: the one thread of the cohort about that activity, made by the
/// first post (in the module's space); and the names the @mention autocomplete offers.
struct ForumDiscussController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let forum = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "forum")
        forum.get("discuss", ":activityID", use: discuss)
        forum.post("discuss", ":activityID", use: start)
        forum.get("people", use: people)
    }

    /// The activity in the path, if it is part of the cohort's course.
    private func activity(_ req: Request, _ access: ForumController.Access) async throws -> ActivityRecord {
        guard let id = req.parameters.get("activityID").flatMap(UUID.init(uuidString:)),
              let activity = try await ActivityRecord.find(id, on: req.db), activity.courseID == access.cohort.$course.id else {
            throw AppError.notFound()
        }
        return activity
    }

    private func existing(_ activity: ActivityRecord, _ access: ForumController.Access, on db: any Database) async throws -> ForumThreadRecord? {
        try await ForumThreadRecord.query(on: db).filter(\.$cohortID == access.cohort.id!).filter(\.$activityID == activity.id!).first()
    }

    func discuss(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        let activity = try await activity(req, access)
        if let thread = try await existing(activity, access, on: req.db) { return req.redirect(to: access.threadPath(thread.id!)) }
        return try await render(req, access, activity, state: .init(values: ["title": activity.title, "kind": ThreadKind.question.rawValue]),
                                status: .ok)
    }

    private func render(_ req: Request, _ access: ForumController.Access, _ activity: ActivityRecord, state: Form.State,
                        status: HTTPResponseStatus) async throws -> Response {
        let space = try await space(for: activity, access, caches: req.application.readCaches, on: req.db)
        let model = ForumDiscussModel(place: access.place, activityID: .init(activity.id!), activityTitle: activity.title, spaceTitle: space.title,
                                      mayPostAnonymously: try await access.mayPostAnonymously(on: req.db), state: state)
        return .page(ForumPages.discuss(model, req.layout(access.context, section: .cohorts)), status: status, request: req)
    }

    /// The space of the activity's module (the general one if it has none).
    private func space(for activity: ActivityRecord, _ access: ForumController.Access, caches: ReadCaches,
                       on db: any Database) async throws -> ForumSpaceRecord {
        guard let space = try await ForumStore.space(ofModule: activity.$module.id, in: access.cohort, caches: caches, on: db) else {
            throw AppError.notFound()
        }
        return space
    }

    func start(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        let activity = try await activity(req, access)
        let form = try req.content.decode(ForumController.ThreadForm.self)
        do {
            let input = try ForumInput.thread(title: form.title, kind: form.kind, body: form.body)
            let anonymous = try await access.anonymous(form.anonymous, on: req.db)
            let broadcaster = req.application.realtime.broadcaster
            // Started from another page meanwhile: the post joins that thread (unless it is locked).
            if let thread = try await existing(activity, access, on: req.db) {
                try Self.mayReply(to: thread, access)
                let number = try await ForumStore.reply(to: thread, body: input.body, author: access.me, anonymous: anonymous, on: req.db,
                                                        broadcaster: broadcaster)
                return req.redirect(to: access.threadPath(thread.id!, post: number))
            }
            let space = try await space(for: activity, access, caches: req.application.readCaches, on: req.db)
            do {
                let thread = try await ForumStore.startThread(in: space, kind: input.kind, title: input.title, body: input.body, author: access.me,
                                                              anonymous: anonymous, activityID: activity.id!, on: req.db, broadcaster: broadcaster)
                return req.redirect(to: access.threadPath(thread.id!))
            } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
                // Two first posts at once: the unique (cohort, activity) index let one make the thread.
                guard let thread = try await existing(activity, access, on: req.db) else { throw error }
                try Self.mayReply(to: thread, access)
                let number = try await ForumStore.reply(to: thread, body: input.body, author: access.me, anonymous: anonymous, on: req.db,
                                                        broadcaster: broadcaster)
                return req.redirect(to: access.threadPath(thread.id!, post: number))
            }
        } catch let invalid as ValidationErrors {
            let values = ["title": form.title ?? "", "kind": form.kind ?? "", "body": form.body ?? "", "anonymous": form.anonymous ?? ""]
            return try await render(req, access, activity, state: .init(values: values, errors: invalid.errors), status: .unprocessableEntity)
        }
    }

    static func mayReply(to thread: ForumThreadRecord, _ access: ForumController.Access) throws {
        guard ForumPolicy.can(.reply, as: access.role, locked: thread.locked) else {
            throw AppError(status: .forbidden, code: "locked", message: "This thread is locked: no new replies. Nothing was posted.")
        }
    }

    struct People: Content { var people: [String] }

    /// The cohort's people (and the admins who read its forum), by name, for @mentions.
    func people(req: Request) async throws -> People {
        let access = try await ForumController.access(req)
        let audience = try await ChatStore.cohortAudience(cohortID: access.cohort.id!, organizationID: access.cohort.$organization.id, on: req.db)
        let names = try await ForumStore.names(audience.subtracting([access.me]), on: req.db)
        return People(people: names.values.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending })
    }
}
