import Domain
import Fluent
import Routes
import Vapor
import Views

/// The writes of quiz authoring.
enum QuizAuthoring {
    /// A quiz at the end of `module`, with the default settings (no question chosen yet).
    static func addQuiz(_ frame: ActivityInput, to module: ModuleRecord, on db: any Database) async throws -> ActivityRecord {
        try await db.writeTransaction { db in
            let activity = try await CourseAuthoring.appendActivity(.quiz, frame, to: module, on: db)
            try await QuizRecord(activityID: activity.id!, settings: QuizSettings()).create(on: db)
            return activity
        }
    }

    static func quiz(of activityID: UUID, on db: any Database) async throws -> QuizRecord {
        if let quiz = try await QuizRecord.query(on: db).filter(\.$activityID == activityID).first() { return quiz }
        return try QuizRecord(activityID: activityID, settings: QuizSettings())
    }

    /// The quiz's settings, through the read cache.
    static func settings(of activityID: UUID, caches: ReadCaches, on db: any Database) async throws -> QuizSettings {
        try await caches.quizzes.settings.value(for: activityID.lowercasedText) { try await quiz(of: activityID, on: db).settings }
    }
}

/// The quiz editor: frame and settings on one page (`LessonEditorController` hands quizzes here).
enum QuizEditor {
    struct QuizForm: Content {
        var title: String?
        var estimated_minutes: String?
        var required: String?
        var due_week: String?
        var due_weekday: String?
        var mode: String?
        var questions: [String]?
        var draw_topics: [String]?
        var draw_counts: [String]?
        var shuffle_questions: String?
        var shuffle_options: String?
        var max_attempts: String?
        var time_limit: String?
        var pass_percent: String?
        var show_answers: String?

        var values: [String: String] {
            ["title": title ?? "", "estimated_minutes": estimated_minutes ?? "", "required": required ?? "",
             "due_week": due_week ?? "", "due_weekday": due_weekday ?? "", "mode": mode ?? "", "max_attempts": max_attempts ?? "",
             "time_limit": time_limit ?? "", "pass_percent": pass_percent ?? "", "show_answers": show_answers ?? ""]
        }
    }

    static func page(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord,
                     settings: QuizSettings? = nil, state: Form.State = .empty) async throws -> Response {
        let module = try await ModuleRecord.find(activity.$module.id, on: req.db)
        let saved = try await QuizAuthoring.quiz(of: activity.id!, on: req.db).settings
        let bank = try await QuestionBankStore.entries(of: course.id!, on: req.db)
        let model = QuizEditorModel(
            organizationID: context.organization.id, courseID: .init(course.id!), courseName: course.name, moduleTitle: module?.title ?? "",
            activity: activity.domain(), settings: settings ?? saved,
            bank: bank.map { .init(id: $0.id.lowercasedText, kind: $0.question.kind,
                                   title: $0.question.title ?? QuizTextHTML.excerpt($0.question.stem, limit: 90), tags: $0.question.tags) },
            topics: QuestionBank.topics(of: bank.map(\.question).filter { $0.kind != .description }),
            state: state)
        return .page(QuizEditorPage.render(model, req.layout(context, section: .courses)),
                     status: state.errors.isEmpty ? .ok : .unprocessableEntity, request: req)
    }

    static func save(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ activity: ActivityRecord) async throws -> Response {
        let form = try req.content.decode(QuizForm.self)
        var v = Validator()
        let frame = ActivityInput.check(title: form.title, estimatedMinutes: form.estimated_minutes, required: form.required == "on",
                                        dueWeek: form.due_week, dueWeekday: form.due_weekday, into: &v)
        let topics = form.draw_topics ?? []
        let counts = form.draw_counts ?? []
        var draws: [String: String] = [:]
        for (index, topic) in topics.enumerated() where index < counts.count { draws[topic] = counts[index] }
        var settings: QuizSettings?
        do {
            settings = try QuizInput.check(mode: form.mode, questionIDs: form.questions ?? [], draws: draws,
                                           shuffleQuestions: form.shuffle_questions == "on", shuffleOptions: form.shuffle_options == "on",
                                           maxAttempts: form.max_attempts, timeLimit: form.time_limit, passPercent: form.pass_percent,
                                           showAnswers: form.show_answers)
        } catch {
            for problem in error.errors { v.add(problem.field, problem.reason) }
        }
        // Only this course's questions and topics.
        let bank = try await QuestionBankStore.entries(of: course.id!, on: req.db)
        switch settings?.selection {
        case .fixed(let ids)?:
            let known = Set(bank.map { $0.id.lowercasedText })
            if !ids.allSatisfy({ known.contains($0.lowercased()) }) { v.add("questions", .invalid) }
        case .random(let list)?:
            let known = Set(bank.flatMap(\.question.tags))
            if !list.allSatisfy({ known.contains($0.topic) }) { v.add("draws", .invalid) }
        case nil:
            break
        }
        guard let settings, v.errors.isEmpty else {
            var values = form.values
            values["questions"] = (form.questions ?? []).joined(separator: "\n")
            for (topic, count) in draws { values["draw:" + topic] = count }
            return try await page(req, context, course, activity, state: Form.State(values: values, errors: v.errors))
        }
        let quiz = try await QuizAuthoring.quiz(of: activity.id!, on: req.db)
        activity.apply(frame)
        try quiz.apply(settings)
        try await req.db.writeTransaction { db in
            try await activity.save(on: db)
            try await quiz.save(on: db)
        }
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path,
                            flash: .quizSaved(title: frame.title))
    }
}
