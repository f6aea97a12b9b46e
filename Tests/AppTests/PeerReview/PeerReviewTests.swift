@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Learners hand in work, review each other's, read their grade and feedback without names,
/// rate what they got; the assignment counts as done once they handed in and did their share.
@Suite struct PeerReviewTests {
    @Test func learnersReviewEachOtherAndReadTheirGradeWithoutNames() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 2)
            var browsers: [Browser] = []
            for learner in pc.learners { browsers.append(try await Fixtures(app: app).signedIn(learner)) }
            let intro = try await browsers[0].get(pc.page)
            #expect(intro.status == .ok)
            #expect(intro.text.contains("Write <strong>your</strong> case.") && intro.text.contains("Hand in"))
            for i in browsers.indices {
                let handed = try await pc.submit(&browsers[i], "Work number \(i) by its author.")
                #expect(handed.status == .seeOther)
            }
            // Each does two reviews; every submission gets two (four learners, k = 2).
            for _ in 0..<2 {
                for i in browsers.indices {
                    let path = try #require(try await pc.pull(&browsers[i]))
                    let form = try await browsers[i].get(path)
                    #expect(form.text.contains("Review a peer") && form.text.contains("Work number"))
                    let author = try await PeerClass.author(of: path, on: app.db)
                    #expect(!PeerClass.mentions(form.text, author.name), "no author name on a reviewer's page")
                    #expect(!form.text.contains("Work number \(i) "), "never their own work")
                    let saved = try await browsers[i].post(path, PeerClass.goodReview)
                    #expect(saved.status == .seeOther)
                }
            }
            let reviews = try await pc.reviews(on: app.db)
            #expect(reviews.count == 8 && reviews.allSatisfy { $0.completedAt != nil })
            #expect(Set(reviews.map { "\($0.submissionID)/\($0.reviewerID)" }).count == 8)
            let page = try await browsers[0].get(pc.page)
            #expect(page.text.contains("Your grade:") && page.text.contains("4 / 6"))
            #expect(page.text.contains("Review 1") && page.text.contains("Review 2"))
            for other in pc.learners.dropFirst() { #expect(!PeerClass.mentions(page.text, other.name), "no reviewer's name on the author's page") }
            #expect(page.text.contains("You have done your share"))
            #expect(page.text.contains("Your reviewing grade: <strong>100 / 100</strong>"), "all reviewers agreed")
            // Rating a review of one's own work.
            let own = try #require(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first())
            let received = try #require(reviews.first { $0.submissionID == own.id! })
            let rated = try await browsers[0].post(pc.c.base + "/reviews/\(received.id!.lowercased)/rating", ["rating": "helpful"])
            #expect(rated.status == .seeOther)
            #expect(try await PeerReviewRecord.find(received.id, on: app.db)?.helpfulness == "helpful")
            // Done: handed in and did the share.
            let progress = try await ProgressRecord.query(on: app.db).filter(\.$activityID == pc.activity.id!)
                .filter(\.$personID == pc.learners[0].id!).first()
            #expect(progress?.state == .done)
        }
    }

    @Test func namesShowWhenTheAssignmentIsNotAnonymous() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1, anonymous: false)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            let path = try #require(try await pc.pull(&bo))
            #expect(try await bo.get(path).text.contains("Lea"))
            _ = try await bo.post(path, PeerClass.goodReview)
            #expect(try await lea.get(pc.page).text.contains("Bo Brown"))
        }
    }

    @Test func theWorkCanChangeUntilReviewingStarts() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "First draft")
            #expect(try await pc.submit(&lea, "Second draft").status == .seeOther)
            _ = try await pc.submit(&bo, "Bo's work")
            _ = try #require(try await pc.pull(&bo))
            let refused = try await pc.submit(&lea, "Third draft")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Reviewing has started"))
            #expect(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first()?.text == "Second draft")
        }
    }

    @Test func aSelfAssessmentIsShownBesideTheGradeNeverCounted() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1, selfAssessment: true)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            let own = try await lea.post(pc.page + "/self-review", [:])
            let path = try #require(own.location)
            #expect(try await lea.get(path).text.contains("Assess your own work"))
            _ = try await lea.post(path, ["c0": "2", "c1": "2", "overall": "I think it is strong."])
            // Bo's review, not Lea's own, makes her grade.
            let review = try #require(try await pc.pull(&bo))
            _ = try await bo.post(review, ["c0": "0", "c1": "0", "overall": "Not convincing yet, sorry."])
            let page = try await lea.get(pc.page)
            #expect(page.text.contains("Your grade:") && page.text.contains("0 / 6"))
            #expect(page.text.contains("Your own assessment (not counted)") && page.text.contains("6 / 6"))
        }
    }
}

/// An author flags an unfair review; a trainer sets it aside (shown, not counted) or keeps it.
@Suite struct PeerReviewFlagTests {
    @Test func aTrainerSetsAFlaggedReviewAside() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            var cy = try await Fixtures(app: app).signedIn(pc.learners[2])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            _ = try await pc.submit(&cy, "Cy's work")
            // Bo and Cy both review Lea's work (Bo first: it is the oldest); Bo is harsh.
            let boReview = try #require(try await pc.pull(&bo))
            #expect(try await PeerClass.author(of: boReview, on: app.db).id == pc.learners[0].id)
            _ = try await bo.post(boReview, ["c0": "0", "c1": "0", "overall": "Nothing here is any good."])
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first())
            let review = try #require(try await pc.reviews(on: app.db).first { $0.submissionID == submission.id })
            let path = pc.c.base + "/reviews/\(review.id!.lowercased)"
            #expect(try await lea.post(path + "/flag", ["reason": "  "]).status == .unprocessableEntity)
            #expect(try await lea.post(path + "/flag", ["reason": String(repeating: "x", count: 2_001)]).status == .unprocessableEntity)
            #expect(try await PeerReviewRecord.find(review.id, on: app.db)?.flag == nil, "a refused flag is not kept")
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID == pc.trainer.id!).count() == 0)
            #expect(try await lea.post(path + "/flag", ["reason": "It ignores my evidence."]).status == .seeOther)
            #expect(try await lea.get(pc.page).text.contains("A trainer will look at it"))
            let told = try await NotificationRecord.query(on: app.db).filter(\.$personID == pc.trainer.id!).all()
            #expect(told.map(\.kind) == [.peerFlag] && told.first?.excerpt == "It ignores my evidence.")
            #expect(told.first?.url.hasSuffix("/submissions/\(submission.id!.lowercased)") == true)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID != pc.trainer.id!).all().allSatisfy { $0.kind != .peerFlag },
                    "nobody else, and not the reviewer")
            // A learner cannot moderate; the trainer sees the flag with the reviewer's name.
            #expect(try await lea.post(path + "/moderation", ["action": "set_aside"]).status == .notFound)
            var tina = try await Fixtures(app: app).signedIn(pc.trainer)
            let detail = pc.c.base + "/submissions/\(submission.id!.lowercased)"
            let page = try await tina.get(detail)
            #expect(page.text.contains("It ignores my evidence.") && page.text.contains("Bo Brown"))
            #expect(try await tina.post(path + "/moderation", ["action": "delete"]).status == .unprocessableEntity)
            let untouched = try #require(try await PeerReviewRecord.find(review.id, on: app.db))
            #expect(untouched.setAsideAt == nil && untouched.flagResolvedAt == nil, "a refused action changes nothing")
            #expect(try await tina.post(path + "/moderation", ["action": "set_aside"]).status == .seeOther)
            let after = try #require(try await PeerReviewRecord.find(review.id, on: app.db))
            #expect(after.setAsideAt != nil && after.flagResolvedAt != nil)
            // Not counted: Lea has no grade until another review comes; she still reads it, marked.
            let lea1 = try await lea.get(pc.page)
            #expect(lea1.text.contains("set this review aside") && !lea1.text.contains("Your grade:"))
            #expect(lea1.text.contains("No review counts yet"))
            #expect(lea1.text.contains("A trainer looked at it"))
            #expect(try await tina.post(path + "/moderation", ["action": "restore"]).status == .seeOther)
            #expect(try await lea.get(pc.page).text.contains("Your grade:"))
        }
    }
}

/// The author hears that a review of their work is in, without who wrote it.
@Suite struct PeerFeedbackNoticeTests {
    @Test func theAuthorIsToldOfEachReviewWithoutTheReviewersName() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 2, anonymous: true)
            var browsers: [Browser] = []
            for learner in pc.learners.prefix(3) { browsers.append(try await Fixtures(app: app).signedIn(learner)) }
            for i in browsers.indices { _ = try await pc.submit(&browsers[i], "Work number \(i).") }
            // Bo and Cy each review twice (k = 2: each other's work and Lea's): every author hears of
            // each review of their work, in one notice, and never from whom.
            for _ in 1...2 {
                for i in 1...2 {
                    let path = try #require(try await pc.pull(&browsers[i]))
                    _ = try await browsers[i].post(path, PeerClass.goodReview)
                }
            }
            let reviewed = try await pc.reviews(on: app.db).filter { $0.completedAt != nil }
            let submissions = try await PeerSubmissionRecord.query(on: app.db).all()
            for learner in pc.learners.prefix(3) {
                let mine = submissions.first { $0.personID == learner.id }!
                let expected = reviewed.filter { $0.submissionID == mine.id }.count
                let notes = try await NotificationRecord.query(on: app.db).filter(\.$personID == learner.id!).all().filter { $0.kind == .peerFeedback }
                #expect(notes.count == (expected > 0 ? 1 : 0), "one notice per assignment while unread")
                #expect(notes.first.map(\.itemCount) == (expected > 0 ? expected : nil), "counting each review")
                guard expected > 0 else { continue }
                let note = try #require(notes.first)
                #expect(note.title == "Your case" && note.url.contains("#review-"))
                for other in pc.learners where other.id != learner.id {
                    #expect(!PeerClass.mentions(note.title + note.excerpt + note.url, other.name))
                }
            }
            // The notifications page shows it, nameless as well.
            let lea = submissions.first { $0.personID == pc.learners[0].id }!
            #expect(reviewed.contains { $0.submissionID == lea.id }, "the oldest work is reviewed first")
            let page = try await browsers[0].get("/notifications")
            #expect(page.text.contains("of your work in “Your case”"))
            for other in pc.learners.dropFirst() { #expect(!PeerClass.mentions(page.text, other.name)) }
        }
    }
}
