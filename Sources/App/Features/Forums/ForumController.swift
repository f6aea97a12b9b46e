import Domain
import Fluent
import Routes
import Vapor
import Views

/// A cohort's forum pages: spaces, threads, posts, accepting an answer, pinning and locking.
/// Nobody outside the cohort (but the organization's admins) finds any of it: 404.
struct ForumController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let forum = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "forum")
        forum.get(use: index)
        forum.post("spaces", use: addSpace)
        forum.get("spaces", ":spaceID", use: space)
        forum.post("spaces", ":spaceID", "threads", use: startThread)
        forum.get("threads", ":threadID", use: thread)
        forum.post("threads", ":threadID", "posts", use: reply)
        forum.post("threads", ":threadID", "accept", use: accept)
        forum.post("threads", ":threadID", "pin", use: pin)
        forum.post("threads", ":threadID", "lock", use: lock)
    }

    /// The cohort in the path and the person's place in its forum; 404 for anyone outside it.
    struct Access {
        let context: OrganizationContext
        let cohort: CohortRecord
        let role: ForumRole
        var me: UUID { context.user.person.id.uuid }
        var place: ForumPlace {
            ForumPlace(organizationID: context.organization.id, cohortID: .init(cohort.id!), cohortName: cohort.name, isStaff: role == .staff)
        }
    }

    static func access(_ req: Request) async throws -> Access {
        let context = try await req.organizationContext()
        guard let cohortID = req.parameters.get("cohortID").flatMap(UUID.init(uuidString:)),
              let cohort = try await CohortRecord.query(on: req.db).filter(\.$id == cohortID)
                .filter(\.$organization.$id == context.organizationID).first() else { throw AppError.notFound() }
        let membership = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == cohortID)
            .filter(\.$person.$id == context.user.person.id.uuid).first()
        let isAdmin = Permission.can(.viewAllCohorts, context.roles)
        guard membership != nil || isAdmin else { throw AppError.notFound() }
        return Access(context: context, cohort: cohort, role: ForumRole(cohortRole: membership?.cohortRole, isAdmin: isAdmin))
    }

    private func spaceInPath(_ req: Request, _ access: Access) async throws -> ForumSpaceRecord {
        guard let id = req.parameters.get("spaceID").flatMap(UUID.init(uuidString:)),
              let space = try await ForumSpaceRecord.find(id, on: req.db), space.cohortID == access.cohort.id! else { throw AppError.notFound() }
        return space
    }

    private func threadInPath(_ req: Request, _ access: Access) async throws -> ForumThreadRecord {
        guard let id = req.parameters.get("threadID").flatMap(UUID.init(uuidString:)),
              let thread = try await ForumThreadRecord.find(id, on: req.db), thread.cohortID == access.cohort.id! else { throw AppError.notFound() }
        return thread
    }

    func index(req: Request) async throws -> Response {
        try await renderIndex(req, try await Self.access(req), state: .empty, status: .ok)
    }

    private func renderIndex(_ req: Request, _ access: Access, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let spaces = try await ForumStore.spaces(of: access.cohort, on: req.db)
        let threads = try await ForumThreadRecord.query(on: req.db).filter(\.$cohortID == access.cohort.id!).all()
        let reads = try await ForumStore.reads(of: access.me, in: threads.compactMap(\.id), on: req.db)
        var model = ForumIndexModel(place: access.place, spaces: spaces.map { space in
            let mine = threads.filter { $0.spaceID == space.id }
            return .init(id: space.id!.lowercasedText, title: space.title, threads: mine.count,
                         unread: mine.reduce(0) { $0 + $1.state(readUpTo: reads[$1.id!]).unread }, lastPostAt: mine.map(\.lastPostAt).max())
        })
        model.state = state
        return .page(ForumPages.index(model, req.layout(access.context, section: .cohorts)), status: status, request: req)
    }

    struct TitleForm: Content { var title: String? }

    func addSpace(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        guard ForumPolicy.can(.addSpace, as: access.role) else { throw AppError.notFound() }
        let form = try req.content.decode(TitleForm.self)
        do {
            let title = try ForumInput.spaceTitle(form.title)
            let space = try await ForumStore.addSpace(titled: title, to: access.cohort, on: req.db)
            return req.redirect(to: SiteRoute.forumSpace(access.context.organization.id, .init(access.cohort.id!), space.id!.lowercasedText).path)
        } catch let invalid as ValidationErrors {
            return try await renderIndex(req, access, state: .init(values: ["title": form.title ?? ""], errors: invalid.errors),
                                         status: .unprocessableEntity)
        }
    }

    func space(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let space = try await spaceInPath(req, access)
        return try await renderSpace(req, access, space, state: .empty, status: .ok)
    }

    private func renderSpace(_ req: Request, _ access: Access, _ space: ForumSpaceRecord, state: Form.State,
                             status: HTTPResponseStatus) async throws -> Response {
        let filter = (try? req.query.get(String.self, at: "show")).flatMap(ForumSpaceModel.Filter.init(rawValue:)) ?? .all
        let threads = try await ForumThreadRecord.query(on: req.db).filter(\.$spaceID == space.id!).sort(\.$lastPostAt, .descending).all()
        let reads = try await ForumStore.reads(of: access.me, in: threads.compactMap(\.id), on: req.db)
        let names = try await ForumStore.names(Set(threads.map(\.authorID)), on: req.db)
        let shown = threads.map { thread in
            ForumSpaceModel.Thread(id: thread.id!.lowercasedText, title: thread.title, authorName: names[thread.authorID] ?? "Someone",
                                   state: thread.state(readUpTo: reads[thread.id!]), pinned: thread.pinned, lastPostAt: thread.lastPostAt)
        }.filter { thread in
            switch filter {
            case .all: true
            case .unanswered: thread.state.isUnansweredQuestion
            case .answered: thread.state.isAnswered
            }
        }.sorted { ($0.pinned ? 1 : 0, $0.lastPostAt) > ($1.pinned ? 1 : 0, $1.lastPostAt) }
        let model = ForumSpaceModel(place: access.place, spaceID: space.id!.lowercasedText, title: space.title, threads: shown,
                                    filter: filter, state: state)
        return .page(ForumPages.space(model, req.layout(access.context, section: .cohorts)), status: status, request: req)
    }

    struct ThreadForm: Content {
        var title: String?
        var kind: String?
        var body: String?
    }

    func startThread(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let space = try await spaceInPath(req, access)
        let form = try req.content.decode(ThreadForm.self)
        do {
            let input = try ForumInput.thread(title: form.title, kind: form.kind, body: form.body)
            let thread = try await ForumStore.startThread(in: space, kind: input.kind, title: input.title, body: input.body, author: access.me,
                                                          on: req.db, broadcaster: req.application.realtime.broadcaster)
            return req.redirect(to: SiteRoute.forumThread(access.context.organization.id, .init(access.cohort.id!), thread.id!.lowercasedText).path)
        } catch let invalid as ValidationErrors {
            let values = ["title": form.title ?? "", "kind": form.kind ?? "", "body": form.body ?? ""]
            return try await renderSpace(req, access, space, state: .init(values: values, errors: invalid.errors), status: .unprocessableEntity)
        }
    }

    func thread(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let thread = try await threadInPath(req, access)
        let replyTo = (try? req.query.get(Int.self, at: "reply_to")).flatMap { $0 >= 1 && $0 <= thread.postCount ? $0 : nil }
        return try await renderThread(req, access, thread, form: .empty, replyTo: replyTo, status: .ok)
    }

    private func renderThread(_ req: Request, _ access: Access, _ thread: ForumThreadRecord, form: Form.State, replyTo: Int?,
                              status: HTTPResponseStatus) async throws -> Response {
        let posts = try await ForumPostRecord.query(on: req.db).filter(\.$threadID == thread.id!).sort(\.$number).all()
        if let last = posts.last?.number { try await ForumStore.markRead(thread.id!, by: access.me, upTo: last, on: req.db) }
        let names = try await ForumStore.names(Set(posts.map(\.authorID)), on: req.db)
        let byNumber = Dictionary(posts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let space = try await ForumSpaceRecord.find(thread.spaceID, on: req.db)
        let model = ForumThreadModel(
            place: access.place, spaceID: thread.spaceID.lowercasedText, spaceTitle: space?.title ?? "Space", threadID: thread.id!.lowercasedText,
            title: thread.title, state: thread.state(readUpTo: posts.last?.number), pinned: thread.pinned,
            posts: posts.map { post in
                let context = post.replyToNumber.flatMap { byNumber[$0] }.map {
                    (number: $0.number, authorName: names[$0.authorID] ?? "Someone", excerpt: plainExcerpt($0.body, limit: 100))
                }
                return .init(number: post.number, id: post.id!.lowercasedText, authorName: names[post.authorID] ?? "Someone",
                             html: TrustedHTML(sanitized: post.html), createdAt: post.createdAt, replyTo: context)
            },
            canAccept: ForumPolicy.can(.accept, as: access.role, isAuthor: thread.authorID == access.me),
            canReply: ForumPolicy.can(.reply, as: access.role, locked: thread.locked), form: form, replyTo: replyTo)
        return .page(ForumPages.thread(model, req.layout(access.context, section: .cohorts)), status: status, request: req)
    }

    struct ReplyForm: Content {
        var body: String?
        var reply_to: String?
    }

    func reply(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let thread = try await threadInPath(req, access)
        guard ForumPolicy.can(.reply, as: access.role, locked: thread.locked) else {
            throw AppError(status: .forbidden, code: "locked", message: "This thread is locked: no new replies. Nothing was posted.")
        }
        let form = try req.content.decode(ReplyForm.self)
        var replyTo: Int?
        if let text = form.reply_to, !text.isEmpty {
            guard let number = Int(text), number >= 1, number <= thread.postCount else {
                throw AppError(status: .unprocessableEntity, code: "invalid", message: "That post is not in this thread. Nothing was posted.",
                               field: "reply_to")
            }
            replyTo = number
        }
        do {
            let body = try ForumInput.post(form.body)
            let number = try await ForumStore.reply(to: thread, body: body, author: access.me, replyTo: replyTo, on: req.db,
                                                    broadcaster: req.application.realtime.broadcaster)
            return req.redirect(to: SiteRoute.forumThread(access.context.organization.id, .init(access.cohort.id!), thread.id!.lowercasedText).path
                                + "#post-\(number)")
        } catch let invalid as ValidationErrors {
            return try await renderThread(req, access, thread, form: .init(values: ["body": form.body ?? ""], errors: invalid.errors),
                                          replyTo: replyTo, status: .unprocessableEntity)
        }
    }

    struct AcceptForm: Content { var number: String? }

    func accept(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let thread = try await threadInPath(req, access)
        guard ForumPolicy.can(.accept, as: access.role, isAuthor: thread.authorID == access.me) else { throw AppError.notFound() }
        guard thread.kind == .question else {
            throw AppError(status: .unprocessableEntity, code: "not_a_question", message: "Only a question has an accepted answer.")
        }
        guard let number = try req.content.decode(AcceptForm.self).number.flatMap(Int.init), number > 1,
              let post = try await ForumPostRecord.query(on: req.db).filter(\.$threadID == thread.id!).filter(\.$number == number).first() else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "Choose one of the replies as the answer.", field: "number")
        }
        thread.acceptedPostID = post.id
        try await thread.save(on: req.db)
        return req.redirect(to: SiteRoute.forumThread(access.context.organization.id, .init(access.cohort.id!), thread.id!.lowercasedText).path
                            + "#post-\(number)")
    }

    private func toggle(_ req: Request, _ change: (ForumThreadRecord) -> Void, action: ForumAction) async throws -> Response {
        let access = try await Self.access(req)
        guard ForumPolicy.can(action, as: access.role) else { throw AppError.notFound() }
        let thread = try await threadInPath(req, access)
        change(thread)
        try await thread.save(on: req.db)
        return req.redirect(to: SiteRoute.forumThread(access.context.organization.id, .init(access.cohort.id!), thread.id!.lowercasedText).path)
    }

    func pin(req: Request) async throws -> Response {
        try await toggle(req, { $0.pinned.toggle() }, action: .pin)
    }

    func lock(req: Request) async throws -> Response {
        try await toggle(req, { $0.locked.toggle() }, action: .lock)
    }
}
