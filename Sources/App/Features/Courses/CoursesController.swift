import Domain
import Fluent
import Routes
import Vapor
import Views

/// The organization's courses, and creating one (which opens its editor).
struct CoursesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":orgID")
        org.get("courses", use: page)
        org.post("courses", use: create)
    }

    struct CourseForm: Content { var name: String?; var description: String? }

    func page(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        return try await render(req, context, state: .empty, status: .ok)
    }

    private func render(_ req: Request, _ context: OrganizationContext, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let courses = try await CourseRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID)
            .sort(\.$name).all()
        let cohorts = try await CohortRecord.query(on: req.db).filter(\.$organization.$id == context.organizationID)
            .all(\.$course.$id)
        let counts = Dictionary(cohorts.map { ($0, 1) }, uniquingKeysWith: +)
        let modules = try await ModuleRecord.query(on: req.db).filter(\.$organizationID == context.organizationID).all(\.$course.$id)
        let moduleCounts = Dictionary(modules.map { ($0, 1) }, uniquingKeysWith: +)
        let model = CoursesPageModel(organizationID: context.organization.id,
                                     courses: courses.map { .init(id: .init($0.id!), name: $0.name, description: $0.description,
                                                                  status: $0.status, modules: moduleCounts[$0.id!] ?? 0,
                                                                  cohorts: counts[$0.id!] ?? 0) },
                                     state: state)
        return .page(CoursesPage.render(model, req.layout(context, section: .courses)), status: status, request: req)
    }

    func create(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        let form = try req.content.decode(CourseForm.self)
        do {
            let input = try CourseInput.check(name: form.name, description: form.description)
            let course = CourseRecord(organizationID: context.organizationID, name: input.name, description: input.description)
            try await course.save(on: req.db)
            return req.redirect(to: SiteRoute.course(context.organization.id, .init(course.id!)).path, flash: .courseCreated(name: input.name))
        } catch let errors as ValidationErrors {
            return try await render(req, context, state: Form.State(values: ["name": form.name ?? "", "description": form.description ?? ""],
                                                                    errors: errors.errors), status: .unprocessableEntity)
        }
    }
}
