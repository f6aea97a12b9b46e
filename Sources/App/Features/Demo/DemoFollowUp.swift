import Domain
import Fluent
import Foundation
import SQLKit

/// The follow-up in the demo: everyone enrolled when the cohort started, a fortnight of study
/// time for the learners who have begun, and a trainer's private note, so the dashboard shows
/// every risk level with its reasons and a learner's page has a timeline and a note; automatic
/// nudges are on.
enum DemoFollowUp {
    /// Minutes studied per day, most recent first (0: a day off), by learner number.
    static let studied: [Int: [Int]] = [
        1: [35, 0, 25, 40, 0, 30, 20, 15, 0, 25],
        2: [10, 0, 0, 20, 0, 0, 15],
        3: [0, 0, 15, 0, 0, 0, 0, 20],
        5: [0, 0, 0, 0, 0, 0, 0, 12],
        6: [0, 0, 0, 0, 0, 0, 0, 18],
    ]

    static func load(cohort: CohortRecord, people: [String: PersonRecord], broadcaster: any Broadcaster, on db: any Database) async throws {
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
        // Automatic nudges on: the first scan (within a second of starting) nudges who needs it.
        let settings = NudgeSettings(inactiveDays: 5, daysBeforeDue: 2, afterMissedLive: true, quietFrom: 21, quietUntil: 7)
        cohort.nudgeSettingsJSON = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await cohort.save(on: db)
        guard let marc = people["learner02@northwind.test"], let tess = people["trainer1@northwind.test"] else { return }
        try await TrainerNoteRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, learnerID: marc.id!, authorID: tess.id!,
                                    body: "Travelling to the Rotterdam depot until Thursday; prefers written feedback. Check in on Friday about the root-cause module.",
                                    at: now.addingTimeInterval(-2 * 3600)).save(on: db)
        // Yesterday's automatic nudge to Chen Wei, as the scan sends them (in her messages and the log).
        guard let chen = people["learner07@northwind.test"] else { return }
        let sentAt = now.addingTimeInterval(-20 * 3600)
        let text = try NudgeTemplate.check(NudgeTemplate.automatic[.inactive]!)
            .render(["first name": "Chen", "next activity": "“\(DemoCourse.modules[0].lessons[0].title)”"])
        let nudge = NudgeRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, learnerID: chen.id!, senderID: tess.id!,
                                kind: NudgeEvent.Kind.inactive.rawValue, eventKey: "inactive:\(cohort.startDate)", body: text, at: sentAt)
        let conversation = try await ChatStore.direct(between: tess.id!, and: chen.id!, cohortID: cohort.id!,
                                                      organizationID: cohort.$organization.id, on: db)
        _ = try await ChatStore.send(text, to: conversation, author: tess.domain(), ref: "nudge:demo", now: sentAt, on: db,
                                     broadcaster: broadcaster)
        nudge.conversationID = conversation.id
        try await nudge.create(on: db)
    }
}
