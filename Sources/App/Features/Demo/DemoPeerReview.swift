import Domain
import Fluent
import Foundation
import Routes

/// A peer assignment at the end of the first module: six learners handed in their own
/// escalation case, learner01's work has three reviews (so its grade and feedback show) and
/// learner01 did one review of three, so "Review a peer's work" has something to give. Work is
/// text and/or files: learner01 and learner05 added a PDF of their notes.
enum DemoPeerReview {
    static let settings = PeerAssignmentSettings(
        instructions: """
            Describe an escalation you handled (or saw) at your depot:

            1. what the customer said first, and what you answered;
            2. the root cause, found with the five whys;
            3. what you would do differently now.

            Keep names of customers and colleagues out. 200 to 400 words; you may add your notes or a photo
            of your five-whys sheet as files.
            """,
        submissionKind: .textAndFiles,
        rubric: Rubric(criteria: [
            Rubric.Criterion(title: "Listening", description: "Did they let the customer talk and acknowledge the problem?", levels: [
                .init(points: 0, description: "Answered before listening"),
                .init(points: 1, description: "Listened, but did not acknowledge"),
                .init(points: 2, description: "Listened and acknowledged"),
                .init(points: 3, description: "Listened, acknowledged and asked what it costs the customer"),
            ]),
            Rubric.Criterion(title: "Root cause", description: "Is the cause something the depot can change?", levels: [
                .init(points: 0, description: "No cause given"),
                .init(points: 1, description: "A symptom (\"the truck was late\")"),
                .init(points: 2, description: "A cause, but outside our control"),
                .init(points: 3, description: "A cause we can change"),
            ]),
            Rubric.Criterion(title: "Lesson drawn", levels: [
                .init(points: 0, description: "None"),
                .init(points: 1, description: "Vague"),
                .init(points: 2, description: "Concrete and doable"),
            ]),
        ], overallCommentMinimum: 40),
        reviewsRequired: 3, asksSelfAssessment: true)

    static let works = [
        "learner01": "A customer in Lyon called about pallets two days late. I let him talk, then said I was sorry and asked what the delay cost him: a stopped line. The first why was \"the truck left late\"; the fifth was that our loading slots are booked by e-mail and nobody saw the change. Now I would call back within the hour with a date, not wait for the depot.",
        "learner02": "The customer wrote in capitals. I answered with the tracking link, which made it worse. Root cause: the carrier's scanner was down, so no scan, so no alert. Next time I call instead of sending a link.",
        "learner03": "A shop owner shouted that her order was short by ten boxes. I listened, repeated what she said, and promised an answer by noon. The picker had read an old pick list: lists are printed the night before. We now print them in the morning.",
        "learner04": "Late delivery to Ghent. I explained the strike at the port first. The customer hung up. Cause: the strike. Lesson: explain less.",
        "learner05": "A repeat complaint about damaged cartons. I asked for photos and what it cost them to sort the damaged goods. Five whys led to a forklift with worn forks in aisle 4; maintenance had no schedule for forks. We added forks to the monthly check.",
        "learner06": "The customer was calm but said they would move to a competitor. I listened and wrote everything down. The cause was a wrong address in our system since a move last year. Lesson: check addresses once a year.",
    ]

    /// Who reviewed whose work: reviewer → author, with levels and an overall comment.
    static let reviews: [(reviewer: String, author: String, levels: [Int], overall: String)] = [
        ("learner02", "learner01", [3, 3, 2], "Clear and honest. The fifth why is a real cause the depot can fix: the booking by e-mail. Well done."),
        ("learner03", "learner01", [2, 3, 2], "Good root cause. You could say more about how you acknowledged the problem before asking about the cost."),
        ("learner04", "learner01", [3, 2, 1], "Nice listening. The lesson is a bit vague: who calls back, and how do they know the date?"),
        ("learner01", "learner03", [3, 3, 2], "You repeated what she said: that is listening. Printing lists in the morning is a concrete fix."),
    ]

    /// Files handed in with the work: learner → (file name, the lines of its one-page PDF).
    static let files: [String: (name: String, lines: [String])] = [
        "learner01": ("call-notes-lyon.pdf", ["Customer: pallets 2 days late, line stopped", "Why 1: truck left late",
                                              "Why 5: loading slots booked by e-mail", "Call back within the hour"]),
        "learner05": ("five-whys-forklift.pdf", ["Damaged cartons, 3rd complaint", "Why 1: cartons crushed at loading",
                                                 "Why 4: worn forks in aisle 4", "Why 5: forks not on any check list"]),
    ]

    static func load(course: CourseRecord, cohort: CohortRecord, people: [String: PersonRecord], blobs: any BlobStore,
                     on db: any Database) async throws {
        guard let module = try await ModuleRecord.query(on: db).filter(\.$course.$id == course.id!)
                .filter(\.$title == "The first call").first() else { return }
        let activity = try await PeerAssignmentAuthoring.add(
            ActivityInput(title: "Your escalation, reviewed by peers", estimatedMinutes: 45, required: true,
                          due: ScheduleOffset(week: 3, weekday: 7)), to: module, on: db)
        let record = try await PeerAssignmentAuthoring.record(of: activity.id!, on: db)
        try record.apply(settings)
        try await record.save(on: db)
        let now = Date()
        let place = PeerReviewStore.Place(organizationID: cohort.$organization.id, cohortID: cohort.id!, activityID: activity.id!,
                                          settings: settings, deadlines: PeerDeadlines(due: nil, settings: settings))
        var submissions: [String: PeerSubmissionRecord] = [:]
        for (index, (learner, text)) in works.sorted(by: { $0.key < $1.key }).enumerated() {
            guard let person = people["\(learner)@northwind.test"] else { continue }
            let submission = PeerSubmissionRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, activityID: activity.id!,
                                                  personID: person.id!, text: text, at: now.addingTimeInterval(-Double(48 - index) * 3600))
            try await submission.create(on: db)
            submissions[learner] = submission
            guard let file = files[learner] else { continue }
            let pdf = DemoFiles.checklistPDF(title: "My notes", lines: file.lines)
            try await PeerSubmissionFileRecord(in: place, personID: person.id!, blob: try await blobs.store(pdf), type: .pdf,
                                               filename: file.name, byteCount: pdf.count, at: submission.submittedAt).create(on: db)
        }
        for (index, entry) in reviews.enumerated() {
            guard let reviewer = people["\(entry.reviewer)@northwind.test"], let submission = submissions[entry.author] else { continue }
            let started = now.addingTimeInterval(-Double(24 - index) * 3600)
            let review = PeerReviewRecord(cohortID: cohort.id!, activityID: activity.id!, submissionID: submission.id!,
                                          reviewerID: reviewer.id!, kind: .peer, at: started, leaseEnds: started.addingTimeInterval(24 * 3600))
            try review.complete(RubricAssessment(levels: entry.levels, overall: entry.overall), at: started.addingTimeInterval(1800))
            try await review.create(on: db)
        }
        // learner01 has not read the notice of the reviews of their work yet (as `PeerFeedbackNotice` makes it).
        guard let learner = people["learner01@northwind.test"], let work = submissions["learner01"] else { return }
        let received = reviews.filter { $0.author == "learner01" }.count
        let notice = NotificationRecord()
        notice.organizationID = cohort.$organization.id
        notice.personID = learner.id!
        notice.kind = .peerFeedback
        notice.subjectKey = "peer-feedback:\(activity.id!.lowercasedText)"
        notice.sourceID = work.id!
        notice.sourcePosition = 1
        notice.title = activity.title
        notice.excerpt = "Read what your reviewers said, and rate how helpful each review was."
        notice.url = SiteRoute.cohortActivity(.init(cohort.$organization.id), .init(cohort.id!), .init(activity.id!)).path + "#results-heading"
        notice.itemCount = received
        notice.emailCount = 0
        notice.createdAt = now.addingTimeInterval(-3600)
        notice.updatedAt = now.addingTimeInterval(-3600)
        try await notice.save(on: db)
    }
}
