import Domain
import Fluent
import Routes
import Vapor
import Views

/// One post's pages: edit and delete (its author), upvote and report (others), hide and show
/// again, history (staff). Whatever the reader may not do is a 404, as if the page were not there.
struct ForumPostController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let post = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "forum", "threads", ":threadID", "posts", ":number")
        for action in [ForumPostAction.edit, .delete, .report, .hide] {
            post.get(.constant(action.rawValue)) { req in try await self.page(req, action) }
        }
        post.post("edit", use: edit)
        post.post("delete", use: delete)
        post.post("report", use: report)
        post.post("hide", use: hide)
        post.post("unhide", use: unhide)
        post.post("upvote", use: upvote)
        post.get("history", use: history)
    }

    struct Target {
        let access: ForumController.Access
        let thread: ForumThreadRecord
        let post: ForumPostRecord
    }

    /// The post in the path, if the reader may `action` it; 404 otherwise.
    private func target(_ req: Request, _ action: ForumPostAction) async throws -> Target {
        let access = try await ForumController.access(req)
        let thread = try await ForumController.threadInPath(req, access)
        guard let number = req.parameters.get("number").flatMap(Int.init),
              let post = try await ForumPostChanges.post(number, in: thread, on: req.db) else { throw AppError.notFound() }
        guard ForumController.actions(on: post.row, role: access.role, isAuthor: post.authorID == access.me, locked: thread.locked)
                .contains(action) else { throw AppError.notFound() }
        return Target(access: access, thread: thread, post: post)
    }

    private func page(_ req: Request, _ action: ForumPostAction) async throws -> Response {
        let target = try await target(req, action)
        let state = action == .edit ? Form.State(values: ["body": target.post.body]) : .empty
        return try await render(req, target, action, state: state, status: .ok)
    }

    private func render(_ req: Request, _ target: Target, _ action: ForumPostAction, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let names = try await ForumStore.names([target.post.authorID], on: req.db)
        let model = ForumPostFormModel(place: target.access.place, threadID: target.thread.id!.lowercasedText, threadTitle: target.thread.title,
                                       number: target.post.number, action: action,
                                       authorName: target.access.name(of: target.post.authorID, anonymous: target.post.anonymous, in: names),
                                       excerpt: plainExcerpt(target.post.body, limit: 300), state: state)
        return .page(ForumPages.postForm(model, req.layout(target.access.context, section: .cohorts)), status: status, request: req)
    }

    /// What the post notified (the bell, the e-mail not sent yet) follows its text: the new words
    /// after an edit; after a deletion or hiding, that it is gone (a notification of it alone is read).
    private func renotify(_ req: Request, _ target: Target, excerpt: String?, removed: String) async throws {
        try await NotificationStore.messageChanged(target.thread.id!, at: target.post.number, excerpt: excerpt, removed: removed, on: req.db,
                                                   broadcaster: req.application.realtime.broadcaster)
    }

    private func back(_ req: Request, _ target: Target, flash: Flash? = nil) -> Response {
        req.redirect(to: target.access.threadPath(target.thread.id!, post: target.post.number), flash: flash)
    }

    struct BodyForm: Content { var body: String? }
    struct ReasonForm: Content { var reason: String? }

    func edit(req: Request) async throws -> Response {
        let target = try await target(req, .edit)
        let form = try req.content.decode(BodyForm.self)
        do {
            try await ForumPostChanges.edit(target.post, in: target.thread, body: try ForumInput.post(form.body), on: req.db)
            try await renotify(req, target, excerpt: plainExcerpt(target.post.body), removed: "")
            return back(req, target)
        } catch let invalid as ValidationErrors {
            return try await render(req, target, .edit, state: .init(values: ["body": form.body ?? ""], errors: invalid.errors), status: .unprocessableEntity)
        }
    }

    func delete(req: Request) async throws -> Response {
        let target = try await target(req, .delete)
        try await ForumPostChanges.delete(target.post, on: req.db)
        try await renotify(req, target, excerpt: nil, removed: "(This post was deleted.)")
        return back(req, target)
    }

    func report(req: Request) async throws -> Response {
        let target = try await target(req, .report)
        let form = try req.content.decode(ReasonForm.self)
        do {
            let reason = try ForumInput.reason(form.reason)
            let outcome = try await ForumPostChanges.report(target.post, thread: target.thread, reason: reason, by: target.access.me, on: req.db)
            return back(req, target, flash: .postReported(again: outcome == .alreadyReported))
        } catch let invalid as ValidationErrors {
            return try await render(req, target, .report, state: .init(values: ["reason": form.reason ?? ""], errors: invalid.errors),
                                    status: .unprocessableEntity)
        }
    }

    func hide(req: Request) async throws -> Response {
        let target = try await target(req, .hide)
        let form = try req.content.decode(ReasonForm.self)
        do {
            try await ForumPostChanges.hide(target.post, reason: try ForumInput.reason(form.reason), by: target.access.me, on: req.db)
            try await renotify(req, target, excerpt: nil, removed: "(This post was hidden by a moderator.)")
            return back(req, target, flash: .postHidden)
        } catch let invalid as ValidationErrors {
            return try await render(req, target, .hide, state: .init(values: ["reason": form.reason ?? ""], errors: invalid.errors),
                                    status: .unprocessableEntity)
        }
    }

    func unhide(req: Request) async throws -> Response {
        let target = try await target(req, .unhide)
        try await ForumPostChanges.hide(target.post, reason: nil, by: target.access.me, on: req.db)
        try await renotify(req, target, excerpt: plainExcerpt(target.post.body), removed: "")
        return back(req, target)
    }

    func upvote(req: Request) async throws -> Response {
        let target = try await target(req, .upvote)
        _ = try await ForumVotes.toggle(target.post, by: target.access.me, on: req.db)
        return back(req, target)
    }

    func history(req: Request) async throws -> Response {
        let target = try await target(req, .history)
        let versions = try await ForumPostVersionRecord.query(on: req.db).filter(\.$postID == target.post.id!).sort(\.$replacedAt, .descending).all()
        let names = try await ForumStore.names([target.post.authorID], on: req.db)
        let current = target.post.deletedAt == nil ? [ForumHistoryModel.Version(body: target.post.body, replacedAt: nil)] : []
        let model = ForumHistoryModel(place: target.access.place, threadID: target.thread.id!.lowercasedText, threadTitle: target.thread.title,
                                      number: target.post.number,
                                      authorName: target.access.name(of: target.post.authorID, anonymous: target.post.anonymous, in: names),
                                      deleted: target.post.deletedAt != nil,
                                      versions: current + versions.map { .init(body: $0.body, replacedAt: $0.replacedAt) })
        return .page(ForumPages.history(model, req.layout(target.access.context, section: .cohorts)), status: .ok, request: req)
    }
}
