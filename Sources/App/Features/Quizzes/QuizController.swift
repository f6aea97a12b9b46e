import Domain
import Fluent
import Routes
import SQLKit
import Vapor
import Views

/// Learners take quizzes: start (or resume) an attempt, answers saved as they go, submit, and
/// the result page that says what to study next. Staff of the cohort read learners' results.
struct QuizController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.post("activities", ":activityID", "attempts", use: start)
        cohort.get("attempts", ":attemptID", use: attemptPage)
        cohort.post("attempts", ":attemptID", "answers", use: autosave)
        cohort.post("attempts", ":attemptID", "submit", use: submit)
        cohort.get("attempts", ":attemptID", "result", use: result)
        cohort.post("attempts", ":attemptID", "grades", ":position", use: grade)
    }

    /// The quiz activity of the path, open to this learner; 404 otherwise.
    static func quiz(_ req: Request, _ access: LearningAccess, activityID: String?) async throws -> (LearnerView, LearnerView.Located, QuizSettings) {
        guard access.canSeeContent else { throw AppError.notFound() }
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        guard let located = view.locate(activityID), located.activity.kind == .quiz, access.isOpen(located.module) else {
            throw AppError.notFound()
        }
        return (view, located, try await QuizAuthoring.quiz(of: located.activity.id.uuid, on: req.db).settings)
    }

    /// The quiz's page in the course (the learning pages hand quizzes here).
    static func startPage(_ req: Request, _ access: LearningAccess, _ view: LearnerView, _ located: LearnerView.Located,
                          problem: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let settings = try await QuizAuthoring.quiz(of: located.activity.id.uuid, on: req.db).settings
        let attempts = try await QuizAttemptStore.attempts(of: access.personID, at: located.activity.id.uuid, in: access.cohortID, on: req.db)
        let rows = attempts.map { attempt -> QuizStartModel.AttemptRow in
            let score = QuizAttemptStore.score(of: attempt)
            return .init(id: attempt.id!.lowercasedText, number: attempt.number, started: attempt.startedAt, score: score,
                         passed: score?.passed(atPercent: Double(settings.passPercent)))
        }
        var model = QuizStartModel(frame: view.lessonModel(access, located, html: TrustedHTML(sanitized: ""), video: nil), settings: settings,
                                   attempts: rows, openAttemptID: attempts.last { $0.submittedAt == nil }?.id?.lowercasedText,
                                   mastery: try await QuizMastery.of(access.personID, in: access.cohortID, on: req.db), problem: problem)
        if access.isStaff {
            model.report = try await QuizCohortReport.load(access, activityID: located.activity.id.uuid, settings: settings, on: req.db)
        }
        return .page(QuizStartPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    func start(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.isLearner else { throw AppError.notFound() }
        let (view, located, settings) = try await Self.quiz(req, access, activityID: req.parameters.get("activityID"))
        do {
            let attempt = try await QuizAttemptStore.startOrResume(access, activityID: located.activity.id.uuid, settings: settings, on: req.db)
            return req.redirect(to: SiteRoute.quizAttempt(access.context.organization.id, .init(access.cohortID), attempt.id!.lowercasedText).path)
        } catch let error as AttemptError {
            return try await Self.startPage(req, access, view, located, problem: Self.message(error), status: .unprocessableEntity)
        }
    }

    /// The learner's own attempt of this cohort; 404 for anyone else's.
    private func ownAttempt(_ req: Request) async throws -> (LearningAccess, QuizAttemptRecord) {
        let access = try await LearningAccess.load(req)
        let attempt = try await QuizAttemptStore.attempt(req.parameters.get("attemptID"), in: access.cohortID, on: req.db)
        guard access.isLearner, attempt.personID == access.personID else { throw AppError.notFound() }
        return (access, attempt)
    }

    func attemptPage(req: Request) async throws -> Response {
        let (access, attempt) = try await ownAttempt(req)
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        if try await QuizAttemptStore.closeIfTimeUp(attempt, commits: req.application.realtime.commits, caches: req.application.readCaches,
                                                         on: req.db) || attempt.submittedAt != nil {
            return req.redirect(to: SiteRoute.quizAttemptResult(org, cohort, attempt.id!.lowercasedText).path)
        }
        let items = attempt.items
        let responses = try await QuizAttemptStore.responses(of: attempt.id!, on: req.db)
        var values: [String: [String]] = [:]
        for (position, response) in responses where items.indices.contains(position) {
            values.merge(AttemptForm.values(of: response, for: items[position], position: position)) { $1 }
        }
        return try await Self.renderAttempt(req, access, attempt, values: values)
    }

    static func renderAttempt(_ req: Request, _ access: LearningAccess, _ attempt: QuizAttemptRecord, values: [String: [String]],
                              problem: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let title = try await ActivityRecord.find(attempt.activityID, on: req.db)?.title ?? "Quiz"
        let model = QuizAttemptModel(organizationID: access.context.organization.id, cohortID: .init(access.cohortID),
                                     attemptID: attempt.id!.lowercasedText, quizTitle: title, number: attempt.number, items: attempt.items,
                                     values: values, secondsLeft: attempt.deadline.map { max(0, Int($0.timeIntervalSinceNow)) }, problem: problem)
        return .page(QuizAttemptPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    struct SavedResponse: Content { let saved: Int }

    /// Answers sent by the page's script as the learner goes: the fields of one or more questions.
    func autosave(req: Request) async throws -> SavedResponse {
        let (_, attempt) = try await ownAttempt(req)
        let responses = try Self.readAnswers(req, attempt)
        req.writesNothingCached()
        do {
            try await QuizAttemptStore.save(responses, to: attempt.id!, commits: req.application.realtime.commits, on: req.db)
        } catch let error as AttemptError {
            throw AppError(status: .unprocessableEntity, code: "already_submitted", message: Self.message(error))
        }
        return SavedResponse(saved: responses.count)
    }

    func submit(req: Request) async throws -> Response {
        let (access, attempt) = try await ownAttempt(req)
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        let resultPath = SiteRoute.quizAttemptResult(org, cohort, attempt.id!.lowercasedText).path
        if attempt.submittedAt != nil { return req.redirect(to: resultPath) }
        var answers: [Int: QuestionResponse?] = [:]
        let timeUp: Bool
        do {
            try AttemptRules.checkAnswer(now: Date(), deadline: attempt.deadline, submitted: false)
            answers = try Self.readAnswers(req, attempt)
            timeUp = false
        } catch .timeUp as AttemptError {
            timeUp = true  // what was saved in time counts; what came late does not
        } catch let error as AppError where error.code == "answer_does_not_fit" {
            // A mistake a person makes (two items ranked 2nd): the page again, with their answers.
            let values = Dictionary(grouping: req.formFields, by: \.name).mapValues { $0.map(\.value) }
            return try await Self.renderAttempt(req, access, attempt, values: values, problem: error.message, status: .unprocessableEntity)
        }
        req.writesNothingCached()
        let db = req.db
        guard let submitted = try await QuizAttemptStore.submit(attempt, adding: answers, commits: req.application.realtime.commits,
                                                                caches: req.application.readCaches, on: db) else { return req.redirect(to: resultPath) }
        try await QuizAttemptStore.updateProgress(of: attempt, othersMayPass: false, wasDone: submitted.quizWasDone,
                                                  caches: req.application.readCaches, on: db)
        return req.redirect(to: resultPath, flash: timeUp ? .quizTimeUp : nil)
    }

    /// Every question's answer present in the posted form, checked against its question.
    static func readAnswers(_ req: Request, _ attempt: QuizAttemptRecord) throws -> [Int: QuestionResponse?] {
        do {
            try AttemptRules.checkAnswer(now: Date(), deadline: attempt.deadline, submitted: attempt.submittedAt != nil)
        } catch {
            throw AppError(status: .unprocessableEntity, code: error == .timeUp ? "time_up" : "already_submitted", message: message(error))
        }
        let fields = req.formFields
        let names = Set(fields.map { $0.name.split(separator: ".").first.map(String.init) ?? $0.name })
        let form = AttemptFormFields(fields)
        var responses: [Int: QuestionResponse?] = [:]
        for (position, item) in attempt.items.enumerated() where names.contains(AttemptForm.fieldName(position: position)) {
            do {
                responses[position] = try AttemptForm.response(for: item, position: position, in: form)
            } catch {
                throw AppError(status: .unprocessableEntity, code: "answer_does_not_fit",
                               message: "The answer to question \(position + 1) does not fit it. Reload the page and answer again.")
            }
        }
        return responses
    }

    func result(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let (attempt, mastery) = try await QuizAttemptStore.headAndMastery(req.parameters.get("attemptID"), in: access.cohortID, on: req.db)
        guard attempt.personID == access.personID || access.isStaff else { throw AppError.notFound() }
        if attempt.submittedAt == nil, AttemptRules.isTimeUp(now: Date(), deadline: attempt.deadline) {
            // Left open past its time: submitted now, as it stands.
            let record = try await QuizAttemptStore.attempt(attempt.id.lowercasedText, in: access.cohortID, on: req.db)
            _ = try await QuizAttemptStore.closeIfTimeUp(record, commits: req.application.realtime.commits, caches: req.application.readCaches,
                                                         on: req.db)
            return try await Self.renderResult(req, access, QuizAttemptHead(record))  // its mastery moved on
        }
        return try await Self.renderResult(req, access, attempt, mastery: mastery)
    }

    /// The learner's own attempt, or any learner's of the cohort for its staff; 404 otherwise.
    static func readableAttempt(_ req: Request) async throws -> (LearningAccess, QuizAttemptRecord) {
        let access = try await LearningAccess.load(req)
        let attempt = try await QuizAttemptStore.attempt(req.parameters.get("attemptID"), in: access.cohortID, on: req.db)
        guard attempt.personID == access.personID || access.isStaff else { throw AppError.notFound() }
        return (access, attempt)
    }

    struct GradeForm: Content { var percent: String?; var comment: String? }

    /// Staff grade a written answer; the learner's score, pass and progress follow.
    func grade(req: Request) async throws -> Response {
        let (access, attempt) = try await Self.readableAttempt(req)
        guard access.isStaff, attempt.submittedAt != nil, let position = req.parameters.get("position").flatMap(Int.init),
              attempt.items.indices.contains(position), attempt.items[position].question.kind == .essay else { throw AppError.notFound() }
        let form = try req.content.decode(GradeForm.self)
        do {
            let grade = try EssayGrade.check(percent: form.percent, comment: form.comment)
            try await QuizAttemptStore.grade(attempt, position: position, grade, by: access.personID, writes: req.application.realtime.writes,
                                            on: req.db)
        } catch let errors as ValidationErrors {
            let state = Form.State(values: ["percent": form.percent ?? "", "comment": form.comment ?? ""], errors: errors.errors)
            return try await Self.renderResult(req, access, QuizAttemptHead(attempt), problem: (position, state), status: .unprocessableEntity)
        }
        try await QuizAttemptStore.updateProgress(of: attempt, caches: req.application.readCaches, on: req.db)
        let path = SiteRoute.quizAttemptResult(access.context.organization.id, .init(access.cohortID), attempt.id!.lowercasedText).path
        return req.redirect(to: path + "#answer-\(position + 1)", flash: .answerGraded)
    }

    /// `mastery`: the learner's, when the caller read it with the attempt.
    static func renderResult(_ req: Request, _ access: LearningAccess, _ attempt: QuizAttemptHead,
                             mastery: [(topic: String, value: Double)]? = nil,
                             problem: (position: Int, state: Form.State)? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let org = access.context.organization.id, cohort = Cohort.ID(access.cohortID)
        guard let score = attempt.score else {
            return req.redirect(to: SiteRoute.quizAttempt(org, cohort, attempt.id.lowercasedText).path)
        }
        let caches = req.application.readCaches, db = req.db  // (Vapor makes a new handle at each `req.db`)
        let settings = try await QuizAuthoring.settings(of: attempt.activityID, caches: caches, on: db)
        let facts = try await QuizResultFacts.of(attempt.activityID, access, caches: caches, on: db)
        let graded = try await caches.quizzes.graded.value(for: QuizCaches.gradedKey(attempt)) {
            try await GradedAttempt.load(attempt, on: db as! any SQLDatabase)
        }
        // Attempts used: only asked when the policy depends on it.
        let used = settings.showAnswers == .afterLastAttempt && settings.maxAttempts != nil
            ? try await QuizAttemptRecord.query(on: db).filter(\.$cohortID == access.cohortID)
                .filter(\.$activityID == attempt.activityID).filter(\.$personID == attempt.personID).count()
            : 0
        let mastery = if let mastery { mastery } else { try await QuizMastery.of(attempt.personID, in: access.cohortID, on: db) }
        let learner = attempt.personID == access.personID ? nil : try await PersonRecord.find(attempt.personID, on: db)?.name
        var model = QuizResultModel(
            organizationID: org, cohortID: cohort, activityID: .init(attempt.activityID), quizTitle: facts.title,
            learnerName: learner, number: attempt.number, score: score, passPercent: settings.passPercent,
            items: graded.items.enumerated().map { position, item in
                .init(position: position, item: item, response: graded.responses[position], mark: graded.marks[position],
                      comment: graded.comments[position])
            },
            showsRightAnswers: AttemptRules.showsRightAnswers(settings.showAnswers, attemptsUsed: used, maxAttempts: settings.maxAttempts),
            mastery: mastery,
            weak: QuizNextSteps.weakTopics(mastery, graded, facts: facts, access: access))
        if access.isStaff { model.grading = .init(attemptID: attempt.id.lowercasedText, problem: problem) }
        if access.isLearner, !model.weak.isEmpty {
            model.trainers = facts.trainers.map { ($0.id, $0.name) }
            model.askTrainerDraft = "About the quiz “\(model.quizTitle)”: I would like help with "
                + model.weak.map { "“\($0.topic)”" }.joined(separator: ", ") + "."
        }
        // A learner's answers read the same at every view of this revision: rendered once (staff's carry grading forms).
        var answers: TrustedHTML?
        if model.grading == nil {
            let learnerView = model
            answers = await caches.quizzes.answers.value(for: "\(QuizCaches.gradedKey(attempt))/\(model.showsRightAnswers)") {
                QuizResultPage.answers(learnerView)
            }
        }
        return .page(QuizResultPage.render(model, req.layout(access.context, section: .home), answers: answers), status: status, request: req)
    }

    static func message(_ error: AttemptError) -> String {
        switch error {
        case .noQuestions: "This quiz has no questions yet. Tell your trainer."
        case .notEnoughQuestions(let topic, _): "This quiz asks for more questions on “\(topic)” than there are. Tell your trainer."
        case .noAttemptsLeft: "You have used every attempt of this quiz."
        case .timeUp: "The time for this attempt is over."
        case .alreadySubmitted: "This attempt is already submitted."
        }
    }
}
