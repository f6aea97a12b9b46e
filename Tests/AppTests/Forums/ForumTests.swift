@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// A cohort's forum: who reads it, asking and answering, what is refused.
@Suite struct ForumTests {
    private func forumClass(_ app: Application) async throws -> (ChatClass, String) {
        let made = try await ForumClass.make(app)
        return (made.c, made.forum)
    }

    private func space(_ app: Application, titled title: String) async throws -> ForumSpaceRecord {
        try await ForumClass.space(app, titled: title)
    }

    @Test func aLearnerAsksTheTrainerAnswersAndTheAskerAcceptsIt() async throws {
        try await withApp { app in
            let (c, forum) = try await forumClass(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let index = try await lea.get(forum)
            #expect(index.status == .ok)
            #expect(index.text.contains("General") && index.text.contains("Week 1") && index.text.contains("Week 2"), "a space per module")
            let general = try await space(app, titled: "General")
            let spacePath = forum + "/spaces/\(general.id!.lowercased)"
            let started = try await lea.post(spacePath + "/threads", ["kind": "question", "title": "How do I calm an angry caller?",
                                                                     "body": "Any **tips**?"])
            let threadPath = try #require(started.location)
            var tom = try await fx.signedIn(c.trainer)
            #expect(try await tom.get(forum).text.contains(#"aria-label="1 unread""#), "unread for Tom")
            let answered = try await tom.post(threadPath + "/posts", ["body": "Listen first, then *summarize* what you heard.", "reply_to": "1"])
            #expect(answered.location == threadPath + "#post-2")
            let page = try await lea.get(threadPath)
            #expect(page.text.contains("Any <strong>tips</strong>?"))
            #expect(page.text.contains("In reply to Lea"))
            #expect(page.text.contains("Accept as the answer"))
            // Max may read and reply, not accept: that is Lea's (or staff's) choice.
            var max = try await fx.signedIn(c.max)
            #expect(!(try await max.get(threadPath)).text.contains("Accept as the answer"))
            #expect(try await max.post(threadPath + "/accept", ["number": "2"]).status == .notFound)
            #expect(try await lea.post(threadPath + "/accept", ["number": "2"]).location == threadPath + "#post-2")
            #expect(try await lea.get(threadPath).text.contains("Accepted answer"))
            let unanswered = try await lea.get(spacePath + "?show=unanswered").text
            #expect(!unanswered.contains("How do I calm"))
            #expect(try await lea.get(spacePath + "?show=answered").text.contains("How do I calm"))
            let thread = try #require(try await ForumThreadRecord.query(on: app.db).first())
            #expect(thread.postCount == 2)
        }
    }

    @Test func nobodyOutsideTheCohortFindsAnything() async throws {
        try await withApp { app in
            let (c, forum) = try await forumClass(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            _ = try await lea.get(forum)
            let general = try await space(app, titled: "General")
            let spacePath = forum + "/spaces/\(general.id!.lowercased)"
            let threadPath = try #require(try await lea.post(spacePath + "/threads", ["kind": "discussion", "title": "Ours", "body": "Only us"]).location)
            for person in [c.outsider, c.stranger] {
                var other = try await fx.signedIn(person)
                for path in [forum, spacePath, threadPath] { #expect(try await other.get(path).status == .notFound, "\(path)") }
                #expect(try await other.post(threadPath + "/posts", ["body": "let me in"]).status == .notFound)
                #expect(try await other.post(spacePath + "/threads", ["kind": "discussion", "title": "x", "body": "y"]).status == .notFound)
            }
            // Another cohort's forum: the thread is not found through it either.
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            var otto = try await fx.signedIn(c.outsider)
            let winterForum = c.orgPath + "/cohorts/\(winter.id!.lowercased)/forum"
            #expect(try await otto.get(winterForum).status == .ok)
            let thread = threadPath.split(separator: "/").last!
            #expect(try await otto.get(winterForum + "/threads/\(thread)").status == .notFound)
            #expect(try await otto.post(winterForum + "/threads/\(thread)/posts", ["body": "sneaky"]).status == .notFound)
            #expect(try await ForumPostRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func badPostsAndLockedThreadsAreRefusedAndNothingIsSaved() async throws {
        try await withApp { app in
            let (c, forum) = try await forumClass(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            _ = try await lea.get(forum)
            let general = try await space(app, titled: "General")
            let spacePath = forum + "/spaces/\(general.id!.lowercased)"
            for form in [["kind": "question", "title": "", "body": "b"], ["kind": "question", "title": "t", "body": "  "],
                         ["kind": "poll", "title": "t", "body": "b"], ["kind": "question", "title": "t", "body": String(repeating: "x", count: 20_001)]] {
                #expect(try await lea.post(spacePath + "/threads", form).status == .unprocessableEntity, "\(form["kind"]!) \(form["title"]!)")
            }
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            let threadPath = try #require(try await lea.post(spacePath + "/threads", ["kind": "question", "title": "Q", "body": "B"]).location)
            #expect(try await lea.post(threadPath + "/posts", ["body": ""]).status == .unprocessableEntity)
            #expect(try await lea.post(threadPath + "/posts", ["body": "x"], csrf: false).status == .forbidden)
            // Only staff lock; then learners cannot reply, staff still can.
            #expect(try await lea.post(threadPath + "/lock", [:]).status == .notFound)
            var tom = try await fx.signedIn(c.trainer)
            #expect(try await tom.post(threadPath + "/lock", [:]).status == .seeOther)
            let refused = try await lea.post(threadPath + "/posts", ["body": "one more"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("locked"))
            #expect(try await tom.post(threadPath + "/posts", ["body": "Closing note"]).status == .seeOther)
            #expect(try await ForumPostRecord.query(on: app.db).count() == 2)
            // A reply to a post that is not in the thread: refused, not posted without its context.
            for bad in ["9", "0", "abc"] {
                let answer = try await tom.post(threadPath + "/posts", ["body": "To what?", "reply_to": bad])
                #expect(answer.status == .unprocessableEntity, "\(bad)")
            }
            #expect(try await ForumPostRecord.query(on: app.db).count() == 2)
            // A thread caught between its row and its first post (or left so by a failure) must
            // not take the server down when someone asks to reply to its post 1.
            let space = try await space(app, titled: "General")
            let empty = ForumThreadRecord()
            empty.organizationID = c.org.id!; empty.cohortID = c.cohort.id!; empty.spaceID = space.id!; empty.kind = .question
            empty.title = "Empty"; empty.authorID = c.lea.id!; empty.postCount = 0; empty.lastPostAt = Date(); empty.pinned = false
            empty.locked = false; empty.createdAt = Date(); empty.anonymous = false
            try await empty.save(on: app.db)
            #expect(try await lea.get(forum + "/threads/\(empty.id!.lowercased)?reply_to=1").status == .ok)
            // Accepting the opening post or a missing one: refused.
            #expect(try await lea.post(threadPath + "/accept", ["number": "1"]).status == .unprocessableEntity)
            #expect(try await lea.post(threadPath + "/accept", ["number": "9"]).status == .unprocessableEntity)
            #expect(try await ForumThreadRecord.query(on: app.db).first()?.acceptedPostID == nil)
        }
    }

    @Test func staffPinAndAddSpacesLearnersDoNot() async throws {
        try await withApp { app in
            let (c, forum) = try await forumClass(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea), tom = try await fx.signedIn(c.trainer)
            #expect(try await lea.post(forum + "/spaces", ["title": "Off topic"]).status == .notFound)
            #expect(try await tom.post(forum + "/spaces", ["title": ""]).status == .unprocessableEntity)
            let added = try await tom.post(forum + "/spaces", ["title": "Case study"])
            let spacePath = try #require(added.location)
            #expect(try await lea.get(forum).text.contains("Case study"))
            let first = try #require(try await lea.post(spacePath + "/threads", ["kind": "discussion", "title": "Older", "body": "a"]).location)
            _ = try await lea.post(spacePath + "/threads", ["kind": "discussion", "title": "Newer", "body": "b"])
            #expect(try await lea.post(first + "/pin", [:]).status == .notFound)
            #expect(try await tom.post(first + "/pin", [:]).status == .seeOther)
            let list = try await lea.get(spacePath).text
            let older = try #require(list.range(of: ">Older<")), newer = try #require(list.range(of: ">Newer<"))
            #expect(older.lowerBound < newer.lowerBound, "the pinned thread comes first")
        }
    }
}
