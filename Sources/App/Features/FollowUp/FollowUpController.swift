import Domain
import Fluent
import Routes
import SQLKit
import Vapor
import Views

/// The trainer's follow-up of a cohort: the dashboard of every learner (and its CSV), the risk
/// rules, and each learner's page with the staff's private notes. The cohort's staff and the
/// organization's admins only; learners and everyone else get 404.
struct FollowUpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.get("dashboard", use: dashboard)
        cohort.get("dashboard.csv", use: csv)
        cohort.post("dashboard", "rules", use: saveRules)
        cohort.get("learners", ":personID", use: learner)
        cohort.post("learners", ":personID", "notes", use: addNote)
        cohort.post("learners", ":personID", "notes", ":noteID", "delete", use: deleteNote)
    }

    struct Filters: Content { var sort: String?; var dir: String?; var risk: String?; var q: String? }
    struct NoteForm: Content { var body: String? }

    static func staff(_ req: Request) async throws -> LearningAccess {
        let access = try await LearningAccess.load(req)
        guard access.isStaff else { throw AppError.notFound() }
        return access
    }

    func dashboard(req: Request) async throws -> Response {
        let access = try await Self.staff(req)
        let model = try await Self.model(req, access, errors: [])
        return .page(DashboardPage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    func csv(req: Request) async throws -> Response {
        let access = try await Self.staff(req)
        let model = try await Self.model(req, access, errors: [])
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"dashboard.csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: DashboardCSV.render(model.rows, now: model.now)))
    }

    func saveRules(req: Request) async throws -> Response {
        let access = try await Self.staff(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let form = try req.content.decode([String: String].self)
        let back = SiteRoute.followUp(access.context.organization.id, .init(access.cohortID), .dashboard).path
        let thresholds: RiskThresholds
        do { thresholds = try RiskThresholds.check(form) } catch {
            var model = try await Self.model(req, access, errors: error.errors)
            model.submitted = form
            return .page(DashboardPage.render(model, req.layout(access.context, section: .home)), status: .badRequest, request: req)
        }
        guard let record = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
        record.riskThresholdsJSON = String(decoding: try JSONEncoder().encode(thresholds), as: UTF8.self)
        try await record.save(on: req.db)
        return req.redirect(to: back + "#rules", flash: .riskRulesSaved)
    }

    static func model(_ req: Request, _ access: LearningAccess, errors: [FieldError]) async throws -> DashboardModel {
        let filters = (try? req.query.decode(Filters.self)) ?? Filters()
        let now = Date()
        let board = try await CohortDashboard.load(access, viewer: access.personID, now: now, caches: req.application.readCaches, on: req.db)
        let all = board.rows.map(Self.row)
        let sort = filters.sort.flatMap(DashboardSort.init(rawValue:)) ?? .risk
        let ascending = filters.dir.map { $0 == "asc" } ?? sort.ascendingFirst
        let level = RiskText.level(key: filters.risk)
        let search = String((filters.q ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        let shown = all.filter { row in
            (level == nil || row.risk.level == level) && (search.isEmpty || row.name.localizedCaseInsensitiveContains(search))
        }
        var model = DashboardModel(organizationID: access.context.organization.id, cohortID: .init(access.cohortID),
                                   cohortName: access.cohort.name, all: all, rows: sort.apply(shown, ascending: ascending), sort: sort,
                                   ascending: ascending, level: level, search: search, thresholds: board.thresholds,
                                   canAdjust: access.runsCohort, now: now)
        model.errors = errors
        model.canNudge = access.role != nil
        model.nudgeBatch = UUID().uuidString.lowercased()
        return model
    }

    static func row(_ row: CohortDashboard.Row) -> DashboardRow {
        DashboardRow(personID: row.personID.lowercasedText, name: row.name, progress: row.progress, lastActiveAt: row.lastActiveAt,
                     minutesLastWeek: row.secondsLastWeek / 60, quizAverage: row.quizAverage, weakestTopic: row.weakestTopic,
                     reviewsDone: row.reviewsDone, reviewsDue: row.reviewsDue, liveAttended: row.liveAttended, liveHeld: row.liveHeld,
                     openHelpRequests: row.openHelpRequests, unreadFromThem: row.unreadFromThem, risk: row.risk)
    }

    // MARK: One learner

    func learner(req: Request) async throws -> Response {
        let access = try await Self.staff(req)
        let person = try Self.personID(req)
        let now = Date()
        let board = try await CohortDashboard.load(access, viewer: access.personID, now: now, only: person,
                                                   caches: req.application.readCaches, on: req.db)
        guard let row = board.rows.first else { throw AppError.notFound() }
        let timeline = try await LearnerTimeline.load(access, learner: person, viewer: access.personID, now: now, caches: req.application.readCaches, on: req.db)
        let notes = try await TrainerNoteRecord.query(on: req.db).filter(\.$cohortID == access.cohortID).filter(\.$learnerID == person)
            .sort(\.$createdAt, .descending).all()
        let authors = try await PersonRecord.names(Set(notes.map(\.authorID)), on: req.db)
        let mayDeleteAny = Permission.can(.manageCohorts, access.context.roles)
        let items = notes.map { note in
            TrainerNoteItem(id: note.id!.lowercasedText, authorName: authors[note.authorID] ?? "Someone", body: note.body,
                            createdAt: note.createdAt, canDelete: note.authorID == access.personID || mayDeleteAny)
        }
        let model = LearnerFollowUpModel(organizationID: access.context.organization.id, cohortID: .init(access.cohortID),
                                         cohortName: access.cohort.name, row: Self.row(row), timeline: timeline, notes: items,
                                         canWrite: access.role != nil, now: now)
        return .page(LearnerFollowUpPage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    func addNote(req: Request) async throws -> Response {
        let (access, person) = try await Self.learnerInPath(req)
        guard access.role != nil else { throw AppError.notFound() }
        let back = SiteRoute.followUp(access.context.organization.id, .init(access.cohortID), .learner(person.lowercasedText)).path
        let body = (try req.content.decode(NoteForm.self).body ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        var v = Validator()
        let text = v.text(body, field: "body", max: LearnerFollowUpPage.maximumNoteLength, multiline: true)
        guard v.errors.isEmpty else { return req.redirect(to: back, flash: .failure(.noteInvalid)) }
        try await TrainerNoteRecord(organizationID: access.context.organizationID, cohortID: access.cohortID, learnerID: person,
                                    authorID: access.personID, body: text, at: Date()).create(on: req.db)
        return req.redirect(to: back, flash: .noteSaved)
    }

    func deleteNote(req: Request) async throws -> Response {
        let (access, person) = try await Self.learnerInPath(req)
        guard let id = req.parameters.get("noteID").flatMap(UUID.init(uuidString:)),
              let note = try await TrainerNoteRecord.query(on: req.db).filter(\.$id == id).filter(\.$cohortID == access.cohortID)
                .filter(\.$learnerID == person).first(),
              note.authorID == access.personID || Permission.can(.manageCohorts, access.context.roles) else { throw AppError.notFound() }
        try await note.delete(on: req.db)
        return req.redirect(to: SiteRoute.followUp(access.context.organization.id, .init(access.cohortID), .learner(person.lowercasedText)).path,
                            flash: .noteDeleted)
    }

    static func personID(_ req: Request) throws -> UUID {
        guard let person = req.parameters.get("personID").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound() }
        return person
    }

    /// The staff member's access and a learner of this cohort named in the path, or 404.
    static func learnerInPath(_ req: Request) async throws -> (LearningAccess, UUID) {
        let access = try await staff(req)
        let person = try personID(req)
        guard let sql = req.db as? any SQLDatabase,
              !(try await CohortDashboard.learners(access.cohortID, only: person, on: sql)).isEmpty else { throw AppError.notFound() }
        return (access, person)
    }
}
