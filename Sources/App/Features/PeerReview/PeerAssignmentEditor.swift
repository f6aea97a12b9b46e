import Domain
import Fluent
import Routes
import Vapor
import Views

/// The writes of peer assignment authoring.
enum PeerAssignmentAuthoring {
    /// A peer assignment at the end of `module`, with the starter rubric for the author to adapt.
    static func add(_ frame: ActivityInput, to module: ModuleRecord, on db: any Database) async throws -> ActivityRecord {
        try await db.writeTransaction { db in
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
        model.examples = try await PeerExampleEditor.examples(of: activity.id!, rubric: settings.rubric, on: req.db)
        model.exampleState = exampleState
        let refused = !state.errors.isEmpty || !exampleState.errors.isEmpty
        return .page(PeerAssignmentEditorPage.render(model, req.layout(context, section: .courses)),
                     status: refused ? .unprocessableEntity : .ok, request: req)
    }

    static func save(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord) async throws -> Response {
        let fields = Dictionary(req.formFields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
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
        try await req.db.writeTransaction { db in
            try await activity.save(on: db)
            try await record.save(on: db)
        }
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                            flash: .peerAssignmentSaved(title: frame.title))
    }
}

/// The graded examples learners calibrate on: written in the assignment's editor by authors, or
/// on the cohort's examples page by its trainers (and the organization's admins). They belong to
/// the course's activity, so every cohort running it shares them.
enum PeerExampleEditor {
    static let maximum = PeerReviewLimits.examples

    /// Saves the example the form describes; nil once saved, else what to show again with why.
    static func save(_ fields: [String: String], activityID: UUID, rubric: Rubric, on db: any Database) async throws -> Form.State? {
        let text = (fields["example_text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let assessment = PeerAssignmentInput.assessment(fields, rubric: rubric)
        var v = Validator()
        if text.isEmpty { v.add("example_text", .required) } else if text.count > PeerReviewLimits.submissionTextLength { v.add("example_text", .tooLong) }
        if !PeerCalibration.fits(assessment, rubric) { v.add("example_levels", .required) }
        let count = try await PeerExampleRecord.query(on: db).filter(\.$activityID == activityID).count()
        if count >= maximum { v.add("example_text", .outOfRange) }
        guard v.errors.isEmpty else { return Form.State(values: fields, errors: v.errors) }
        try await PeerExampleRecord(activityID: activityID, text: text, assessment: assessment, at: Date()).create(on: db)
        return nil
    }

    /// The activity's examples, each marked whether it fits the rubric as it is now.
    static func examples(of activityID: UUID, rubric: Rubric, on db: any Database) async throws -> [PeerAssignmentEditorModel.Example] {
        try await PeerExampleRecord.query(on: db).filter(\.$activityID == activityID).sort(\.$createdAt).all().compactMap { example in
            example.assessment.map { .init(id: example.id!.lowercasedText, text: example.text, assessment: $0, fits: PeerCalibration.fits($0, rubric)) }
        }
    }

    /// Deletes an example nobody has assessed yet; nil once deleted, else the refusal to show.
    /// Learners' attempts rest on the example they assessed (whether they may review, and their
    /// weight as reviewers, in every cohort of the course), so an assessed example stays.
    static func delete(_ exampleID: String?, of activityID: UUID, on db: any Database) async throws -> Form.State? {
        guard let id = exampleID.flatMap(UUID.init(uuidString:)),
              let example = try await PeerExampleRecord.query(on: db).filter(\.$id == id).filter(\.$activityID == activityID).first()
        else { throw AppError.notFound() }
        guard try await PeerCalibrationRecord.query(on: db).filter(\.$exampleID == id).count() == 0 else {
            return Form.State(values: [:], errors: [FieldError("example", .locked)])
        }
        try await example.delete(on: db)
        return nil
    }

    // MARK: In the course editor (authors, admins)

    @Sendable static func add(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        guard activity.kind == .peerAssignment else { throw AppError.notFound() }
        let settings = try await PeerReviewStore.settings(of: activity.id!, on: req.db)
        if let refused = try await save(PeerReviewController.fields(req), activityID: activity.id!, rubric: settings.rubric, on: req.db) {
            return try await PeerAssignmentEditor.page(req, context, course, activity, examples: refused)
        }
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#examples",
                            flash: .exampleSaved)
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        if let refused = try await delete(req.parameters.get("exampleID"), of: activity.id!, on: req.db) {
            return try await PeerAssignmentEditor.page(req, context, course, activity, examples: refused)
        }
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#examples",
                            flash: .deleted(title: "The example"))
    }

    // MARK: In the cohort (its trainers, the organization's admins)

    private static func grader(_ req: Request) async throws -> PeerReviewController.Located {
        let access = try await LearningAccess.load(req)
        guard PeerSubmissionDetail.mayGrade(access) else { throw AppError.notFound() }
        return try await PeerReviewController.locate(req, access, activityID: req.parameters.get("activityID"))
    }

    private static func cohortPage(_ req: Request, _ at: PeerReviewController.Located, state: Form.State = .empty) async throws -> Response {
        let rubric = at.place.settings.rubric
        let model = PeerCohortExamplesModel(
            organizationID: at.access.context.organization.id, cohortID: .init(at.access.cohortID), activityID: at.located.activity.id,
            activityTitle: at.located.activity.title, rubric: rubric,
            examples: try await examples(of: at.place.activityID, rubric: rubric, on: req.db), state: state,
            calibrationOn: at.place.settings.requiresCalibration)
        return .page(PeerCohortExamplesPage.render(model, req.layout(at.access.context, section: .home)),
                     status: state.errors.isEmpty ? .ok : .unprocessableEntity, request: req)
    }

    private static func cohortPath(_ at: PeerReviewController.Located) -> String {
        SiteRoute.peerCohortExamples(at.access.context.organization.id, .init(at.access.cohortID), at.located.activity.id).path
    }

    @Sendable static func cohortExamples(req: Request) async throws -> Response {
        try await cohortPage(req, try await grader(req))
    }

    @Sendable static func cohortAdd(req: Request) async throws -> Response {
        let at = try await grader(req)
        if let refused = try await save(PeerReviewController.fields(req), activityID: at.place.activityID, rubric: at.place.settings.rubric,
                                        on: req.db) {
            return try await cohortPage(req, at, state: refused)
        }
        return req.redirect(to: cohortPath(at), flash: .exampleSaved)
    }

    @Sendable static func cohortDelete(req: Request) async throws -> Response {
        let at = try await grader(req)
        if let refused = try await delete(req.parameters.get("exampleID"), of: at.place.activityID, on: req.db) {
            return try await cohortPage(req, at, state: refused)
        }
        return req.redirect(to: cohortPath(at), flash: .deleted(title: "The example"))
    }
}
