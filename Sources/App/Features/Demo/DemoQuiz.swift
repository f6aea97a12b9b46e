import Domain
import Fluent
import Foundation

/// The demo course's question bank, written in GIFT as an author would import it: every kind of
/// question, topics tagged, each topic linked to the lessons that teach it; a quiz drawing on
/// it at the end of the second module, which learner01 has taken once.
enum DemoQuiz {
    static let gift = #"""
        $CATEGORY: $course$/top/Handling escalations

        // [tag:listening]
        ::Open the call::[markdown]A customer calls, angry about a **late shipment**. What do you say first? {
          =I'm sorry for the delay. Tell me what it is costing you today. # You own the problem and let them talk.
          ~The truck left the depot late, it is not our fault. # Explaining before listening makes them feel unheard.
          ~Can I call you back once I know more? # Silence is what people do not forgive.
        ####Listening comes before answering: ask, then acknowledge.}

        // [tag:listening]
        ::Signs of listening:: Which of these show the customer you listened? {
          ~%50%You repeat the facts they gave you. # Yes: it proves you heard them.
          ~%50%You ask what the delay costs them. # Yes: it shows you care about their problem.
          ~%-100%You interrupt to give the new delivery date. # Interrupting undoes the rest.
        }

        // [tag:root-cause]
        ::Five whys:: In the five whys, you stop asking when the answer is something you can {=change =fix =%50%control} yourself.

        // [tag:root-cause]
        ::Stop at the first why:: The first answer to “why was the truck late?” is usually the root cause. {F#The first answer describes the symptom.#Right: keep asking until you reach something you can change.}

        // [tag:status-mail]
        ::Status e-mail length:: At most how many words should the first status e-mail have? {#120:20}

        // [tag:root-cause] [tag:status-mail]
        ::Steps and their purpose:: Match each step with its purpose. {
          =Five whys -> find the root cause
          =Status e-mail -> keep the customer informed
          =Corrective action -> stop it from happening again
        }

        // [tag:status-mail]
        ::Your own case:: Describe an escalation you handled and what you would do differently now. {}
        """#

    /// Topics and the lessons (by title) that teach them.
    static let topics: [String: [String]] = [
        "listening": ["Listening before answering", "Why escalations happen"],
        "root-cause": ["Five whys at the depot", "Reading the shipment log"],
        "status-mail": ["Your first status e-mail"],
    ]

    static func load(course: CourseRecord, cohort: CohortRecord, people: [String: PersonRecord], on db: any Database) async throws {
        try await QuestionBankStore.append(try GIFT.parse(gift), to: course, on: db)
        let lessons = try await ActivityRecord.query(on: db).filter(\.$courseID == course.id!).all()
        for (topic, titles) in topics {
            let ids = Set(lessons.filter { titles.contains($0.title) }.compactMap(\.id))
            try await QuestionBankStore.setLessons(ids, teaching: topic, in: course.id!, on: db)
        }
        guard let module = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!)
                .filter(\.$title == "Finding the root cause").first() else { return }
        let quiz = try await QuizAuthoring.addQuiz(ActivityInput(title: "Check yourself: escalations", estimatedMinutes: 10, required: false,
                                                                 due: nil), to: module, on: db)
        let bank = try await QuestionBankStore.entries(of: course.id!, on: db).filter { $0.question.kind != .essay }
        let settings = QuizSettings(selection: .fixed(bank.map { $0.id.lowercasedText }), shuffleOptions: true)
        let record = try await QuizAuthoring.quiz(of: quiz.id!, on: db)
        try record.apply(settings)
        try await record.save(on: db)
        if let learner = people["learner01@northwind.test"] {
            try await attempt(by: learner, at: quiz, in: cohort, settings: settings, bank: bank, on: db)
        }
    }

    /// learner01's first attempt: right on listening, wrong elsewhere, so the result page has
    /// weak topics to lead somewhere.
    static func attempt(by learner: PersonRecord, at quiz: ActivityRecord, in cohort: CohortRecord, settings: QuizSettings,
                        bank: [QuestionBankStore.Entry], on db: any Database) async throws {
        let items = try AttemptPlan.make(settings, bank: bank.map { ($0.id.lowercasedText, $0.question) }, seed: 2026)
        let attempt = QuizAttemptRecord()
        attempt.organizationID = cohort.$organization.id
        attempt.cohortID = cohort.id!
        attempt.activityID = quiz.id!
        attempt.personID = learner.id!
        attempt.number = 1
        attempt.revision = 0
        attempt.startedAt = Date().addingTimeInterval(-2 * 3600)
        attempt.itemsJSON = try AttemptItemsCache.encode(items)
        try await attempt.create(on: db)
        var responses: [Int: QuestionResponse?] = [:]
        for (position, item) in items.enumerated() {
            let right = item.question.tags.contains("listening")
            switch item.question.answers {
            case .singleChoice(let choices): responses[position] = .choice(choices.firstIndex { $0.weight == 100 } ?? 0)
            case .multipleResponse(let choices):
                responses[position] = .choices(Set(choices.indices.filter { right ? choices[$0].weight > 0 : choices[$0].weight < 0 }))
            case .trueFalse(let answer): responses[position] = .truth(right ? answer.isTrue : !answer.isTrue)
            case .shortAnswer: responses[position] = .text("ask the driver")
            case .numerical: responses[position] = .number("300")
            default: break
            }
        }
        try await QuizAttemptStore.save(responses, to: attempt.id!, on: db)
        _ = try await QuizAttemptStore.submit(attempt, now: Date().addingTimeInterval(-3600), on: db)
    }
}
