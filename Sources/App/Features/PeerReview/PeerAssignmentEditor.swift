import Domain
import Fluent
import Routes
import Vapor
import Views

/// The writes of peer assignment authoring.
enum PeerAssignmentAuthoring {
    /// A peer assignment at the end of `module`, with the starter rubric for the author to adapt.
    static func add(_ frame: ActivityInput, to module: ModuleRecord, on db: any Database) async throws -> ActivityRecord {
        try await db.transaction { db in
            let activity = try await CourseAuthoring.appendActivity(.peerAssignment, frame, to: module, on: db)
            try await PeerAssignmentRecord(activityID: activity.id!, settings: .starter).create(on: db)
            return activity
        }
    }

    static func record(of activityID: UUID, on db: any Database) async throws -> PeerAssignmentRecord {
        if let record = try await PeerAssignmentRecord.query(on: db).filter(\.$activityID == activityID).first() { return record }
        return try PeerAssignmentRecord(activityID: activityID, settings: .starter)
    }
}

/// The peer assignment editor: frame, instructions, rubric and rules on one page
/// (`LessonEditorController` hands peer assignments here).
enum PeerAssignmentEditor {
    static func page(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord,
                     state: Form.State = .empty, examples exampleState: Form.State = .empty) async throws -> Response {
        let module = try await ModuleRecord.find(activity.$module.id, on: req.db)
        let settings = try await PeerAssignmentAuthoring.record(of: activity.id!, on: req.db).settings
        var model = PeerAssignmentEditorModel(organizationID: context.organization.id, courseID: .init(course.id!), courseName: course.name,
                                              moduleTitle: module?.title ?? "", activity: activity.domain(), settings: settings, state: state)
        model.examples = try await PeerExampleRecord.query(on: req.db).filter(\.$activityID == activity.id!).sort(\.$createdAt).all()
            .compactMap { example in
                example.assessment.map { .init(id: example.id!.lowercasedText, text: example.text, assessment: $0,
                                               fits: PeerCalibration.fits($0, settings.rubric)) }
            }
        model.exampleState = exampleState
        let refused = !state.errors.isEmpty || !exampleState.errors.isEmpty
        return .page(PeerAssignmentEditorPage.render(model, req.layout(context, section: .courses)),
                     status: refused ? .unprocessableEntity : .ok, request: req)
    }

    static func save(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord) async throws -> Response {
        let fields = Dictionary(FormFields.parse(req.body.string ?? "").map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        var v = Validator()
        let frame = ActivityInput.check(title: fields["title"], estimatedMinutes: fields["estimated_minutes"], required: fields["required"] == "on",
                                        dueWeek: fields["due_week"], dueWeekday: fields["due_weekday"], into: &v)
        var settings: PeerAssignmentSettings?
        do {
            settings = try PeerAssignmentInput.check(fields)
        } catch {
            for problem in error.errors { v.add(problem.field, problem.reason) }
        }
        let record = try await PeerAssignmentAuthoring.record(of: activity.id!, on: req.db)
        // Work handed in is assessed on the saved criteria and levels: their number stays.
        if let settings, settings.rubric.shape != record.settings.rubric.shape,
           try await PeerSubmissionRecord.query(on: req.db).filter(\.$activityID == activity.id!).count() > 0 {
            v.add("criteria", .locked)
        }
        guard let settings, v.errors.isEmpty else {
            return try await page(req, context, course, activity, state: Form.State(values: fields, errors: v.errors))
        }
        activity.apply(frame)
        try record.apply(settings)
        try await req.db.transaction { db in
            try await activity.save(on: db)
            try await record.save(on: db)
        }
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                            flash: .peerAssignmentSaved(title: frame.title))
    }
}

/// The graded examples learners calibrate on, written in the assignment's editor.
enum PeerExampleEditor {
    static let maximum = 3

    @Sendable static func add(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        guard activity.kind == .peerAssignment else { throw AppError.notFound() }
        let settings = try await PeerReviewStore.settings(of: activity.id!, on: req.db)
        let fields = PeerReviewController.fields(req)
        let text = (fields["example_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let assessment = PeerAssignmentInput.assessment(fields, rubric: settings.rubric)
        var v = Validator()
        if text.isEmpty { v.add("example_text", .required) } else if text.count > PeerReviewLimits.submissionTextLength { v.add("example_text", .tooLong) }
        if !PeerCalibration.fits(assessment, settings.rubric) { v.add("example_levels", .required) }
        let count = try await PeerExampleRecord.query(on: req.db).filter(\.$activityID == activity.id!).count()
        if count >= maximum { v.add("example_text", .outOfRange) }
        guard v.errors.isEmpty else {
            return try await PeerAssignmentEditor.page(req, context, course, activity, examples: Form.State(values: fields, errors: v.errors))
        }
        try await PeerExampleRecord(activityID: activity.id!, text: text, assessment: assessment, at: Date()).create(on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#examples",
                            flash: .exampleSaved)
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        guard let id = req.parameters.get("exampleID").flatMap(UUID.init(uuidString:)),
              let example = try await PeerExampleRecord.query(on: req.db).filter(\.$id == id).filter(\.$activityID == activity.id!).first()
        else { throw AppError.notFound() }
        try await example.delete(on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#examples",
                            flash: .deleted(title: "The example"))
    }
}
