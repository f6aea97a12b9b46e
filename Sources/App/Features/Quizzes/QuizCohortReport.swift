import Domain
import Fluent
import Foundation
import Views

/// What a quiz's staff see of their cohort: each learner's attempts, and the item analysis of
/// every question answered (facility, discrimination, options picked).
enum QuizCohortReport {
    static func load(_ access: LearningAccess, activityID: UUID, settings: QuizSettings, on db: any Database) async throws -> QuizStartModel.CohortReport {
        let attempts = try await QuizAttemptRecord.query(on: db).filter(\.$cohortID == access.cohortID)
            .filter(\.$activityID == activityID).sort(\.$number).all()
        let learnerIDs = try await CohortQueries.memberIDs(of: access.cohortID, role: .learner, on: db)
        let names = try await PersonRecord.query(on: db).filter(\.$id ~~ learnerIDs).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        let submitted = attempts.filter { $0.submittedAt != nil }
        let answers = submitted.isEmpty ? [] : try await QuizAnswerRecord.query(on: db).filter(\.$attemptID ~~ submitted.compactMap(\.id)).all()
        let byAttempt = Dictionary(grouping: answers, by: \.attemptID)
        let learners = learnerIDs.map { personID -> QuizStartModel.LearnerRow in
            let own = attempts.filter { $0.personID == personID }
            let scores = own.compactMap { attempt in QuizAttemptStore.score(of: attempt).map { (attempt, $0) } }
            let best = scores.max { $0.1.percent < $1.1.percent }
            let latest = scores.last
            return .init(name: names[personID] ?? "—", attempts: own.count, bestPercent: best?.1.percent,
                         passed: best.flatMap { $0.1.passed(atPercent: Double(settings.passPercent)) },
                         latestAttemptID: latest?.0.id?.lowercasedText, pending: scores.reduce(0) { $0 + $1.1.pending })
        }.sorted { $0.name < $1.name }
        return .init(learners: learners, items: analysis(submitted, answers: byAttempt))
    }

    /// One row per question answered in any submitted attempt, in the order first met.
    static func analysis(_ attempts: [QuizAttemptRecord], answers: [UUID: [QuizAnswerRecord]]) -> [QuizStartModel.ItemRow] {
        var questions: [String: Question] = [:]
        var order: [String] = []
        let samples = attempts.map { attempt -> [ItemAnalysis.Item<String>] in
            let rows = Dictionary((answers[attempt.id!] ?? []).map { ($0.position, $0) }, uniquingKeysWith: { a, _ in a })
            return attempt.items.enumerated().compactMap { position, item in
                guard item.question.kind != .description else { return nil }
                if questions[item.questionID] == nil { questions[item.questionID] = item.question; order.append(item.questionID) }
                let row = rows[position]
                return ItemAnalysis.Item(key: item.questionID, points: item.points, fraction: row == nil ? 0 : row!.fraction,
                                         response: row?.response)
            }
        }
        let statistics = ItemAnalysis.analyse(samples)
        return order.compactMap { id in
            guard let question = questions[id], let stats = statistics[id] else { return nil }
            let options: [String] = switch question.answers {
            case .singleChoice(let choices), .multipleResponse(let choices): choices.map { QuizTextHTML.excerpt($0.text, limit: 60) }
            default: []
            }
            return .init(title: question.title ?? QuizTextHTML.excerpt(question.stem, limit: 80), kind: question.kind, tags: question.tags,
                         statistics: stats, options: options)
        }
    }
}
