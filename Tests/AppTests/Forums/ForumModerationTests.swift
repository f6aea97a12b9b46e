@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// What happens to posts after they are written: edits with history, soft deletion, upvotes,
/// reports, hiding, moving threads. Whatever someone may not do is a 404 and changes nothing.
@Suite struct ForumModerationTests {
    @Test func authorsEditWithAHistoryOnlyStaffSee() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            let thread = try await f.startThread(&lea, app, title: "Pricing question", body: "First words")
            #expect(try await lea.get(thread + "/posts/1/edit").text.contains("First words"))
            let saved = try await lea.post(thread + "/posts/1/edit", ["body": "Better words"])
            #expect(saved.location == thread + "#post-1")
            let page = try await lea.get(thread)
            #expect(page.text.contains("Better words") && !page.text.contains("First words") && page.text.contains(" · edited"))
            #expect(try await lea.get(thread + "/posts/1/history").status == .notFound, "history is for staff")
            // Bad input: refused, the text stays.
            let empty = try await lea.post(thread + "/posts/1/edit", ["body": "  "])
            #expect(empty.status == .unprocessableEntity)
            let tooLong = try await lea.post(thread + "/posts/1/edit", ["body": String(repeating: "x", count: ForumInput.maximumBody + 1)])
            #expect(tooLong.status == .unprocessableEntity)
            // Someone else's post: not theirs to edit or delete.
            var max = try await fx.signedIn(f.c.max)
            #expect(try await max.get(thread + "/posts/1/edit").status == .notFound)
            #expect(try await max.post(thread + "/posts/1/edit", ["body": "Hijacked"]).status == .notFound)
            #expect(try await max.post(thread + "/posts/1/delete", [:]).status == .notFound)
            #expect(try await ForumClass.post(app, number: 1, in: thread).body == "Better words")
            var tom = try await fx.signedIn(f.c.trainer)
            let history = try await tom.get(thread + "/posts/1/history")
            #expect(history.status == .ok && history.text.contains("First words") && history.text.contains("Better words"))
        }
    }

    @Test func aDeletedPostStaysAsDeletedAndIsNoLongerFound() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            var max = try await fx.signedIn(f.c.max)
            let thread = try await f.startThread(&lea, app, title: "Scripts", body: "Who has a script for callbacks?")
            _ = try await max.post(thread + "/posts", ["body": "Mine says marmalade at the end"])
            _ = try await lea.post(thread + "/posts/2/upvote", [:])
            #expect(try await max.get(thread + "/posts/2/delete").text.contains("Delete your post?"))
            #expect(try await max.post(thread + "/posts/2/delete", [:]).location == thread + "#post-2")
            let page = try await lea.get(thread)
            #expect(page.text.contains("This post was deleted by its author.") && !page.text.contains("marmalade"))
            let post = try await ForumClass.post(app, number: 2, in: thread)
            #expect(post.deletedAt != nil && post.upvotes == 0, "kept, its upvotes gone")
            #expect(try await lea.get(f.forum + "/search?q=marmalade").text.contains("Nothing found"))
            var tom = try await fx.signedIn(f.c.trainer)
            #expect(try await tom.get(thread + "/posts/2/history").text.contains("marmalade"), "staff keep the text")
            #expect(try await max.post(thread + "/posts/2/delete", [:]).status == .notFound, "deleted once")
            #expect(try await max.post(thread + "/posts/2/edit", ["body": "back"]).status == .notFound, "no editing it back")
        }
    }

    @Test func oneUpvotePerPersonNotOnTheirOwnPost() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Upvotes", body: "Worth it?")
            #expect(try await lea.post(thread + "/posts/1/upvote", [:]).status == .notFound, "not your own")
            _ = try await max.post(thread + "/posts/1/upvote", [:])
            _ = try await tom.post(thread + "/posts/1/upvote", [:])
            #expect(try await ForumClass.post(app, number: 1, in: thread).upvotes == 2)
            #expect(try await max.get(thread).text.contains("Remove your upvote (2)"))
            _ = try await max.post(thread + "/posts/1/upvote", [:])
            #expect(try await ForumClass.post(app, number: 1, in: thread).upvotes == 1, "a second press takes it back")
            #expect(try await ForumPostRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func reportsFormAQueueAndHidingSettlesThem() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Off topic", body: "Buy my course at example.com", kind: .discussion)
            // A report needs a reason; one per person.
            #expect(try await max.post(thread + "/posts/1/report", ["reason": " "]).status == .unprocessableEntity)
            #expect(try await ForumReportRecord.query(on: app.db).count() == 0)
            #expect(try await max.post(thread + "/posts/1/report", ["reason": "Advertising"]).status == .seeOther)
            _ = try await max.post(thread + "/posts/1/report", ["reason": "Still advertising"])
            #expect(try await ForumReportRecord.query(on: app.db).count() == 1)
            #expect(try await lea.post(thread + "/posts/1/report", ["reason": "me"]).status == .notFound, "not your own")
            #expect(try await tom.get(thread + "/posts/1/report").status == .notFound, "staff hide instead")
            // The queue: staff only.
            #expect(try await max.get(f.forum + "/reports").status == .notFound)
            let queue = try await tom.get(f.forum + "/reports")
            #expect(queue.text.contains("Advertising") && queue.text.contains("reported by Max") && queue.text.contains("Hide the post"))
            #expect(try await tom.get(f.forum).text.contains("1 reported post to review"))
            // Hiding needs a reason too, then settles the report.
            #expect(try await max.post(thread + "/posts/1/hide", ["reason": "No"]).status == .notFound)
            #expect(try await tom.post(thread + "/posts/1/hide", ["reason": ""]).status == .unprocessableEntity)
            _ = try await tom.post(thread + "/posts/1/hide", ["reason": "Advertising is not allowed here"])
            #expect(try await ForumReportRecord.query(on: app.db).first()?.status == .hidden)
            let asMax = try await max.get(thread)
            #expect(asMax.text.contains("hidden by a moderator") && !asMax.text.contains("Buy my course") && !asMax.text.contains("not allowed here"))
            #expect(try await lea.get(thread).text.contains("Reason: Advertising is not allowed here"), "the author learns why")
            let asTom = try await tom.get(thread)
            #expect(asTom.text.contains("Hidden from learners") && asTom.text.contains("Buy my course"))
            #expect(try await max.get(f.forum + "/search?q=course").text.contains("Nothing found"), "hidden from learners' search")
            #expect(try await tom.get(f.forum + "/search?q=course").text.contains("Off topic"), "staff still find it")
            // Shown again; a new report can be dismissed.
            _ = try await tom.post(thread + "/posts/1/unhide", [:])
            #expect(try await max.get(thread).text.contains("Buy my course"))
            let report = try #require(try await ForumReportRecord.query(on: app.db).first())
            report.status = .open
            try await report.save(on: app.db)
            #expect(try await max.post(f.forum + "/reports/\(report.id!.lowercased)/dismiss", [:]).status == .notFound)
            _ = try await tom.post(f.forum + "/reports/\(report.id!.lowercased)/dismiss", [:])
            #expect(try await ForumReportRecord.query(on: app.db).first()?.status == .dismissed)
            #expect(try await tom.get(f.forum + "/reports").text.contains("No report waits for you."))
        }
    }

    @Test func aHiddenOrDeletedReplyCannotBeTheAcceptedAnswer() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Which form?", body: "For returns")
            _ = try await max.post(thread + "/posts", ["body": "Buy my tickets"])
            _ = try await max.post(thread + "/posts", ["body": "Oops, wrong thread"])
            _ = try await tom.post(thread + "/posts/2/hide", ["reason": "Spam"])
            _ = try await max.post(thread + "/posts/3/delete", [:])
            for number in ["2", "3"] {
                #expect(try await lea.post(thread + "/accept", ["number": number]).status == .unprocessableEntity, "\(number)")
            }
            #expect(try await ForumThreadRecord.query(on: app.db).first()?.acceptedPostID == nil)
        }
    }

    @Test func staffMoveThreadsWithinTheCohortOnly() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            var tom = try await fx.signedIn(f.c.trainer)
            let thread = try await f.startThread(&lea, app, title: "Week one homework", body: "Where is it?")
            let week1 = try await ForumClass.space(app, titled: "Week 1")
            #expect(try await lea.post(thread + "/move", ["space_id": week1.id!.lowercased]).status == .notFound)
            // Another cohort's space, or none: refused.
            var otto = try await fx.signedIn(f.c.outsider)
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            _ = try await otto.get(f.c.orgPath + "/cohorts/\(winter.id!.lowercased)/forum")
            let winterSpace = try #require(try await ForumSpaceRecord.query(on: app.db).filter(\.$cohortID == winter.id!).first())
            for bad in [winterSpace.id!.lowercased, "nope", ""] {
                #expect(try await tom.post(thread + "/move", ["space_id": bad]).status == .unprocessableEntity)
            }
            let moved = try await tom.post(thread + "/move", ["space_id": week1.id!.lowercased])
            #expect(moved.location == thread)
            #expect(try await ForumThreadRecord.query(on: app.db).first()?.spaceID == week1.id)
            #expect(try await tom.get(f.forum + "/spaces/\(week1.id!.lowercased)").text.contains("Week one homework"))
        }
    }
}
