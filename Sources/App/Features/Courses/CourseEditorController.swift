import Domain
import Fluent
import Routes
import Vapor
import Views

/// Authors (and admins) build a course: details, status, duplicate, modules in order.
struct CourseEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("orgs", ":orgID", "courses", ":courseID")
        course.get(use: page)
        course.post(use: saveDetails)
        course.post("status", use: setStatus)
        course.post("duplicate", use: duplicate)
        course.post("modules", use: addModule)
        course.post("modules", ":moduleID", use: saveModule)
        course.post("modules", ":moduleID", "move", use: moveModule)
        course.post("modules", ":moduleID", "delete", use: deleteModule)
    }

    struct DetailsForm: Content { var name: String?; var description: String? }
    struct StatusForm: Content { var status: String? }
    struct ModuleForm: Content { var title: String?; var unlock_week: String?; var unlock_weekday: String? }
    struct MoveForm: Content { var direction: String? }

    /// The organization and course of the path, for someone allowed to author; 404 otherwise.
    static func authoring(_ req: Request) async throws -> (OrganizationContext, CourseRecord) {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        return (context, try await CourseQueries.find(req.parameters.get("courseID"), in: context.organizationID, on: req.db))
    }

    func page(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        return try await render(req, context, course)
    }

    private func render(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord,
                        details: Form.State = .empty, module: Form.State = .empty,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let outline = try await CourseQueries.outline(of: course.id!, on: req.db)
        let cohorts = try await CohortRecord.query(on: req.db).filter(\.$course.$id == course.id!).count()
        var model = CourseEditorModel(organizationID: context.organization.id, course: course.domain(), status: course.status,
                                      modules: outline.map { .init(module: $0.module, activities: $0.activities) },
                                      cohorts: cohorts, detailsState: details, moduleState: module)
        model.questions = try await QuestionRecord.query(on: req.db).filter(\.$courseID == course.id!).count()
        return .page(CourseEditorPage.render(model, req.layout(context, section: .courses)), status: status, request: req)
    }

    private func back(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, anchor: String = "",
                      flash: Flash) -> Response {
        req.redirect(to: SiteRoute.course(context.organization.id, .init(course.id!)).path + anchor, flash: flash)
    }

    func saveDetails(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let form = try req.content.decode(DetailsForm.self)
        do {
            let input = try CourseInput.check(name: form.name, description: form.description)
            course.name = input.name
            course.description = input.description
            try await course.save(on: req.db)
            return back(req, context, course, flash: .courseSaved)
        } catch let errors as ValidationErrors {
            let state = Form.State(values: ["name": form.name ?? "", "description": form.description ?? ""], errors: errors.errors)
            return try await render(req, context, course, details: state, status: .unprocessableEntity)
        }
    }

    func setStatus(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        guard let status = try req.content.decode(StatusForm.self).status.flatMap(PublicationStatus.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: "status must be draft or published")
        }
        course.status = status
        try await course.save(on: req.db)
        return back(req, context, course, flash: status == .published ? .coursePublished : .courseUnpublished)
    }

    func duplicate(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let copy = try await CourseDuplication.duplicate(course, on: req.db)
        return req.redirect(to: SiteRoute.course(context.organization.id, .init(copy.id!)).path,
                            flash: .courseDuplicated(name: copy.name))
    }

    func addModule(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let form = try req.content.decode(ModuleForm.self)
        do {
            let input = try ModuleInput.check(title: form.title, unlockWeek: form.unlock_week, unlockWeekday: form.unlock_weekday)
            let module = try await CourseAuthoring.addModule(input, to: course, on: req.db)
            return back(req, context, course, anchor: "#module-\(module.id!.lowercasedText)", flash: .moduleAdded(title: input.title))
        } catch let errors as ValidationErrors {
            let state = Form.State(values: ["title": form.title ?? "", "unlock_week": form.unlock_week ?? "",
                                            "unlock_weekday": form.unlock_weekday ?? ""], errors: errors.errors)
            return try await render(req, context, course, module: state, status: .unprocessableEntity)
        }
    }

    func saveModule(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let module = try await CourseQueries.module(req.parameters.get("moduleID"), of: course, on: req.db)
        let form = try req.content.decode(ModuleForm.self)
        let input = try ModuleInput.check(title: form.title, unlockWeek: form.unlock_week, unlockWeekday: form.unlock_weekday)
        module.apply(input)
        try await module.save(on: req.db)
        return back(req, context, course, anchor: "#module-\(module.id!.lowercasedText)", flash: .moduleSaved(title: input.title))
    }

    func moveModule(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let module = try await CourseQueries.module(req.parameters.get("moduleID"), of: course, on: req.db)
        let direction = try Self.direction(req)
        try await req.db.writeTransaction { db in
            let siblings = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!).sort(\.$position).all()
            guard let positions = Reordering.move(module.id!, direction, in: siblings.map { $0.id! }) else { return }
            for sibling in siblings where sibling.position != positions[sibling.id!] {
                sibling.position = positions[sibling.id!]!
                try await sibling.save(on: db)
            }
        }
        return back(req, context, course, anchor: "#module-\(module.id!.lowercasedText)", flash: .moved(title: module.title))
    }

    func deleteModule(req: Request) async throws -> Response {
        let (context, course) = try await Self.authoring(req)
        let module = try await CourseQueries.module(req.parameters.get("moduleID"), of: course, on: req.db)
        try await req.db.writeTransaction { db in
            // Children first: PostgreSQL and SQLite cascade alike, but being explicit keeps it one transaction.
            try await ActivityRecord.query(on: db).filter(\.$module.$id == module.id!).delete()
            try await module.delete(on: db)
        }
        return back(req, context, course, flash: .deleted(title: module.title))
    }

    static func direction(_ req: Request) throws -> Reordering.Direction {
        guard let direction = try req.content.decode(MoveForm.self).direction.flatMap(Reordering.Direction.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: "direction must be up or down")
        }
        return direction
    }
}
