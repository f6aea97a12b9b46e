@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Bad input gets a clear error and changes nothing; nobody reaches another's review or another
/// organization's assignment; work short of reviews reaches a trainer before the deadline.
@Suite struct PeerReviewEdgeTests {
    @Test func badReviewsAreRefusedAndNothingIsSaved() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            // Reviewing before handing in.
            let early = try await lea.post(pc.page + "/reviews", [:])
            #expect(early.status == .unprocessableEntity && early.text.contains("Hand in your own work first"))
            #expect(try await pc.reviews(on: app.db).isEmpty)
            // An empty hand-in.
            let empty = try await pc.submit(&lea, "   ")
            #expect(empty.status == .unprocessableEntity && empty.text.contains("nothing to hand in yet"))
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            let path = try #require(try await pc.pull(&bo))
            for (fields, message) in [
                (["c0": "2", "overall": "Long enough comment here."], "criterion 2 has none"),
                (["c0": "2", "c1": "9", "overall": "Long enough comment here."], "criterion 2 has none"),
                (["c0": "x", "c1": "1", "overall": "Long enough comment here."], "criterion 1 has none"),
                (["c0": "2", "c1": "1", "overall": "Short"], "at least 10 characters"),
                (["c0": "2", "c1": "1", "overall": String(repeating: "a", count: 10_001)], "too long"),
            ] as [([String: String], String)] {
                let refused = try await bo.post(path, fields)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains(message), "\(fields.keys.sorted())")
                #expect(refused.text.contains(fields["overall"]!.suffix(40) + "</textarea>"), "what was typed is shown again")
            }
            #expect(try await pc.reviews(on: app.db).allSatisfy { $0.completedAt == nil && $0.assessmentJSON == nil })
            // Saved once; a second save is refused.
            #expect(try await bo.post(path, PeerClass.goodReview).status == .seeOther)
            let again = try await bo.post(path, ["c0": "0", "c1": "0", "overall": "Changed my mind entirely."])
            #expect(again.status == .unprocessableEntity)
            #expect(try await pc.reviews(on: app.db).first?.assessment?.levels == [2, 1])
            // An unknown rating.
            let review = try #require(try await pc.reviews(on: app.db).first)
            let rating = try await lea.post(pc.c.base + "/reviews/\(review.id!.lowercased)/rating", ["rating": "amazing"])
            #expect(rating.status == .unprocessableEntity)
            #expect(try await PeerReviewRecord.find(review.id, on: app.db)?.helpfulness == nil)
        }
    }

    @Test func nobodyOpensAReviewThatIsNotTheirs() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            var cy = try await Fixtures(app: app).signedIn(pc.learners[2])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            let path = try #require(try await pc.pull(&bo))
            // Another learner of the cohort: neither read nor save someone else's review.
            #expect(try await cy.get(path).status == .notFound)
            #expect(try await cy.post(path, PeerClass.goodReview).status == .notFound)
            // The author cannot rate a review before it is complete, nor a stranger after.
            #expect(try await lea.post(path + "/rating", ["rating": "helpful"]).status == .notFound)
            _ = try await bo.post(path, PeerClass.goodReview)
            #expect(try await cy.post(path + "/rating", ["rating": "not"]).status == .notFound)
            #expect(try await cy.post(path + "/flag", ["reason": "Unfair"]).status == .notFound)
            // Learners never reach the staff pages.
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).first())
            let detail = pc.c.base + "/submissions/\(submission.id!.lowercased)"
            #expect(try await lea.get(detail).status == .notFound)
            #expect(try await lea.post(detail + "/grade", ["points": "6", "comment": "Great"]).status == .notFound)
            // Another organization: 404 everywhere.
            let fx = Fixtures(app: app)
            let other = try await fx.organization("Globex")
            let stranger = try await fx.person("sam@globex.test", name: "Sam Stranger", in: other, roles: [.admin, .trainer])
            var sam = try await fx.signedIn(stranger)
            for url in [pc.page, path, detail] { #expect(try await sam.get(url).status == .notFound, "\(url)") }
            #expect(try await sam.post(pc.page + "/submission", ["text": "Mine"]).status == .notFound)
            #expect(try await sam.post(detail + "/grade", ["points": "1", "comment": "x"]).status == .notFound)
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 2)
        }
    }

    @Test func askingTwiceAtOnceGivesOneReview() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            var first = bo, second = bo
            async let a = pc.pull(&first)
            async let b = pc.pull(&second)
            let (one, two) = try await (a, b)
            #expect(one != nil && one == two)
            #expect(try await pc.reviews(on: app.db).count == 1)
        }
    }

    @Test func deadlinesAreKept() async throws {
        try await withApp { app in
            // Due on the cohort's first day (two weeks ago): handing in is closed, and so is reviewing.
            let pc = try await PeerClass.make(app, k: 1, due: ScheduleOffset(week: 1, weekday: 1), acceptsLate: false)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            let late = try await pc.submit(&lea, "Too late")
            #expect(late.status == .unprocessableEntity && late.text.contains("deadline for handing in has passed"))
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 0)
            // Work handed in on time (written directly), reviewed after the review deadline.
            let place = try await Self.place(pc, app)
            for learner in pc.learners.prefix(2) {
                try await PeerSubmissionRecord(organizationID: pc.c.org.id!, cohortID: pc.c.cohort.id!, activityID: pc.activity.id!,
                                               personID: learner.id!, text: "On time", at: place.deadlines.submission!.addingTimeInterval(-3600))
                    .create(on: app.db)
            }
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            // After the review deadline no work is handed out, and a review held from before is not saved.
            let refused = try await bo.post(pc.page + "/reviews", [:])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("review deadline has passed"))
            let todo = try await pc.reviews(on: app.db)
            #expect(todo.count == 2 && todo.allSatisfy { $0.kind == .staff && $0.reviewerID == pc.trainer.id },
                    "what is short goes to the trainer instead: one to-do for each work")
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first())
            let held = PeerReviewRecord(cohortID: pc.c.cohort.id!, activityID: pc.activity.id!, submissionID: submission.id!,
                                        reviewerID: pc.learners[1].id!, kind: .peer, at: place.deadlines.review!.addingTimeInterval(-7200),
                                        leaseEnds: place.deadlines.review!)
            try await held.create(on: app.db)
            let closed = try await bo.post(pc.c.base + "/reviews/\(held.id!.lowercased)", PeerClass.goodReview)
            #expect(closed.status == .unprocessableEntity && closed.text.contains("review deadline has passed"))
            #expect(try await PeerReviewRecord.find(held.id, on: app.db)?.completedAt == nil)
        }
    }

    static func place(_ pc: PeerClass, _ app: Application) async throws -> PeerReviewStore.Place {
        let settings = try await PeerReviewStore.settings(of: pc.activity.id!, on: app.db)
        let cohort = pc.c.cohort.domain()
        let due = pc.activity.domain().due?.resolve(start: cohort.startDate, shiftDays: pc.c.cohort.scheduleShiftDays)
        return PeerReviewStore.Place(organizationID: pc.c.org.id!, cohortID: pc.c.cohort.id!, activityID: pc.activity.id!,
                                     settings: settings, deadlines: PeerDeadlines(due: due, settings: settings))
    }

    @Test func workShortOfReviewsReachesATrainerBeforeTheDeadline() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 2, due: ScheduleOffset(week: 1, weekday: 1))
            let place = try await Self.place(pc, app)
            let deadline = try #require(place.deadlines.review)
            // Three hand in; nobody reviews (one dropped out, the others were absent).
            for learner in pc.learners.prefix(3) {
                try await PeerSubmissionRecord(organizationID: pc.c.org.id!, cohortID: pc.c.cohort.id!, activityID: pc.activity.id!,
                                               personID: learner.id!, text: "Work of \(learner.name)",
                                               at: place.deadlines.submission!.addingTimeInterval(-3600)).create(on: app.db)
            }
            // Before the window: nothing.
            let broadcaster = app.realtime.broadcaster
            #expect(try await PeerReviewPush.push(place, title: "Your case", now: deadline.addingTimeInterval(-72 * 3600), on: app.db,
                                                  broadcaster: broadcaster) == 0)
            // Near the deadline, with no volunteer: every missing review goes to the trainer… at most once per work.
            let pushed = try await PeerReviewPush.push(place, title: "Your case", now: deadline.addingTimeInterval(-3600), on: app.db,
                                                       broadcaster: broadcaster)
            #expect(pushed == 3)
            let todo = try await pc.reviews(on: app.db)
            #expect(todo.count == 3 && todo.allSatisfy { $0.kind == .staff && $0.reviewerID == pc.trainer.id! })
            let note = try await NotificationRecord.query(on: app.db).filter(\.$personID == pc.trainer.id!).all()
            #expect(note.count == 1 && note.first?.kind == .peerReview)
            // The trainer sees the to-do on the assignment page and does one.
            var tina = try await Fixtures(app: app).signedIn(pc.trainer)
            let page = try await tina.get(pc.page)
            #expect(page.text.contains("Reviews for you to do") && page.text.contains("Review the work of Lea"))
            let review = pc.c.base + "/reviews/\(todo[0].id!.lowercased)"
            #expect(try await tina.get(review).text.contains("Review the work of"))
            #expect(try await tina.post(review, PeerClass.goodReview).status == .seeOther)
            #expect(try await PeerReviewRecord.find(todo[0].id, on: app.db)?.completedAt != nil)
        }
    }

    @Test func aTrainerOverridesAGradeWithAComment() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            _ = try await pc.submit(&lea, "Lea's work")
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).first())
            var tina = try await Fixtures(app: app).signedIn(pc.trainer)
            let detail = pc.c.base + "/submissions/\(submission.id!.lowercased)"
            #expect(try await tina.get(detail).text.contains("Work of Lea"))
            for fields in [["points": "7", "comment": "Too many"], ["points": "abc", "comment": "x"], ["points": "5", "comment": " "]] {
                #expect(try await tina.post(detail + "/grade", fields).status == .unprocessableEntity)
            }
            #expect(try await PeerSubmissionRecord.find(submission.id, on: app.db)?.overridePoints == nil)
            // A facilitator reads, but does not grade.
            let fay = try await Fixtures(app: app).person("fay@acme.test", name: "Fay Facilitator", in: pc.c.org, roles: [.facilitator])
            try await Fixtures(app: app).enroll(fay, in: pc.c.cohort, as: .facilitator)
            var fayBrowser = try await Fixtures(app: app).signedIn(fay)
            let read = try await fayBrowser.get(detail)
            #expect(read.status == .ok && !read.text.contains("Save the grade"))
            #expect(try await fayBrowser.post(detail + "/grade", ["points": "1", "comment": "No"]).status == .notFound)
            #expect(try await PeerSubmissionRecord.find(submission.id, on: app.db)?.overridePoints == nil)
            #expect(try await tina.post(detail + "/grade", ["points": "5,5", "comment": "Strong evidence."]).status == .seeOther)
            let page = try await lea.get(pc.page)
            #expect(page.text.contains("set by a trainer") && page.text.contains("5.5 / 6") && page.text.contains("Strong evidence."))
        }
    }
}

/// A trainer's review counts two toward k, in allocation and on the pages: one peer's review and
/// one trainer's complete work when k is 3.
@Suite struct PeerStaffWorthTests {
    @Test func onePeerAndOneTrainerGiveTheGradeWhenKIsThree() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 3)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0]), bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "Lea's work, for the record.")
            _ = try await pc.submit(&bo, "Bo's work, for the record.")
            let path = try #require(try await pc.pull(&bo))
            #expect(try await bo.post(path, PeerClass.goodReview).status == .seeOther)
            let waiting = try await lea.get(pc.page)
            #expect(waiting.text.contains("1 of 3 reviews in") && !waiting.text.contains("Your grade:"))
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first())
            let staff = PeerReviewRecord(cohortID: pc.c.cohort.id!, activityID: pc.activity.id!, submissionID: submission.id!,
                                         reviewerID: pc.trainer.id!, kind: .staff, at: Date(), leaseEnds: Date().addingTimeInterval(3600))
            try staff.complete(RubricAssessment(levels: [2, 2], overall: "Clear and well argued."), at: Date())
            try await staff.create(on: app.db)
            let graded = try await lea.get(pc.page)
            #expect(graded.text.contains("Your grade:"), "1 peer + 1 trainer = 3 toward k")
            // The trainer's report shows the work complete, the trainer's review counting two.
            var tina = try await Fixtures(app: app).signedIn(pc.trainer)
            let report = try await tina.get(pc.page)
            #expect(report.text.contains("2 / 3 (1 by a trainer, counting two)"))
        }
    }
}
