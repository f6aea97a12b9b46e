@testable import App
import Domain
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

/// The forum's pages keep a cohort's spaces and settings, and its threads, cached
/// (`ForumPageReads.swift`): whatever changes them is seen on the next page, with caches that
/// would otherwise hold for ten minutes.
@Suite struct ForumPageCacheTests {
    @Test func aRenamedModulesSpaceShowsItsNewTitleOnceTheForumFollowsTheModule() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, _, _) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Role play", body: "How long?", space: "Week 2")
            #expect(try await lea.get(thread).text.contains(">Week 2</a>"))
            // The author renames the module (through a request, which empties the caches).
            let module = try #require(try await ModuleRecord.query(on: app.db).filter(\.$title == "Week 2").first())
            module.title = "Week 2: role plays"
            try await module.save(on: app.db)
            app.readCaches.invalidateAll()
            #expect(try await lea.get(thread).text.contains(">Week 2</a>"), "the space follows its module when the forum is visited")
            // The forum's index renames the space, a write made by a GET: the pages see it at once.
            #expect(try await lea.get(f.forum).text.contains("Week 2: role plays"))
            #expect(try await lea.get(thread).text.contains(">Week 2: role plays</a>"))
            #expect(try await lea.get(try await f.spacePath(app, "Week 2: role plays")).status == .ok)
        }
    }

    @Test func aSpaceRenamedByTheDiscussPageShowsItsNewTitleAtOnce() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, max, _) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Role play", body: "How long?", space: "Week 2")
            let module = try #require(try await ModuleRecord.query(on: app.db).filter(\.$title == "Week 2").first())
            module.title = "Week 2: role plays"
            try await module.save(on: app.db)
            app.readCaches.invalidateAll()  // as the author's request would
            #expect(try await lea.get(thread).text.contains(">Week 2</a>"))
            // Max opens "Discuss this" under the module's lesson: that page renames the space too.
            let practice = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Practice").first())
            #expect(try await max.get(f.forum + "/discuss/\(practice.id!.lowercased)").text.contains("Week 2: role plays"))
            #expect(try await lea.get(thread).text.contains(">Week 2: role plays</a>"))
        }
    }

    @Test func aThreadOrSpaceOfAnotherCohortIsNotFoundEvenWhenCached() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, _, _) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Ours", body: "Only us")
            let space = try await f.spacePath(app)
            #expect(try await lea.get(thread).status == .ok)  // both cached now
            #expect(try await lea.get(space).status == .ok)
            // Otto learns in Winter, a cohort of the same company: through his own cohort's forum, not found.
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            let winterForum = f.c.orgPath + "/cohorts/\(winter.id!.lowercased)/forum"
            var otto = try await Fixtures(app: app).signedIn(f.c.outsider)
            #expect(try await otto.get(winterForum).status == .ok)
            #expect(try await otto.get(winterForum + "/threads/" + thread.split(separator: "/").last!).status == .notFound)
            #expect(try await otto.get(winterForum + "/spaces/" + space.split(separator: "/").last!).status == .notFound)
            #expect(try await otto.get(thread).status == .notFound)
            // Bad or unknown ids, with the cohort's forum cached: not found either.
            for bad in ["nope", UUID().uuidString.lowercased()] {
                #expect(try await lea.get(f.forum + "/spaces/" + bad).status == .notFound)
                #expect(try await lea.get(f.forum + "/threads/" + bad).status == .notFound)
            }
        }
    }

    @Test func aCachedSearchSeesEveryWriteAndKeepsStaffAndMineApart() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Pricing", body: "How do we quote freight?")
            let search = f.forum + "/search?q=freight"
            #expect(try await max.get(search).text.contains("Pricing"))  // cached now
            // A new post is found at once (the write empties the cache).
            _ = try await max.post(thread + "/posts", ["body": "Freight by the pallet, always."])
            let afterReply = try await lea.get(search)
            #expect(afterReply.text.contains("by the pallet"))
            // "Mine" is the reader's own: Lea's cached page is not Tom's.
            #expect(try await lea.get(search + "&mine=on").text.contains("Pricing"))
            #expect(try await tom.get(search + "&mine=on").text.contains("Nothing found"))
            let zed = try await Fixtures(app: app).person("zed@acme.test", name: "Zed", in: f.c.org)
            try await Fixtures(app: app).enroll(zed, in: f.c.cohort)
            var zedBrowser = try await Fixtures(app: app).signedIn(zed)
            #expect(try await zedBrowser.get(search + "&mine=on").text.contains("Nothing found"), "a learner who wrote nothing: not Lea's page")
            // Hidden by staff: gone from learners' search at once, still found by staff.
            _ = try await tom.post(thread + "/posts/2/hide", ["reason": "Off topic"])
            #expect(!(try await lea.get(search).text.contains("by the pallet")))
            #expect(try await tom.get(search).text.contains("by the pallet"))
            #expect(!(try await max.get(search).text.contains("by the pallet")), "staff's cached page is not a learner's")
            // Written outside any request (another node, a job): found once the cache is emptied or outlived.
            let post = try await ForumClass.post(app, number: 1, in: thread)
            try await ForumSearch.index(post: post.id!, cohort: f.c.cohort.id!, title: "Pricing", body: "Containers", on: app.db as! any SQLDatabase)
            #expect(!(try await lea.get(f.forum + "/search?q=freight").text.contains("Nothing found")), "the cached page, until it expires")
            app.readCaches.invalidateAll()
            #expect(try await lea.get(f.forum + "/search?q=containers").text.contains("Pricing"))
            #expect(try await lea.get(f.forum + "/search?q=freight").text.contains("Nothing found"))
        }
    }

    /// A page's posts are rendered once per kind of reader and kept with its cached rows: each
    /// reader of the same cached page still gets their own buttons, names and upvotes.
    @Test func eachReaderOfACachedPageGetsTheirOwnPostItems() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            _ = try await tom.post(f.forum + "/settings", ["anonymous_allowed": "on"])
            let thread = try await f.startThread(&lea, app, title: "Quotes", body: "How do we quote freight?", extra: ["anonymous": "on"])
            _ = try await max.post(thread + "/posts", ["body": "By the pallet.", "reply_to": "1"])
            _ = try await tom.post(thread + "/posts/2/upvote", [:])
            _ = try await max.post(thread + "/posts/1/upvote", [:])
            // Zed differs from Max only in not having upvoted Lea's post (and not writing Max's).
            let zed = try await Fixtures(app: app).person("zed@acme.test", name: "Zed", in: f.c.org)
            try await Fixtures(app: app).enroll(zed, in: f.c.cohort)
            var zedBrowser = try await Fixtures(app: app).signedIn(zed)
            // No write from here on: one cached page, read by each in turn, twice.
            for _ in 1...2 {
                let asker = try await lea.get(thread).text
                #expect(asker.contains(thread + "/posts/1/edit") && !asker.contains(thread + "/posts/2/edit"))
                #expect(asker.contains("Accept as the answer") && asker.contains(thread + "/posts/2/upvote"))
                #expect(!asker.contains(thread + "/posts/1/upvote"), "not her own post")
                #expect(asker.contains("You (anonymous)") && !asker.contains(thread + "/posts/1/hide"))
                let peer = try await max.get(thread).text
                #expect(peer.contains(ForumIdentity.anonymousName) && !peer.contains("Lea"), "anonymous to peers, in the post and the reply's context")
                #expect(peer.contains(thread + "/posts/2/edit") && !peer.contains(thread + "/posts/1/edit"))
                #expect(peer.contains(thread + "/posts/1/upvote") && !peer.contains("Accept as the answer"))
                let staff = try await tom.get(thread).text
                #expect(staff.contains("Lea (anonymous to learners)") && staff.contains(thread + "/posts/1/hide") && staff.contains(thread + "/posts/2/hide"))
                #expect(staff.contains("Remove your upvote (1)") && !asker.contains("Remove your upvote"))
                // The buttons submit the page's one form, which holds the reader's own CSRF token.
                #expect(staff.contains("form=\"post-action-form\" formaction=\"\(thread)/posts/2/upvote\""))
                #expect(staff.components(separatedBy: "id=\"post-action-form\"").count == 2)
                let other = try await zedBrowser.get(thread).text
                #expect(peer.contains("Remove your upvote (1)") && !other.contains("Remove your upvote"))
            }
            // Accepted and locked by another node: the thread is read afresh, its cached items are not reused.
            let record = try #require(try await ForumThreadRecord.query(on: app.db).first())
            let answer = try await ForumClass.post(app, number: 2, in: thread)
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE forum_threads SET accepted_post_id = \(bind: answer.id!), locked = \(bind: true) WHERE id = \(bind: record.id!)
                """).run()
            let locked = try await zedBrowser.get(thread).text
            #expect(locked.contains("Accepted answer") && locked.contains("This thread is locked"))
            #expect(!locked.contains("?reply_to="), "no Reply or Quote on a locked thread")
        }
    }

    /// The thread page reads the reader's marks with the thread, for the page asked (or the
    /// page of the post replied to); past the last page, again for the page shown.
    @Test func theReadersUpvotesAndFollowingAreShownOnEveryPage() async throws {
        try await withApp(configure: { $0.readCacheSeconds = 600 }) { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Long one", body: "post one", kind: .discussion)
            let record = try #require(try await ForumThreadRecord.query(on: app.db).first())
            for number in 2...60 { try await ForumStore.reply(to: record, body: "post \(number) body", author: f.c.lea.id!, on: app.db) }
            _ = try await max.post(thread + "/posts/52/upvote", [:])
            _ = try await max.post(thread + "/posts/3/upvote", [:])
            _ = try await max.post(thread + "/follow", ["following": "on"])
            let upvoted = "/posts/52/upvote\" class=\"button-link upvoted\""
            for path in [thread + "?page=2", thread + "?page=99", thread + "?reply_to=52", thread + "?page=2&reply_to=3"] {
                let page = try await max.get(path).text
                #expect(page.contains(upvoted) && page.contains("post 60 body"), "\(path)")
                #expect(page.contains(">Unfollow</button>"), "\(path)")
            }
            let first = try await max.get(thread).text
            #expect(!first.contains(upvoted) && first.contains("/posts/3/upvote\" class=\"button-link upvoted\""))
            #expect(first.contains(">Unfollow</button>"))
            _ = try await max.post(thread + "/follow", ["following": "off"])
            #expect(try await max.get(thread + "?page=2").text.contains(">Follow</button>"))
            #expect(!(try await tom.get(thread + "?page=2").text.contains(upvoted)), "Max's upvote, not Tom's")
        }
    }
}
