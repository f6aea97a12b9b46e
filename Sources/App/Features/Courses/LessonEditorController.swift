import Domain
import Fluent
import Routes
import Vapor
import Views

/// Activities in a module: add, edit (a lesson's frame and content), move, delete; and the
/// Markdown preview the editor calls while an author types.
struct LessonEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("orgs", ":orgID", "courses", ":courseID")
        course.post("modules", ":moduleID", "activities", use: add)
        course.get("activities", ":activityID", use: page)
        course.post("activities", ":activityID", use: save)
        course.post("activities", ":activityID", "move", use: move)
        course.post("activities", ":activityID", "delete", use: delete)
        routes.post("orgs", ":orgID", "markdown-preview", use: preview)
    }

    struct AddForm: Content { var title: String?; var kind: String? }
    struct LessonForm: Content {
        var title: String?
        var estimated_minutes: String?
        var required: String?
        var due_week: String?
        var due_weekday: String?
        var markdown: String?
        var video_url: String?
        var video_auto_done: String?
        var intent: String?
    }
    struct PreviewForm: Content { var markdown: String? }
    struct PreviewResponse: Content { let html: String }

    func add(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let module = try await CourseQueries.module(req.parameters.get("moduleID"), of: course, on: req.db)
        let form = try req.content.decode(AddForm.self)
        guard let kind = form.kind.map(ActivityKind.init(rawValue:)) ?? .lesson else {
            throw Abort(.unprocessableEntity, reason: "kind must be lesson, quiz, peer_assignment or live_session.")
        }
        var v = Validator()
        let input = ActivityInput.check(title: form.title, estimatedMinutes: nil, required: false, dueWeek: nil, dueWeekday: nil, into: &v)
        guard v.errors.isEmpty else {
            return req.redirect(to: SiteRoute.course(context.organization.id, .init(course.id!)).path + "#module-\(module.id!.lowercasedText)",
                                flash: .failure(.activityTitleRequired))
        }
        if kind == .quiz {
            let activity = try await QuizAuthoring.addQuiz(input, to: module, on: req.db)
            return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                                flash: .quizAdded(title: input.title))
        }
        if kind == .peerAssignment {
            let activity = try await PeerAssignmentAuthoring.add(input, to: module, on: req.db)
            return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                                flash: .peerAssignmentAdded(title: input.title))
        }
        // A live class is written like a lesson (what to prepare, files); each cohort schedules it.
        let (activity, _) = try await CourseAuthoring.addLesson(input, content: LessonInput(markdown: "", video: nil), to: module,
                                                                kind: kind == .liveSession ? .liveSession : .lesson, on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                            flash: kind == .liveSession ? .liveActivityAdded(title: input.title) : .lessonAdded(title: input.title))
    }

    func page(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        if activity.kind == .quiz { return try await QuizEditor.page(req, context, course, activity) }
        if activity.kind == .peerAssignment { return try await PeerAssignmentEditor.page(req, context, course, activity) }
        return try await Self.renderSaved(req, context, course, activity)
    }

    /// The editor showing the lesson as saved; `problem` is a refused upload to explain.
    static func renderSaved(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord,
                            problem: LessonEditorModel.UploadProblem? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let lesson = try await CourseAuthoring.lesson(of: activity, on: req.db)
        return try await render(req, context, course, activity, markdown: lesson.markdown, videoLink: lesson.video?.link ?? "",
                                preview: TrustedHTML(sanitized: lesson.html), lesson: lesson, problem: problem, status: status)
    }

    private static func render(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord,
                               markdown: String, videoLink: String, preview: TrustedHTML, state: Form.State = .empty,
                               lesson saved: LessonRecord? = nil, problem: LessonEditorModel.UploadProblem? = nil,
                               status: HTTPResponseStatus = .ok) async throws -> Response {
        async let module = ModuleRecord.find(activity.$module.id, on: req.db)
        async let images = UploadQueries.images(uploadedFrom: activity.id!, on: req.db)
        var lesson = saved
        if lesson == nil { lesson = try await LessonRecord.query(on: req.db).filter(\.$activity.$id == activity.id!).first() }
        var model = LessonEditorModel(organizationID: context.organization.id, courseID: .init(course.id!), courseName: course.name,
                                      moduleTitle: try await module?.title ?? "", activity: activity.domain(), markdown: markdown,
                                      videoLink: videoLink, preview: preview, state: state)
        model.media = try await UploadQueries.media(of: lesson, on: req.db)
        model.images = try await images
        model.limits = req.atelierConfig.uploadLimits
        model.uploadProblem = problem
        return .page(LessonEditorPage.render(model, req.layout(context, section: .courses)), status: status, request: req)
    }

    func save(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        if activity.kind == .quiz { return try await QuizEditor.save(req, context, course, activity) }
        if activity.kind == .peerAssignment { return try await PeerAssignmentEditor.save(req, context, course, activity) }
        let form = try req.content.decode(LessonForm.self)
        var v = Validator()
        let frame = ActivityInput.check(title: form.title, estimatedMinutes: form.estimated_minutes, required: form.required == "on",
                                        dueWeek: form.due_week, dueWeekday: form.due_weekday, into: &v)
        var content = LessonInput.check(markdown: form.markdown, videoURL: form.video_url, into: &v)
        content.videoAutoDone = form.video_auto_done == "on"
        let values = ["title": form.title ?? "", "estimated_minutes": form.estimated_minutes ?? "", "required": form.required ?? "",
                      "due_week": form.due_week ?? "", "due_weekday": form.due_weekday ?? "", "video_auto_done": form.video_auto_done ?? ""]
        let rendered = v.errors.contains { $0.field == "markdown" } ? TrustedHTML(sanitized: "") : Markdown.render(content.markdown)
        if !v.errors.isEmpty || form.intent == "preview" {
            return try await Self.render(req, context, course, activity, markdown: form.markdown ?? "", videoLink: form.video_url ?? "",
                                    preview: rendered, state: Form.State(values: values, errors: v.errors),
                                    status: v.errors.isEmpty ? .ok : .unprocessableEntity)
        }
        _ = try await CourseAuthoring.saveLesson(activity, frame: frame, content: content, on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                            flash: .lessonSaved(title: frame.title))
    }

    func move(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        let direction = try CourseEditorController.direction(req)
        try await req.db.writeTransaction { db in
            let siblings = try await ActivityRecord.query(on: db).filter(\.$module.$id == activity.$module.id).sort(\.$position).all()
            guard let positions = Reordering.move(activity.id!, direction, in: siblings.map { $0.id! }) else { return }
            for sibling in siblings where sibling.position != positions[sibling.id!] {
                sibling.position = positions[sibling.id!]!
                try await sibling.save(on: db)
            }
        }
        return req.redirect(to: SiteRoute.course(context.organization.id, .init(course.id!)).path
                                + "#module-\(activity.$module.id.lowercasedText)",
                            flash: .moved(title: activity.title))
    }

    func delete(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        try await activity.delete(on: req.db)
        return req.redirect(to: SiteRoute.course(context.organization.id, .init(course.id!)).path
                                + "#module-\(activity.$module.id.lowercasedText)",
                            flash: .deleted(title: activity.title))
    }

    /// The editor's live preview: the same renderer as saving, so what the author sees is what
    /// learners get. Authors only; nothing is stored.
    func preview(req: Request) async throws -> PreviewResponse {
        let context = try await req.organizationContext()
        try context.require(.manageCourses)
        let markdown = try req.content.decode(PreviewForm.self).markdown ?? ""
        var v = Validator()
        _ = LessonInput.check(markdown: markdown, videoURL: nil, into: &v)
        try v.check()
        return PreviewResponse(html: Markdown.render(markdown).rawValue)
    }
}
