import Domain
import Fluent
import Foundation
import SQLKit

/// The follow-up in the demo: everyone enrolled when the cohort started, a fortnight of study
/// time for the learners who have begun, and a trainer's private note, so the dashboard shows
/// every risk level with its reasons and a learner's page has a timeline and a note.
enum DemoFollowUp {
    /// Minutes studied per day, most recent first (0: a day off), by learner number.
    static let studied: [Int: [Int]] = [
        1: [35, 0, 25, 40, 0, 30, 20, 15, 0, 25],
        2: [10, 0, 0, 20, 0, 0, 15],
        3: [0, 0, 15, 0, 0, 0, 0, 20],
        5: [0, 0, 0, 0, 0, 0, 0, 12],
        6: [0, 0, 0, 0, 0, 0, 0, 18],
    ]

    static func load(cohort: CohortRecord, people: [String: PersonRecord], on db: any Database) async throws {
        let start = Day(cohort.startDate)?.startInUTC ?? Date()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("UPDATE cohort_members SET created_at = \(bind: start) WHERE cohort_id = \(bind: cohort.id!)").run()
        }
        let now = Date()
        for (number, minutes) in studied {
            guard let learner = people[String(format: "learner%02d@northwind.test", number)] else { continue }
            for (daysAgo, spent) in minutes.enumerated() where spent > 0 {
                try await LearningDayRecord.add(spent * 60, cohortID: cohort.id!, personID: learner.id!,
                                                at: now.addingTimeInterval(-Double(daysAgo) * 86_400), on: db)
            }
        }
        guard let marc = people["learner02@northwind.test"], let tess = people["trainer1@northwind.test"] else { return }
        try await TrainerNoteRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, learnerID: marc.id!, authorID: tess.id!,
                                    body: "Travelling to the Rotterdam depot until Thursday; prefers written feedback. Check in on Friday about the root-cause module.",
                                    at: now.addingTimeInterval(-2 * 3600)).save(on: db)
    }
}
