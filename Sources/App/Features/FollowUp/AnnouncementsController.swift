import Domain
import Fluent
import Routes
import Vapor
import Views

/// A cohort's announcements: its members read them; its trainers, facilitators and admins post
/// (everyone else in the cohort is told, in the bell and by e-mail), pin and delete them.
/// Anyone outside the cohort gets 404.
struct AnnouncementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let page = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "announcements")
        page.get(use: list)
        page.post(use: post)
        page.post(":announcementID", "pin", use: pin)
        page.post(":announcementID", "delete", use: delete)
    }

    struct PostForm: Content { var title: String?; var body: String?; var pinned: String? }

    func list(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        return try await render(req, access, state: .empty, status: .ok)
    }

    private func render(_ req: Request, _ access: LearningAccess, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let model = AnnouncementsPageModel(organizationID: access.context.organization.id, cohortID: .init(access.cohortID),
                                           cohortName: access.cohort.name,
                                           items: try await AnnouncementStore.items(in: access.cohortID, pinnedOnly: false, on: req.db),
                                           canPost: access.runsCohort, state: state)
        return .page(AnnouncementsPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    func post(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let form = try req.content.decode(PostForm.self)
        let input: AnnouncementInput
        do { input = try AnnouncementInput.check(title: form.title, body: form.body, pinned: form.pinned) } catch {
            let values = ["title": form.title ?? "", "body": form.body ?? "", "pinned": form.pinned ?? ""]
            return try await render(req, access, state: Form.State(values: values, errors: error.errors), status: .unprocessableEntity)
        }
        let record = AnnouncementRecord(organizationID: access.context.organizationID, cohortID: access.cohortID,
                                        authorID: access.personID, input: input, html: Markdown.render(input.body).rawValue, at: Date())
        try await record.create(on: req.db)
        let page = SiteRoute.announcements(access.context.organization.id, .init(access.cohortID), .list).path
        try await NotificationStore.notify(Set(try await CohortQueries.memberIDs(of: access.cohortID, on: req.db)).subtracting([access.personID]).map {
            .init(organizationID: access.context.organizationID, personID: $0, kind: .announcement, subjectKey: "announcements:\(access.cohortID)",
                  sourceID: record.id!, sourcePosition: 1, title: access.cohort.name, excerpt: "\(input.title) — \(plainExcerpt(input.body))",
                  url: page + "#announcement-\(record.id!.lowercasedText)")
        }, on: req.db, broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: page, flash: .announced(pinned: input.pinned))
    }

    func pin(req: Request) async throws -> Response {
        let (access, record) = try await find(req)
        record.pinned.toggle()
        try await record.save(on: req.db)
        return req.redirect(to: SiteRoute.announcements(access.context.organization.id, .init(access.cohortID), .list).path)
    }

    func delete(req: Request) async throws -> Response {
        let (access, record) = try await find(req)
        try await record.delete(on: req.db)
        return req.redirect(to: SiteRoute.announcements(access.context.organization.id, .init(access.cohortID), .list).path,
                            flash: .deleted(title: record.title))
    }

    private func find(_ req: Request) async throws -> (LearningAccess, AnnouncementRecord) {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort, let id = req.parameters.get("announcementID").flatMap(UUID.init(uuidString:)),
              let record = try await AnnouncementRecord.query(on: req.db).filter(\.$id == id).filter(\.$cohortID == access.cohortID).first()
        else { throw AppError.notFound() }
        return (access, record)
    }
}

enum AnnouncementStore {
    /// A cohort's announcements, newest first, with their authors' names.
    static func items(in cohortID: UUID, pinnedOnly: Bool, on db: any Database) async throws -> [AnnouncementItem] {
        var query = AnnouncementRecord.query(on: db).filter(\.$cohortID == cohortID)
        if pinnedOnly { query = query.filter(\.$pinned == true) }
        let records = try await query.sort(\.$createdAt, .descending).limit(pinnedOnly ? 5 : 200).all()
        let names = try await PersonRecord.names(Set(records.map(\.authorID)), on: db)
        return records.map {
            AnnouncementItem(id: $0.id!.lowercasedText, title: $0.title, html: TrustedHTML(sanitized: $0.html),
                             authorName: names[$0.authorID] ?? "", createdAt: $0.createdAt, pinned: $0.pinned)
        }
    }
}
