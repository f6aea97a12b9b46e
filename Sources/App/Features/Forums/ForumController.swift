import Domain
import Fluent
import Routes
import SQLKit
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
        /// The cohort's id, name, organization and course (filled from a cache: never save it).
        let cohort: CohortRecord
        let role: ForumRole
        var me: UUID { context.user.person.id.uuid }
        var place: ForumPlace {
            ForumPlace(organizationID: context.organization.id, cohortID: .init(cohort.id!), cohortName: cohort.name, isStaff: role == .staff)
        }

        /// An author's name as this reader may see it (`ForumIdentity` decides).
        func name(of author: UUID, anonymous: Bool, in names: [UUID: String]) -> String {
            ForumIdentity.name(realName: names[author] ?? "Someone", anonymous: anonymous, isReader: author == me, readerRole: role)
        }

        func threadPath(_ thread: UUID, post: Int? = nil) -> String {
            let path = SiteRoute.forumThread(context.organization.id, .init(cohort.id!), thread.lowercasedText).path
            guard let post else { return path }
            let page = ForumInput.page(ofPost: post)
            return path + (page > 1 ? "?page=\(page)" : "") + "#post-\(post)"
        }

        func mayPostAnonymously(_ facts: ForumRows.CohortFacts) -> Bool { role == .learner && facts.anonymousAllowed }

        func mayPostAnonymously(on db: any Database) async throws -> Bool {
            guard role == .learner else { return false }
            return try await ForumPostChanges.anonymousAllowed(in: cohort.id!, on: db)
        }

        /// Whether a form's "anonymous" box asks for it: only learners, only where the cohort
        /// allows it; asked for where it is not allowed, it is refused (nothing saved).
        func anonymous(_ box: String?, on db: any Database) async throws -> Bool {
            guard box == "on" else { return false }
            guard try await mayPostAnonymously(on: db) else {
                throw AppError(status: .unprocessableEntity, code: "anonymous_not_allowed",
                               message: "Anonymous posting is not allowed in this forum. Nothing was posted.", field: "anonymous")
            }
            return true
        }
    }

    /// From the learning pages' cached cohort access (one lookup per person and cohort until a
    /// write empties the caches): the same 404 for anyone outside the cohort but the admins.
    static func access(_ req: Request) async throws -> Access {
        let learning = try await LearningAccess.load(req)
        // Filled by hand from the cached snapshot: read only, never saved.
        let cohort = CohortRecord()
        cohort.id = learning.cohortID
        cohort.name = learning.cohort.name
        cohort.$organization.id = learning.cohort.organizationID.uuid
        cohort.$course.id = learning.courseID
        return Access(context: learning.context, cohort: cohort,
                      role: ForumRole(cohortRole: learning.role, isAdmin: Permission.can(.viewAllCohorts, learning.context.roles)))
    }

    static func spaceInPath(_ req: Request, _ access: Access) async throws -> ForumSpaceRecord {
        guard let id = req.parameters.get("spaceID").flatMap(UUID.init(uuidString:)),
              let space = try await ForumSpaceRecord.find(id, on: req.db), space.cohortID == access.cohort.id! else { throw AppError.notFound() }
        return space
    }

    static func threadInPath(_ req: Request, _ access: Access) async throws -> ForumThreadRecord {
        guard let id = req.parameters.get("threadID").flatMap(UUID.init(uuidString:)),
              let thread = try await ForumThreadRecord.find(id, on: req.db), thread.cohortID == access.cohort.id! else { throw AppError.notFound() }
        return thread
    }

    func index(req: Request) async throws -> Response {
        try await renderIndex(req, try await Self.access(req), state: .empty, status: .ok)
    }

    private func renderIndex(_ req: Request, _ access: Access, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let spaces = try await ForumStore.spaces(of: access.cohort, caches: req.application.readCaches, on: req.db)
        let summaries = try await ForumRows.spaceSummaries(of: access.cohort.id!, reader: access.me, on: req.db)
        var model = ForumIndexModel(place: access.place, spaces: spaces.map { space in
            let summary = summaries[space.id!]
            return .init(id: space.id!.lowercasedText, title: space.title, threads: summary?.threads ?? 0, unread: summary?.unread ?? 0,
                         lastPostAt: summary?.lastPostAt)
        })
        model.state = state
        if access.role == .staff {
            model.openReports = try await ForumReportRecord.query(on: req.db).filter(\.$cohortID == access.cohort.id!).filter(\.$status == .open).count()
            model.anonymousAllowed = try await ForumPostChanges.anonymousAllowed(in: access.cohort.id!, on: req.db)
        }
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
        let facts = try await ForumRows.cohortFacts(of: access.cohort.id!, caches: req.application.readCaches, on: req.db)
        guard let id = req.parameters.get("spaceID").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound() }
        // Made since the facts were cached (by another node, say): found in the database (or 404).
        let title = if let cached = facts.spaceTitle(id) { cached } else { try await Self.spaceInPath(req, access).title }
        // A new thread prefilled by a link ("Ask about this in the forum" on a quiz result).
        var prefill: [String: String] = [:]
        for (field, limit) in [("kind", 20), ("title", ForumInput.maximumTitle), ("body", 4_000)] {
            if let value = req.queryValue(field, as: String.self) { prefill[field] = String(value.prefix(limit)) }
        }
        return try await renderSpace(req, access, spaceID: id, title: title, facts: facts, state: Form.State(values: prefill), status: .ok)
    }

    private func renderSpace(_ req: Request, _ access: Access, spaceID: UUID, title: String, facts: ForumRows.CohortFacts, state: Form.State,
                             status: HTTPResponseStatus) async throws -> Response {
        let filter = req.queryValue("show", as: String.self).flatMap(ForumSpaceModel.Filter.init(rawValue:)) ?? .all
        let requested = req.queryValue("page", as: Int.self) ?? 1
        let rows = try await ForumRows.page(of: spaceID, filter: filter, page: requested, caches: req.application.readCaches, on: req.db)
        let (threads, names, page, pageCount) = (rows.threads, rows.names, rows.page, rows.pageCount)
        let marks = try await ForumRows.readerMarks(of: access.me, threads: threads.map(\.id), followTargets: [spaceID], on: req.db)
        let reads = marks.readUpTo
        let shown = threads.map { thread in
            ForumSpaceModel.Thread(id: thread.id.lowercasedText, title: thread.title,
                                   authorName: access.name(of: thread.authorID, anonymous: thread.anonymous, in: names),
                                   state: thread.state(readUpTo: reads[thread.id]), pinned: thread.pinned, lastPostAt: thread.lastPostAt)
        }
        var model = ForumSpaceModel(place: access.place, spaceID: spaceID.lowercasedText, title: title, threads: shown,
                                    filter: filter, state: state)
        model.page = page
        model.pageCount = pageCount
        model.following = ForumFollowing.follows(thread: nil, space: marks.following[spaceID], isStaff: access.role == .staff).space
        model.mayPostAnonymously = access.mayPostAnonymously(facts)
        return .page(ForumPages.space(model, req.layout(access.context, section: .cohorts)), status: status, request: req)
    }

    struct ThreadForm: Content {
        var title: String?
        var kind: String?
        var body: String?
        var anonymous: String?
    }

    func startThread(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let space = try await Self.spaceInPath(req, access)
        let form = try req.content.decode(ThreadForm.self)
        do {
            let input = try ForumInput.thread(title: form.title, kind: form.kind, body: form.body)
            let anonymous = try await access.anonymous(form.anonymous, on: req.db)
            let thread = try await ForumStore.startThread(in: space, kind: input.kind, title: input.title, body: input.body, author: access.me,
                                                          anonymous: anonymous, on: req.db, broadcaster: req.application.realtime.broadcaster)
            return req.redirect(to: SiteRoute.forumThread(access.context.organization.id, .init(access.cohort.id!), thread.id!.lowercasedText).path)
        } catch let invalid as ValidationErrors {
            let values = ["title": form.title ?? "", "kind": form.kind ?? "", "body": form.body ?? "", "anonymous": form.anonymous ?? ""]
            let facts = try await ForumRows.cohortFacts(of: access.cohort.id!, caches: req.application.readCaches, on: req.db)
            return try await renderSpace(req, access, spaceID: space.id!, title: space.title, facts: facts,
                                         state: .init(values: values, errors: invalid.errors), status: .unprocessableEntity)
        }
    }

    struct AcceptForm: Content { var number: String? }

    func accept(req: Request) async throws -> Response {
        let access = try await Self.access(req)
        let thread = try await Self.threadInPath(req, access)
        guard ForumPolicy.can(.accept, as: access.role, isAuthor: thread.authorID == access.me) else { throw AppError.notFound() }
        guard thread.kind == .question else {
            throw AppError(status: .unprocessableEntity, code: "not_a_question", message: "Only a question has an accepted answer.")
        }
        guard let number = try req.content.decode(AcceptForm.self).number.flatMap(Int.init), number > 1,
              let post = try await ForumPostRecord.query(on: req.db).filter(\.$threadID == thread.id!).filter(\.$number == number).first(),
              post.deletedAt == nil, post.hiddenAt == nil else {
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
        let thread = try await Self.threadInPath(req, access)
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
