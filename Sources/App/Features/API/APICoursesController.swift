import Domain
import Fluent
import Vapor

/// Course content for authors, and each learner's progress, as JSON.
struct APICoursesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("courses", ":courseID")
        course.get(use: outline)
        course.post("status", use: setStatus)
        course.post("modules", use: addModule)
        course.post("modules", ":moduleID", "lessons", use: addLesson)
        course.get("activities", ":activityID", use: lesson)
        course.put("activities", ":activityID", use: saveLesson)
        course.delete("activities", ":activityID", use: deleteActivity)
        let cohort = routes.grouped("cohorts", ":cohortID")
        cohort.get("progress", use: progress)
        cohort.put("activities", ":activityID", "progress", use: setProgress)
    }

    func outline(req: Request) async throws -> CourseOutlineDTO {
        let (_, course) = try await CourseEditorController.authoring(req)
        return try await Self.outlineDTO(course, on: req.db)
    }

    static func outlineDTO(_ course: CourseRecord, on db: any Database) async throws -> CourseOutlineDTO {
        let outline = try await CourseQueries.outline(of: course.id!, on: db)
        return CourseOutlineDTO(id: course.id!, name: course.name, description: course.description, status: course.status.rawValue,
                                modules: outline.map { module, activities in
                                    ModuleDTO(id: module.id.uuid, title: module.title, position: module.position,
                                              unlock: module.unlock.map(ScheduleDTO.init), activities: activities.map(ActivityDTO.init))
                                })
    }

    func setStatus(req: Request) async throws -> CourseOutlineDTO {
        let (_, course) = try await CourseEditorController.authoring(req)
        guard let status = try req.decodeJSON(CourseStatusRequest.self).status.flatMap(PublicationStatus.init(rawValue:)) else {
            throw ValidationErrors([FieldError("status", .invalid)])
        }
        course.status = status
        try await course.save(on: req.db)
        return try await Self.outlineDTO(course, on: req.db)
    }

    func addModule(req: Request) async throws -> Response {
        let (_, course) = try await CourseEditorController.authoring(req)
        let body = try req.decodeJSON(CreateModuleRequest.self)
        var v = Domain.Validator()
        let title = v.text(body.title, field: "title", max: ModuleInput.maximumTitleLength)
        let unlock = body.unlock?.offset(field: "unlock", into: &v)
        try v.check()
        let module = try await CourseAuthoring.addModule(ModuleInput(title: title, unlock: unlock), to: course, on: req.db)
        return try await ModuleDTO(id: module.id!, title: module.title, position: module.position,
                                   unlock: unlock.map(ScheduleDTO.init), activities: []).encodeResponse(status: .created, for: req)
    }

    func addLesson(req: Request) async throws -> Response {
        let (_, course) = try await CourseEditorController.authoring(req)
        let module = try await CourseQueries.module(req.parameters.get("moduleID"), of: course, on: req.db)
        let (frame, content) = try req.decodeJSON(LessonRequest.self).check()
        let (activity, lesson) = try await CourseAuthoring.addLesson(frame, content: content, to: module, on: req.db)
        return try await Self.lessonDTO(activity, lesson).encodeResponse(status: .created, for: req)
    }

    static func lessonDTO(_ activity: ActivityRecord, _ lesson: LessonRecord) -> LessonDTO {
        LessonDTO(activity: ActivityDTO(activity.domain()), markdown: lesson.markdown, html: lesson.html, video_url: lesson.video?.link)
    }

    func lesson(req: Request) async throws -> LessonDTO {
        let (_, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        return Self.lessonDTO(activity, try await CourseAuthoring.lesson(of: activity, on: req.db))
    }

    func saveLesson(req: Request) async throws -> LessonDTO {
        let (_, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        let (frame, content) = try req.decodeJSON(LessonRequest.self).check()
        let lesson = try await CourseAuthoring.saveLesson(activity, frame: frame, content: content, on: req.db)
        return Self.lessonDTO(activity, lesson)
    }

    func deleteActivity(req: Request) async throws -> HTTPStatus {
        let (_, course) = try await CourseEditorController.authoring(req)
        try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db).delete(on: req.db)
        return .noContent
    }

    /// The caller's progress in a cohort they learn in (staff get the outline with no states).
    func progress(req: Request) async throws -> ProgressDTO {
        let access = try await LearningAccess.load(req)
        guard access.canSeeContent else { throw AppError.notFound() }
        let model = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db).outlineModel(access)
        return ProgressDTO(
            cohort_id: access.cohortID, course_id: access.courseID, percent: model.progress.percent, done: model.progress.done,
            total: model.progress.total, complete: model.isComplete, resume_activity_id: model.resume?.id.uuid,
            modules: model.modules.map { module in
                ModuleProgressDTO(id: module.module.id.uuid, title: module.module.title, open: module.isOpen,
                                  opens_on: module.unlocks?.description, done: module.progress.done, total: module.progress.total,
                                  activities: module.items.map { item in
                                      ActivityProgressDTO(id: item.activity.id.uuid, title: item.activity.title, state: item.state.rawValue,
                                                          required: item.activity.required, due_on: item.due?.description)
                                  })
            })
    }

    func setProgress(req: Request) async throws -> ProgressDTO {
        let access = try await LearningAccess.load(req)
        guard access.isLearner, access.canSeeContent else { throw AppError.notFound() }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let located = view.locate(req.parameters.get("activityID")), access.isOpen(located.module) else { throw AppError.notFound() }
        guard let done = try req.decodeJSON(ProgressUpdateRequest.self).done else { throw ValidationErrors([FieldError("done", .required)]) }
        try await ProgressStore.setDone(done, access, activityID: located.activity.id.uuid, caches: req.application.readCaches, on: req.db)
        return try await progress(req: req)
    }
}
