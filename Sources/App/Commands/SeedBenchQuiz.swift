import Domain
import Fluent
import Foundation
import SQLKit

/// For bench/quiz.sh: a bank of 20 questions of every gradable kind, a quiz of all 20 in the
/// first module, and `attempts` open attempts by the first learner, each to be submitted once.
enum SeedBenchQuiz {
    struct Seeded {
        /// The first attempt's path; the others share its prefix.
        let attemptsFile: String
        /// The form "Submit" sends for every attempt (the questions are not shuffled).
        let body: String
    }

    static let gift = (1...4).map { n in
        """
        // [tag:listening]
        ::Q\(n)a:: Which question is open? {=What matters most to you? ~Is the price fine? #A yes ends it. ~Can we sign today?}

        // [tag:listening] [tag:feedback]
        ::Q\(n)b:: Which show you listened? {~%50%You repeat their facts ~%50%You ask what it costs them ~%-100%You interrupt}

        // [tag:anchoring]
        ::Q\(n)c:: The first number said is called the {=anchor =anchoring =%50%opening}.

        // [tag:anchoring]
        ::Q\(n)d:: A first offer should be modest. {F#Ambitious anchors work.#Right.}

        // [tag:feedback]
        ::Q\(n)e:: Concessions lose how many percent? {#=20:5 =%50%10..30}
        """
    }.joined(separator: "\n\n")

    /// Per question of each group of five: right, half right, right, wrong, right — a result
    /// page with a weak topic.
    static let answers = ["0", "0", "anchor", "true", "20"]

    static func seed(cohort: CohortRecord, learner: UUID, attempts count: Int, file: String, on db: any Database) async throws -> Seeded {
        guard let course = try await CourseRecord.find(cohort.$course.id, on: db),
              let module = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!).sort(\.$position).first() else {
            throw SeedError.noCourse
        }
        try await QuestionBankStore.append(try GIFT.parse(gift), to: course, on: db)
        let bank = try await QuestionBankStore.entries(of: course.id!, on: db)
        let quiz = try await QuizAuthoring.addQuiz(ActivityInput(title: "Bench quiz", estimatedMinutes: 10, required: false, due: nil),
                                                   to: module, on: db)
        let settings = QuizSettings(selection: .fixed(bank.map { $0.id.lowercasedText }), shuffleOptions: true)
        let record = try await QuizAuthoring.quiz(of: quiz.id!, on: db)
        try record.apply(settings)
        try await record.save(on: db)
        let plan = bank.map { ($0.id.lowercasedText, $0.question) }
        var ids: [String] = []
        for batch in stride(from: 0, to: count, by: 500) {
            let numbers = batch..<min(batch + 500, count)
            let batchIDs = numbers.map { _ in UUID() }
            ids += batchIDs.map(\.lowercasedText)
            try await db.writeTransaction { db in
                let sql = db as! any SQLDatabase
                let insert = sql.insert(into: "quiz_attempts").columns("id", "organization_id", "cohort_id", "activity_id", "person_id", "number",
                                                                       "started_at", "items")
                for (number, id) in zip(numbers, batchIDs) {
                    let items = try AttemptPlan.make(settings, bank: plan, seed: UInt64(number))
                    insert.values([id, cohort.$organization.id, cohort.id!, quiz.id!, learner, number + 1, Date(),
                                   try AttemptItemsCache.encode(items)] as [any Encodable & Sendable])
                }
                try await insert.run()
            }
        }
        let base = "/orgs/\(cohort.$organization.id.lowercasedText)/cohorts/\(cohort.id!.lowercasedText)/attempts/"
        // The last 1,000 are submitted now: the result pages measured, whatever the submit rate.
        let submitted = ids.suffix(min(1_000, ids.count / 2))
        for id in submitted {
            guard let attempt = try await QuizAttemptRecord.find(UUID(uuidString: id), on: db) else { continue }
            let responses = Dictionary(uniqueKeysWithValues: attempt.items.indices.map { ($0, response(position: $0)) })
            _ = try await QuizAttemptStore.submit(attempt, adding: responses, on: db)
        }
        try ids.dropLast(submitted.count).map { base + $0 }.joined(separator: "\n").appending("\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        try submitted.map { base + $0 + "/result" }.joined(separator: "\n").appending("\n")
            .write(toFile: file + ".results", atomically: true, encoding: .utf8)
        let body = (0..<bank.count).map { position in
            "q\(position)=\(answers[position % 5])"
        }.joined(separator: "&")
        return Seeded(attemptsFile: file, body: body)
    }

    /// The same answers as the form's, as responses.
    static func response(position: Int) -> QuestionResponse? {
        switch position % 5 {
        case 0: .choice(0)
        case 1: .choices([0])
        case 2: .text("anchor")
        case 3: .truth(true)
        default: .number("20")
        }
    }

    enum SeedError: Error { case noCourse }
}
