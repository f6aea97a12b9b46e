import Domain
import Fluent
import Routes
import Vapor
import Views

/// Authors keep a question bank per course: import and export GIFT, edit and delete questions,
/// link topics to the lessons that teach them.
struct QuestionBankController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let bank = routes.grouped("orgs", ":orgID", "courses", ":courseID", "questions")
        bank.get(use: page)
        // The file's bytes, plus room for the form around them.
        bank.postForm("import", upTo: QuestionBank.maximumImportBytes + 65_536, use: importGIFT)
        bank.get("export.gift", use: export)
        bank.post("topics", use: saveTopic)
        bank.get(":questionID", use: edit)
        bank.post(":questionID", use: save)
        bank.post(":questionID", "delete", use: delete)
    }

    struct ImportForm: Content { var gift: String?; var file: File? }
    struct EditForm: Content { var gift: String? }
    struct TopicForm: Content { var topic: String?; var lessons: [String]? }

    func page(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        return try await render(req, context, course)
    }

    private func render(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, importText: String = "",
                        problem: String? = nil) async throws -> Response {
        let entries = try await QuestionBankStore.entries(of: course.id!, on: req.db)
        let links = try await QuestionBankStore.topicLessons(of: course.id!, on: req.db)
        let lessons = try await QuestionBankStore.lessons(of: course.id!, on: req.db)
        let model = QuestionBankModel(
            organizationID: context.organization.id, courseID: .init(course.id!), courseName: course.name,
            questions: entries.map { .init(id: $0.id.lowercasedText, question: $0.question) },
            topics: QuestionBank.topics(of: entries.map(\.question)).map { .init(name: $0.name, questions: $0.questions, lessons: links[$0.name] ?? []) },
            lessons: lessons.map { .init(id: $0.activity.id, title: $0.activity.title, module: $0.module) },
            importText: importText, importProblem: problem)
        return .page(QuestionBankPage.render(model, req.layout(context, section: .courses)),
                     status: problem == nil ? .ok : .unprocessableEntity, request: req)
    }

    func importGIFT(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let form = try req.content.decode(ImportForm.self)
        var text = form.gift ?? ""
        if let file = form.file, file.data.readableBytes > 0 {
            guard let fileText = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) else {
                return try await render(req, context, course, problem: "the file is not UTF-8 text. Save it as UTF-8 and try again.")
            }
            text = fileText
        }
        do {
            guard text.utf8.count <= QuestionBank.maximumImportBytes else { throw QuestionBank.Problem.tooLarge }
            let questions = try await Self.parse(text, on: req)
            try await QuestionBankStore.append(questions, to: course, on: req.db)
            return req.redirect(to: SiteRoute.questionBank(context.organization.id, .init(course.id!)).path,
                                flash: .questionsImported(count: questions.count))
        } catch let error as GIFTError {
            return try await render(req, context, course, importText: form.gift ?? "", problem: error.description)
        } catch let problem as QuestionBank.Problem {
            return try await render(req, context, course, importText: form.gift ?? "", problem: problem.description)
        }
    }

    func export(req: Request) async throws -> Response {
        let (_, course) = try await CourseEditorController.authoring(req)
        let questions = try await QuestionBankStore.entries(of: course.id!, on: req.db).map(\.question)
        let response = Response(status: .ok, body: .init(string: GIFT.export(questions)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition,
                                      value: BlobResponse.contentDisposition("\(course.name) questions.gift", inline: false))
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    func edit(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let record = try await QuestionBankStore.record(req.parameters.get("questionID"), of: course.id!, on: req.db)
        let question = try record.question()
        return try renderEdit(req, context, course, record, question, gift: Self.editableGIFT(question))
    }

    private func renderEdit(_ req: Request, _ context: OrganizationContext, _ course: CourseRecord, _ record: QuestionRecord,
                            _ question: Question, gift: String, problem: String? = nil) throws -> Response {
        let model = QuestionEditModel(organizationID: context.organization.id, courseID: .init(course.id!), courseName: course.name,
                                      id: record.id!.lowercasedText, question: question, gift: gift, problem: problem)
        return .page(QuestionEditPage.render(model, req.layout(context, section: .courses)),
                     status: problem == nil ? .ok : .unprocessableEntity, request: req)
    }

    func save(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let record = try await QuestionBankStore.record(req.parameters.get("questionID"), of: course.id!, on: req.db)
        let text = try req.content.decode(EditForm.self).gift ?? ""
        do {
            guard text.utf8.count <= QuestionBank.maximumImportBytes else { throw QuestionBank.Problem.tooLarge }
            var question = try QuestionBank.checkEdit(try await Self.parse(text, on: req))
            // The editor shows the question without its category: it stays where it was.
            if question.category == nil { question.category = try record.question().category }
            try record.apply(question)
            try await record.save(on: req.db)
            return req.redirect(to: SiteRoute.questionBank(context.organization.id, .init(course.id!)).path + "#question-\(record.id!.lowercasedText)",
                                flash: .questionSaved)
        } catch let error as GIFTError {
            return try renderEdit(req, context, course, record, try record.question(), gift: text, problem: error.description)
        } catch let problem as QuestionBank.Problem {
            return try renderEdit(req, context, course, record, try record.question(), gift: text, problem: problem.description)
        }
    }

    /// Parses off the event loop: a 2 MB file takes a couple of seconds, which other requests
    /// sharing the loop must not wait for.
    static func parse(_ text: String, on req: Request) async throws -> [Question] {
        try await req.application.threadPool.runIfActive { try GIFT.parse(text) }
    }

    /// The question as an author edits it: its GIFT without the `$CATEGORY` line.
    static func editableGIFT(_ question: Question) -> String {
        var uncategorised = question
        uncategorised.category = nil
        return GIFT.export([uncategorised])
    }

    func delete(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let record = try await QuestionBankStore.record(req.parameters.get("questionID"), of: course.id!, on: req.db)
        let question = try record.question()
        try await record.delete(on: req.db)
        return req.redirect(to: SiteRoute.questionBank(context.organization.id, .init(course.id!)).path,
                            flash: .deleted(title: String((question.title ?? QuizTextHTML.excerpt(question.stem, limit: 60)).prefix(80))))
    }

    func saveTopic(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let form = try req.content.decode(TopicForm.self)
        let questions = try await QuestionBankStore.entries(of: course.id!, on: req.db).map(\.question)
        guard let topic = form.topic, questions.contains(where: { $0.tags.contains(topic) }) else {
            throw Abort(.unprocessableEntity, reason: "No question of this bank has that topic.")
        }
        let lessons = Set(try await QuestionBankStore.lessons(of: course.id!, on: req.db).map { $0.activity.id.uuid })
        let chosen = try Set((form.lessons ?? []).map { text in
            guard let id = UUID(uuidString: text), lessons.contains(id) else {
                throw Abort(.unprocessableEntity, reason: "A chosen lesson is not a lesson of this course.")
            }
            return id
        })
        try await QuestionBankStore.setLessons(chosen, teaching: topic, in: course.id!, on: req.db)
        return req.redirect(to: SiteRoute.questionBank(context.organization.id, .init(course.id!)).path + "#topics",
                            flash: .topicLessonsSaved(topic: String(topic.prefix(80))))
    }
}
