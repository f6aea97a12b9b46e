import Domain
import Fluent
import Foundation
import Vapor
import Views

/// Live classes of the demo cohort (and the trainer's pinned announcement), which lives in Amsterdam's clocks: a kick-off last week
/// with its recording and attendance (one learner corrected by the trainer), an office hour in
/// the built-in room that opens a few minutes after the demo starts (so the room can be tried at
/// once), and a clinic in two days. The others are held on a meeting link: the demo has no Jitsi
/// or BigBlueButton server.
enum DemoLive {
    static let timeZone = "Europe/Amsterdam"

    static func load(cohort: CohortRecord, people: [String: PersonRecord], now: Date = Date(), on db: any Database) async throws {
        let zone = TimeZone(ianaName: timeZone)!
        let today = Day.today(now)
        let trainer = Person.ID(people["trainer1@northwind.test"]!.id!), second = Person.ID(people["trainer2@northwind.test"]!.id!)
        func at(_ day: Day, _ hour: Int) -> Date { WallClockTime(day: day, time: TimeOfDay(hour: hour, minute: 0)!).firstInstant(in: zone)! }
        let soon = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 + 15 * 60) / 300).rounded(.up) * 300)
        var sessions = [
            session(cohort, "Kick-off: what makes an escalation", start: at(today.adding(days: -7), 10), minutes: 60, hosts: [trainer],
                    agenda: "1. Introductions: your depot, your role\n2. Three escalations that went wrong, and why\n3. How this course works: cases, quizzes, peer review",
                    link: "https://meet.northwind.example/escalations/kick-off",
                    recording: HTTPSLink("https://video.northwind.example/recordings/escalations-kick-off")),
            session(cohort, "Office hour: ask the trainers", start: soon, minutes: 60, hosts: [second],
                    agenda: "Bring a question about the course, a case from your depot, or the peer assignment.",
                    link: nil, recording: nil),
            session(cohort, "Clinic: your hardest call so far", start: at(today.adding(days: 2), 14), minutes: 90, hosts: [trainer, second],
                    agenda: "We replay two calls volunteered by the group, then **you** take the customer's side.\n\nHave your five-whys sheet at hand.",
                    link: "https://meet.northwind.example/escalations/clinic", recording: nil),
        ]
        // The kick-off is an activity of the course's first module: attending it counts.
        let kickOffActivity = try await addActivity(to: cohort, on: db)
        sessions[0] = session(cohort, sessions[0].title, start: sessions[0].start, minutes: 60, hosts: [trainer], agenda: sessions[0].agenda,
                              link: sessions[0].provider.link?.text, recording: sessions[0].recording, activityID: kickOffActivity)
        for item in sessions {
            let record = LiveSessionRecord(item, organizationID: cohort.$organization.id, createdBy: trainer.uuid)
            record.remindedAt = item.start < now.addingTimeInterval(LiveSessionNotice.reminderLead) ? now : nil
            try await record.create(on: db)
        }
        // The kick-off: most learners stayed, learner04 left early, learner05 never came (but
        // the trainer knows they followed it from a colleague's screen).
        let kickOff = sessions[0]
        for number in 1...6 {
            guard let person = people[String(format: "learner%02d@northwind.test", number)]?.id else { continue }
            let minutes: Double = switch number { case 4: 20; case 5: 0; default: 60 - Double(number) }
            guard minutes > 0 else { continue }
            let connection = LiveConnection.ID(UUID())
            let joined = kickOff.start.addingTimeInterval(Double(number) * 30)
            try await LivePresenceRecord(sessionID: kickOff.id.uuid, event: .init(person: .init(person), connection: connection, kind: .join, at: joined)).create(on: db)
            try await LivePresenceRecord(sessionID: kickOff.id.uuid, event: .init(person: .init(person), connection: connection, kind: .leave,
                                                                                  at: joined.addingTimeInterval(minutes * 60))).create(on: db)
        }
        if let learner05 = people["learner05@northwind.test"]?.id {
            try await LiveAttendanceCorrectionRecord(sessionID: kickOff.id.uuid, personID: learner05, attended: true,
                                                     correctedBy: trainer.uuid, at: kickOff.end).create(on: db)
        }
        // Counted: done for those who attended (learner04 left too early).
        for number in [1, 2, 3, 5, 6] {
            guard let person = people[String(format: "learner%02d@northwind.test", number)]?.id else { continue }
            let row = ProgressRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, personID: person,
                                     activityID: kickOffActivity.uuid, now: kickOff.end)
            row.state = .done
            row.completedAt = kickOff.end
            try await row.create(on: db)
        }
        try await LiveSessionRecord.query(on: db).filter(\.$id == kickOff.id.uuid).set(\.$countedAt, to: kickOff.end).update()
        // A pinned announcement from the trainer, on the cohort's page.
        let body = """
            The kick-off recording is on its page if you missed it. This week: the **five whys** (module 2), and the
            clinic on Wednesday at 14:00 — bring your hardest call. Stuck on anything? Use “I'm stuck here” under any lesson.
            """
        try await AnnouncementRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, authorID: trainer.uuid,
                                     input: AnnouncementInput(title: "Week 3: root causes", body: body, pinned: true),
                                     html: Markdown.render(body).rawValue, at: now.addingTimeInterval(-3 * 3600)).create(on: db)
    }

    /// "Kick-off: what makes an escalation", a live class at the end of the first module.
    private static func addActivity(to cohort: CohortRecord, on db: any Database) async throws -> Activity.ID {
        guard let module = try await ModuleRecord.query(on: db).filter(\.$course.$id == cohort.$course.id).sort(\.$position).first() else {
            throw Abort(.internalServerError, reason: "the demo course has no module")
        }
        let (activity, _) = try await CourseAuthoring.addLesson(
            ActivityInput(title: "Kick-off: what makes an escalation", estimatedMinutes: 60, required: true, due: nil),
            content: LessonInput(markdown: """
                The course starts together, live. Before the call, think of **one escalation** you handled or saw at your
                depot: what the customer said first, and what happened next. We will hear three of them.
                """, video: nil),
            to: module, kind: .liveSession, on: db)
        return .init(activity.id!)
    }

    private static func session(_ cohort: CohortRecord, _ title: String, start: Date, minutes: Int, hosts: [Person.ID],
                                agenda: String, link: String?, recording: HTTPSLink?, activityID: Activity.ID? = nil) -> LiveSession {
        LiveSession(id: .init(UUID()), cohortID: .init(cohort.id!), activityID: activityID, title: title, agenda: agenda, start: start,
                    durationMinutes: minutes, timeZone: timeZone, provider: link.flatMap(HTTPSLink.init).map(LiveProvider.external) ?? .builtInRoom,
                    hosts: hosts,
                    recording: recording)
    }
}
