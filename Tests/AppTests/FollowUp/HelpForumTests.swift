@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// A help request asked to the whole group: a trainer suggests it, the learner alone decides
/// (posting it as a forum question, anonymously to peers if the cohort allows it, or keeping it
/// private), and nothing reaches the forum before they do.
@Suite struct HelpForumTests {
    struct Setting {
        let c: LearningTests.Class
        let tom: PersonRecord
        let max: PersonRecord
        var forum: String { c.base + "/forum" }
        func path(_ record: HelpRequestRecord) -> String { c.base + "/help/\(record.id!.lowercased)" }
    }

    /// The classroom of LearningTests (Lea, renamed so her name is findable in any page) with Tom
    /// as its trainer and Max as a second learner.
    private func setUp(_ app: Application) async throws -> Setting {
        let c = try await LearningTests.classroom(app)
        c.learner.name = "Lea Quantrill"
        try await c.learner.save(on: app.db)
        let fx = Fixtures(app: app)
        let tom = try await fx.person("tom@acme.test", name: "Tom", in: c.org, roles: [.trainer])
        try await fx.enroll(tom, in: c.cohort, as: .trainer)
        let max = try await fx.person("max@acme.test", name: "Max", in: c.org)
        try await fx.enroll(max, in: c.cohort)
        return Setting(c: c, tom: tom, max: max)
    }

    /// Lea asks; the request.
    private func ask(_ lea: inout Browser, _ s: Setting, _ app: Application, text: String, quote: String = "",
                     activity: ActivityRecord? = nil) async throws -> HelpRequestRecord {
        var form = ["help_text": text, "help_quote": quote]
        if let activity { form["activity_id"] = activity.id!.lowercased }
        _ = try await lea.post(s.c.base + "/help", form)
        return try #require(try await HelpRequestRecord.query(on: app.db).filter(\.$text == text).first())
    }

    @Test func theTrainerSuggestsTheLearnerConsentsAndPeersNeverSeeHerName() async throws {
        try await withApp { app in
            let s = try await setUp(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(s.c.learner), tom = try await fx.signedIn(s.tom), max = try await fx.signedIn(s.max)
            let record = try await ask(&lea, s, app, text: "What counts as a concession?\nI keep giving things away.",
                                       quote: "Never concede first", activity: s.c.lessons[0])
            let path = s.path(record)
            #expect(try await tom.get(s.c.base + "/help").text.contains("Suggest asking the whole group"))
            #expect(!(try await lea.get(s.c.base + "/help").text.contains("Suggest asking the whole group")))

            // Tom suggests it: Lea is told, the forum has nothing yet.
            let proposed = try await tom.post(path + "/forum/propose", ["note": "Others wonder too."])
            #expect(proposed.status == .seeOther && proposed.location == s.c.base + "/help#request-\(record.id!.lowercased)")
            let saved = try #require(try await HelpRequestRecord.find(record.id, on: app.db))
            #expect(saved.forumProposedBy == s.tom.id && saved.forumNote == "Others wonder too." && saved.forumThreadID == nil)
            #expect(saved.status == "open", "a suggestion is not an answer")
            let notice = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == s.c.learner.id!).first())
            #expect(notice.kind == .helpSuggestion && notice.excerpt == "Tom: Others wonder too.")
            #expect(notice.url == s.c.base + "/help#request-\(record.id!.lowercased)")
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0, "nothing reaches the forum before Lea chooses")
            #expect(try await tom.post(path + "/forum/propose", [:]).status == .conflict, "suggested once")
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID == s.c.learner.id!).first()?.itemCount == 1)
            #expect(try await tom.get(s.c.base + "/help").text.contains("waiting for Lea Quantrill to choose"))

            // Lea sees the suggestion; the box to hide her name only once the cohort allows it.
            var mine = try await lea.get(s.c.base + "/help")
            #expect(mine.text.contains("Tom suggests asking the whole group") && mine.text.contains("Others wonder too."))
            #expect(mine.text.contains("Post it in the forum") && mine.text.contains("Keep it private"))
            #expect(mine.text.contains(#"value="What counts as a concession?""#), "the title suggested from her first line")
            #expect(!mine.text.contains("Hide my name"))
            _ = try await tom.post(s.forum + "/settings", ["anonymous_allowed": "on"])
            mine = try await lea.get(s.c.base + "/help")
            #expect(mine.text.contains("Hide my name from other learners"))

            // A missing or too long title: the form again, nothing posted.
            for title in ["  ", String(repeating: "t", count: 201)] {
                let refused = try await lea.post(path + "/forum/post", ["title": title, "anonymous": "on"])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("Title is") && refused.text.contains("Post it in the forum"))
            }
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.forumDecidedAt == nil)

            // Posted: a question in the module's space, hers, anonymous to peers, with the passage quoted.
            let posted = try await lea.post(path + "/forum/post", ["title": "What counts as a concession?", "anonymous": "on"])
            let thread = try #require(try await ForumThreadRecord.query(on: app.db).first())
            #expect(posted.location == s.forum + "/threads/\(thread.id!.lowercased)")
            #expect(thread.kind == .question && thread.anonymous && thread.authorID == s.c.learner.id)
            #expect(thread.activityID == nil, "the lesson's own “Discuss this” thread stays free")
            #expect(try await ForumSpaceRecord.find(thread.spaceID, on: app.db)?.title == "M1")
            let post = try #require(try await ForumPostRecord.query(on: app.db).filter(\.$threadID == thread.id!).first())
            #expect(post.body.hasPrefix("What counts as a concession?\nI keep giving things away.\n\n> Never concede first"))
            #expect(post.body.contains("About “[L1](\(s.c.lesson(0)))”") && post.anonymous)
            let answered = try #require(try await HelpRequestRecord.find(record.id, on: app.db))
            #expect(answered.status == "answered" && answered.forumThreadID == thread.id && answered.forumDecidedAt != nil)
            // Tom follows the forum: he hears of the new question.
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID == s.tom.id!).filter(\.$kind == .forumPost).count() == 1)

            // Twice: no second thread; no going back to private either.
            let again = try await lea.post(path + "/forum/post", ["title": "Again"])
            #expect(again.status == .conflict && again.text.contains("already your question in the forum"))
            #expect(try await lea.post(path + "/forum/decline", [:]).status == .conflict)
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 1)

            // Both lists link to the question; staff see who asked it.
            #expect(try await lea.get(s.c.base + "/help").text.contains("You asked it in the forum"))
            #expect(try await tom.get(s.c.base + "/help").text.contains("Lea Quantrill asked it in the forum"))
            let threadPath = s.forum + "/threads/\(thread.id!.lowercased)"
            #expect(try await tom.get(threadPath).text.contains("Lea Quantrill (anonymous to learners)"))
            #expect(try await lea.get(threadPath).text.contains("You (anonymous)"))
            // Everything Max reaches about it: the thread, its space, the forum, search, his bell.
            let space = s.forum + "/spaces/\(thread.spaceID.lowercased)"
            for page in [s.forum, space, threadPath, s.forum + "/search?q=concession", s.forum + "/search?q=giving", "/notifications"] {
                let seen = try await max.get(page)
                #expect(seen.status == .ok, "\(page)")
                #expect(!seen.text.contains("Quantrill"), "\(page)")
            }
            #expect(try await max.get(threadPath).text.contains(ForumIdentity.anonymousName))
            #expect(try await max.get(s.forum + "/search?q=concession").text.contains("What counts as a concession?"))

            // Still Lea's to close.
            #expect(try await lea.post(path + "/resolve", [:]).status == .seeOther)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.status == "resolved")
        }
    }

    @Test func keepingItPrivatePostsNothingAndAnonymityFollowsTheCohort() async throws {
        try await withApp { app in
            let s = try await setUp(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(s.c.learner), tom = try await fx.signedIn(s.tom)
            let first = try await ask(&lea, s, app, text: "Is a concession always bad?", activity: s.c.lessons[2])
            _ = try await tom.post(s.path(first) + "/forum/propose", [:])
            let notice = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == s.c.learner.id!).first())
            #expect(notice.excerpt == "Tom suggests asking “Is a concession always bad?” in the forum.")
            // She keeps it private: the suggestion leaves her page, Tom sees her choice.
            let kept = try await lea.post(s.path(first) + "/forum/decline", [:])
            #expect(kept.location == s.c.base + "/help#request-\(first.id!.lowercased)")
            let declined = try #require(try await HelpRequestRecord.find(first.id, on: app.db))
            #expect(declined.forumDecidedAt != nil && declined.forumThreadID == nil && declined.status == "open")
            #expect(!(try await lea.get(s.c.base + "/help").text.contains("suggests asking the whole group")))
            #expect(try await tom.get(s.c.base + "/help").text.contains("Lea Quantrill chose to keep it private"))
            let late = try await lea.post(s.path(first) + "/forum/post", ["title": "Changed my mind"])
            #expect(late.status == .conflict && late.text.contains("keep this request private"))
            #expect(try await tom.post(s.path(first) + "/forum/propose", [:]).status == .conflict, "her choice stands")
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)

            // Without a suggestion there is nothing to post; a general request goes to the general space.
            let general = try await ask(&lea, s, app, text: "How do I prepare for the role play?")
            #expect(try await lea.post(s.path(general) + "/forum/post", ["title": "Prep"]).status == .conflict)
            _ = try await tom.post(s.path(general) + "/forum/propose", [:])
            // Anonymity the cohort does not allow is refused, nothing posted.
            let hidden = try await lea.post(s.path(general) + "/forum/post", ["title": "Prep", "anonymous": "on"])
            #expect(hidden.status == .unprocessableEntity && hidden.text.contains("not allowed"))
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            #expect(try await HelpRequestRecord.find(general.id, on: app.db)?.forumDecidedAt == nil)
            _ = try await lea.post(s.path(general) + "/forum/post", ["title": "  Preparing the role play  "])
            let thread = try #require(try await ForumThreadRecord.query(on: app.db).first())
            #expect(thread.title == "Preparing the role play" && !thread.anonymous)
            #expect(try await ForumSpaceRecord.find(thread.spaceID, on: app.db)?.kind == .general)
            #expect(try await ForumPostRecord.query(on: app.db).first()?.body == "How do I prepare for the role play?")
        }
    }

    @Test func onlyTheCohortsStaffSuggestAndOnlyTheLearnerChooses() async throws {
        try await withApp { app in
            let s = try await setUp(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(s.c.learner), tom = try await fx.signedIn(s.tom), max = try await fx.signedIn(s.max)
            let record = try await ask(&lea, s, app, text: "Lost in module 2")
            let path = s.path(record)
            // Learners do not suggest, not even on their own request.
            #expect(try await lea.post(path + "/forum/propose", [:]).status == .notFound)
            #expect(try await max.post(path + "/forum/propose", [:]).status == .notFound)
            // A note too long: the queue again with the problem, nothing saved, nobody told.
            let long = try await tom.post(path + "/forum/propose", ["note": String(repeating: "n", count: 501)])
            #expect(long.status == .unprocessableEntity && long.text.contains("Note is too long"))
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.forumProposedAt == nil)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$personID == s.c.learner.id!).count() == 0)
            _ = try await tom.post(path + "/forum/propose", ["note": "<script>alert(1)</script>"])
            #expect(try await lea.get(s.c.base + "/help").text.contains("&lt;script&gt;alert(1)"), "the note is text")
            // Only Lea chooses: not Max, not Tom.
            for browser in [max, tom] {
                var browser = browser
                #expect(try await browser.post(path + "/forum/post", ["title": "Mine now"]).status == .notFound)
                #expect(try await browser.post(path + "/forum/decline", [:]).status == .notFound)
            }
            // Another cohort's trainer and learner, through either address, and another organization: 404.
            let spring = try await fx.cohort(in: s.c.org, course: s.c.course, name: "Spring")
            let sam = try await fx.person("sam@acme.test", in: s.c.org, roles: [.trainer])
            try await fx.enroll(sam, in: spring, as: .trainer)
            let ivy = try await fx.person("ivy@acme.test", in: s.c.org)
            try await fx.enroll(ivy, in: spring)
            let eve = try await fx.person("eve@globex.test", in: try await fx.organization("Globex"))
            let springPath = "/orgs/\(s.c.org.id!.lowercased)/cohorts/\(spring.id!.lowercased)/help/\(record.id!.lowercased)"
            for person in [sam, ivy, eve] {
                var browser = try await fx.signedIn(person)
                for target in [path, springPath] {
                    #expect(try await browser.post(target + "/forum/propose", [:]).status == .notFound)
                    #expect(try await browser.post(target + "/forum/post", ["title": "x"]).status == .notFound)
                    #expect(try await browser.post(target + "/forum/decline", [:]).status == .notFound)
                }
            }
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            #expect(try await HelpRequestRecord.find(record.id, on: app.db)?.forumDecidedAt == nil)

            // A resolved request is not suggested, nor posted.
            let sorted = try await ask(&lea, s, app, text: "Sorted it myself")
            _ = try await lea.post(s.path(sorted) + "/resolve", [:])
            #expect(try await tom.post(s.path(sorted) + "/forum/propose", [:]).status == .conflict)
            let waiting = try await ask(&lea, s, app, text: "Resolved before choosing")
            _ = try await tom.post(s.path(waiting) + "/forum/propose", [:])
            _ = try await lea.post(s.path(waiting) + "/resolve", [:])
            #expect(!(try await lea.get(s.c.base + "/help").text.contains(s.path(waiting) + "/forum/post")), "no choice left on a resolved one")
            #expect(try await lea.post(s.path(waiting) + "/forum/post", ["title": "Late"]).status == .conflict)
            // A learner who left the cohort is asked nothing.
            let max2 = try await ask(&max, s, app, text: "Max wonders")
            try await CohortMemberRecord.query(on: app.db).filter(\.$person.$id == s.max.id!).delete()
            #expect(try await tom.post(s.path(max2) + "/forum/propose", [:]).status == .conflict)
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
        }
    }
}
