import Domain
import Fluent
import Foundation
import Views

/// The demo course's content: four modules of lessons on a weekly rhythm, so a newcomer sees
/// progress, due dates, a module still locked and the Markdown a lesson can hold.
enum DemoCourse {
    struct Lesson {
        let title: String
        let minutes: Int
        let required: Bool
        let due: ScheduleOffset?
        let markdown: String
        var video: VideoSource? = nil
    }

    static let modules: [(title: String, unlock: ScheduleOffset?, lessons: [Lesson])] = [
        ("The first call", nil, [
            Lesson(title: "Why escalations happen", minutes: 10, required: true, due: ScheduleOffset(week: 1, weekday: 3), markdown: """
                Most escalations at Northwind start with a **late shipment** and become serious when the customer feels *unheard*.

                In this module you will learn to:

                1. recognise the three stages of an escalation;
                2. open the call so the customer knows you own the problem;
                3. write the first status e-mail.

                > "People forgive a delay. They don't forgive silence." — a depot manager
                """),
            Lesson(title: "Listening before answering", minutes: 15, required: true, due: ScheduleOffset(week: 1, weekday: 5), markdown: """
                ## Active listening in four moves

                | Move | What you say |
                |---|---|
                | Acknowledge | "I understand the pallets did not arrive." |
                | Clarify | "Which order numbers are affected?" |
                | Summarise | "So two orders, both for Friday's opening." |
                | Commit | "I'll call you back by 3 pm with a plan." |

                Try the four moves on your last difficult call, then note what changed.
                """),
            Lesson(title: "Your first status e-mail", minutes: 20, required: false, due: nil, markdown: """
                A status e-mail has three parts: **what happened**, **what we are doing**, **when you will hear from us next**.

                ```
                Subject: Order 4411 — delayed, new delivery Thursday 10:00
                ```

                Keep it under 120 words. See the [template on the intranet](https://intranet.northwind.test/templates/status).
                """),
        ]),
        ("Finding the root cause", ScheduleOffset(week: 2, weekday: 1), [
            Lesson(title: "Five whys at the depot", minutes: 20, required: true, due: ScheduleOffset(week: 2, weekday: 4), markdown: """
                Ask *why* five times, and write each answer down. Stop when the answer is something **you can change**.

                - Why was the truck late? — It left the depot at 11:00.
                - Why did it leave at 11:00? — Loading started at 9:30.
                - Why …?
                """),
            Lesson(title: "Reading the shipment log", minutes: 15, required: false, due: nil, markdown: """
                The shipment log tells you who touched an order and when. Look for gaps longer than **two hours**.
                """),
        ]),
        ("Fixing it for good", ScheduleOffset(week: 3, weekday: 1), [
            Lesson(title: "Writing a corrective action", minutes: 25, required: true, due: ScheduleOffset(week: 3, weekday: 5), markdown: """
                A corrective action names **one owner**, **one date** and **one measure** that shows it worked.
                """),
            Lesson(title: "Closing the loop with the customer", minutes: 10, required: false, due: nil, markdown: """
                Call back when the fix is in place — even if the customer has forgotten. *Especially* then.
                """),
        ]),
        ("Case study: the Rotterdam week", ScheduleOffset(week: 6, weekday: 1), [
            Lesson(title: "What went wrong in Rotterdam", minutes: 30, required: true, due: ScheduleOffset(week: 6, weekday: 5), markdown: """
                Read the case and prepare three questions for the live class.
                """),
        ]),
    ]

    /// Builds the course's content; learner01 has finished the first module and begun the second.
    static func load(course: CourseRecord, cohort: CohortRecord, people: [String: PersonRecord], blobs: any BlobStore,
                     on db: any Database) async throws {
        course.status = .published
        try await course.save(on: db)
        var activities: [ActivityRecord] = []
        for (position, entry) in modules.enumerated() {
            let module = ModuleRecord(organizationID: course.$organization.id, courseID: course.id!,
                                      input: ModuleInput(title: entry.title, unlock: entry.unlock), position: position)
            try await module.save(on: db)
            for (index, lesson) in entry.lessons.enumerated() {
                let activity = ActivityRecord(organizationID: course.$organization.id, courseID: course.id!, moduleID: module.id!,
                                              kind: .lesson,
                                              input: ActivityInput(title: lesson.title, estimatedMinutes: lesson.minutes,
                                                                   required: lesson.required, due: lesson.due),
                                              position: index)
                try await activity.save(on: db)
                let record = LessonRecord(activityID: activity.id!, markdown: lesson.markdown,
                                          html: Markdown.render(lesson.markdown).rawValue)
                record.video = lesson.video
                try await record.save(on: db)
                activities.append(activity)
            }
        }
        try await addFiles(to: activities, of: course, blobs: blobs, on: db)
        guard let learner = people["learner01@northwind.test"], let other = people["learner02@northwind.test"] else { return }
        let now = Date()
        for (index, activity) in activities.prefix(4).enumerated() {
            let row = ProgressRecord(organizationID: course.$organization.id, cohortID: cohort.id!, personID: learner.id!,
                                     activityID: activity.id!, now: now.addingTimeInterval(Double(index - 10) * 3600))
            row.state = index < 3 ? .done : .started
            row.completedAt = index < 3 ? row.lastVisitedAt : nil
            row.secondsSpent = 600 + index * 120
            try await row.save(on: db)
        }
        let row = ProgressRecord(organizationID: course.$organization.id, cohortID: cohort.id!, personID: other.id!,
                                 activityID: activities[0].id!, now: now)
        row.state = .done
        row.completedAt = now
        try await row.save(on: db)
    }
}
