import Domain
import Fluent
import Routes
import SQLKit
import Vapor
import Views

/// The forum's tools around threads: search, following, moving a thread, the report queue and
/// the cohort's forum settings.
struct ForumToolsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let forum = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "forum")
        forum.get("search", use: search)
        forum.post("threads", ":threadID", "follow", use: followThread)
        forum.post("threads", ":threadID", "read", use: read)
        forum.post("threads", ":threadID", "move", use: move)
        forum.post("spaces", ":spaceID", "follow", use: followSpace)
        forum.get("reports", use: reports)
        forum.post("reports", ":reportID", "dismiss", use: dismiss)
        forum.post("settings", use: settings)
        forum.post("preview", use: preview)
    }

    struct PreviewForm: Content { var markdown: String? }
    struct PreviewResponse: Content { var html: String }

    /// The live preview of a post being written: the same renderer, sanitizer included.
    func preview(req: Request) async throws -> PreviewResponse {
        _ = try await ForumController.access(req)
        let markdown = try req.content.decode(PreviewForm.self).markdown ?? ""
        guard markdown.count <= ForumInput.maximumBody else {
            throw AppError(status: .unprocessableEntity, code: "too_long", message: "A post is at most \(ForumInput.maximumBody) characters.",
                           field: "markdown")
        }
        return PreviewResponse(html: Markdown.render(markdown).rawValue)
    }

    struct SearchQuery: Content {
        var q: String?
        var space: String?
        var state: String?
        var mine: String?
        var page: Int?
    }

    func search(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        let query = try req.query.decode(SearchQuery.self)
        let spaces = try await ForumRows.cohortFacts(of: access.cohort.id!, caches: req.application.readCaches, on: req.db).spaces
        // A space of another cohort is no filter at all (nothing is found), not an error page.
        let spaceID = query.space.flatMap(UUID.init(uuidString:))
        let state = query.state.flatMap { ["answered", "unanswered"].contains($0) ? $0 : nil }
        let filters = ForumSearch.Filters(spaceID: spaceID, answered: state.map { $0 == "answered" }, mine: query.mine == "on")
        let page = max(1, min(query.page ?? 1, 500))
        let terms = ForumSearchQuery.terms(query.q)
        let found = try await ForumSearch.page(terms, cohort: access.cohort.id!, filters: filters, reader: access.me,
                                               staff: access.role == .staff, page: page, caches: req.application.readCaches, on: req.db)
        let hits = Array(found.hits.prefix(ForumSearch.pageSize))
        let names = found.names
        let model = ForumSearchModel(
            place: access.place, query: (query.q ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            spaces: spaces.map { (id: $0.id.lowercasedText, title: $0.title) },
            spaceID: spaceID.map(\.lowercasedText), state: state, mine: filters.mine,
            hits: hits.map { hit in
                .init(threadID: hit.threadID.lowercasedText, threadTitle: hit.threadTitle, number: hit.number,
                      authorName: access.name(of: hit.authorID, anonymous: hit.anonymous, in: names), createdAt: hit.createdAt,
                      answered: hit.answered, snippet: hit.snippet)
            },
            page: page, hasMore: found.hits.count > ForumSearch.pageSize)
        return .page(ForumPages.search(model, req.layout(access.context, section: .cohorts)), status: .ok, request: req)
    }

    struct FollowForm: Content { var following: String? }

    private func following(_ req: Request) throws -> Bool {
        switch try req.content.decode(FollowForm.self).following {
        case "on": true
        case "off": false
        default: throw AppError(status: .unprocessableEntity, code: "invalid", message: "Choose to follow (on) or not (off).", field: "following")
        }
    }

    func followThread(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        let thread = try await ForumController.threadInPath(req, access)
        try await ForumFollowing.follow(thread.id!, by: access.me, following: try following(req), on: req.db)
        return req.redirect(to: access.threadPath(thread.id!))
    }

    func followSpace(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        let space = try await ForumController.spaceInPath(req, access)
        try await ForumFollowing.follow(space.id!, by: access.me, following: try following(req), on: req.db)
        return req.redirect(to: SiteRoute.forumSpace(access.context.organization.id, .init(access.cohort.id!), space.id!.lowercasedText).path)
    }

    struct ReadForm: Content { var number: Int? }

    /// An open page got a post live and showed it: read up to it (no notification for it then).
    func read(req: Request) async throws -> HTTPStatus {
        let access = try await ForumController.access(req)
        let thread = try await ForumController.threadInPath(req, access)
        guard let number = try req.content.decode(ReadForm.self).number, number >= 1, number <= thread.postCount else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "That post is not in this thread.", field: "number")
        }
        try await ForumStore.read(thread.id!, by: access.me, upTo: number, on: req.db, broadcaster: req.application.realtime.broadcaster)
        // Read positions and notifications are never cached: the caches stay warm for everyone.
        req.writesNothingCached()
        return .noContent
    }

    struct MoveForm: Content { var space_id: String? }

    func move(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        guard ForumPolicy.can(.move, as: access.role) else { throw AppError.notFound() }
        let thread = try await ForumController.threadInPath(req, access)
        guard let id = try req.content.decode(MoveForm.self).space_id.flatMap(UUID.init(uuidString:)),
              let space = try await ForumSpaceRecord.find(id, on: req.db), space.cohortID == access.cohort.id! else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "Choose one of this forum's spaces. Nothing was moved.",
                           field: "space_id")
        }
        try await ForumPostChanges.move(thread, to: space, on: req.db)
        return req.redirect(to: access.threadPath(thread.id!), flash: .threadMoved(space: space.title))
    }

    func reports(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        guard ForumPolicy.can(.moderate, as: access.role) else { throw AppError.notFound() }
        let all = try await ForumReportRecord.query(on: req.db).filter(\.$cohortID == access.cohort.id!).sort(\.$createdAt, .descending).limit(200).all()
        let posts = try await ForumPostRecord.query(on: req.db).filter(\.$id ~~ Set(all.map(\.postID))).all()
        let postByID = Dictionary(posts.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        let threads = try await ForumThreadRecord.query(on: req.db).filter(\.$id ~~ Set(posts.map(\.threadID))).all()
        let threadByID = Dictionary(threads.map { ($0.id!, $0) }, uniquingKeysWith: { first, _ in first })
        let names = try await ForumStore.names(Set(all.map(\.reporterID) + all.compactMap(\.handledBy) + posts.map(\.authorID)), on: req.db)
        let shown: [(ForumReportRecord, ForumReportsModel.Report)] = all.compactMap { report in
            guard let post = postByID[report.postID], let thread = threadByID[post.threadID] else { return nil }
            return (report, .init(id: report.id!.lowercasedText, threadID: thread.id!.lowercasedText, threadTitle: thread.title, number: post.number,
                                  authorName: access.name(of: post.authorID, anonymous: post.anonymous, in: names),
                                  excerpt: plainExcerpt(post.body, limit: 300), reporterName: names[report.reporterID] ?? "Someone",
                                  reason: report.reason, createdAt: report.createdAt, status: report.status.rawValue,
                                  handledBy: report.handledBy.flatMap { names[$0] }))
        }
        let model = ForumReportsModel(place: access.place, open: shown.filter { $0.0.status == .open }.map(\.1),
                                      handled: shown.filter { $0.0.status != .open }.map(\.1))
        return .page(ForumPages.reports(model, req.layout(access.context, section: .cohorts)), status: .ok, request: req)
    }

    func dismiss(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        guard ForumPolicy.can(.moderate, as: access.role),
              let id = req.parameters.get("reportID").flatMap(UUID.init(uuidString:)),
              let report = try await ForumReportRecord.find(id, on: req.db), report.cohortID == access.cohort.id! else { throw AppError.notFound() }
        if report.status == .open {
            report.status = .dismissed
            report.handledBy = access.me
            report.handledAt = Date()
            try await report.save(on: req.db)
        }
        return req.redirect(to: SiteRoute.forumReports(access.context.organization.id, .init(access.cohort.id!)).path)
    }

    struct SettingsForm: Content { var anonymous_allowed: String? }

    func settings(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        guard ForumPolicy.can(.configure, as: access.role) else { throw AppError.notFound() }
        let allowed: Bool
        switch try req.content.decode(SettingsForm.self).anonymous_allowed {
        case "on": allowed = true
        case "off": allowed = false
        default: throw AppError(status: .unprocessableEntity, code: "invalid", message: "Choose on or off. Nothing was changed.", field: "anonymous_allowed")
        }
        try await ForumPostChanges.allowAnonymous(allowed, in: access.cohort.id!, on: req.db)
        return req.redirect(to: SiteRoute.forum(access.context.organization.id, .init(access.cohort.id!)).path,
                            flash: .forumSettingsSaved(anonymousAllowed: allowed))
    }
}
