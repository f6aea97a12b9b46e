@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Following threads and spaces, the notifications new posts bring, and anonymous posting: the
/// author's name never reaches other learners, wherever the post shows up.
@Suite struct ForumFollowingTests {
    private func unread(_ app: Application, _ person: PersonRecord, kind: NotificationKind) async throws -> [NotificationRecord] {
        try await NotificationRecord.query(on: app.db).filter(\.$personID == person.id!).filter(\.$kind == kind).filter(\.$readAt == nil).all()
    }

    @Test func followersHearOfNewPostsOncePerThreadUntilTheyRead() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            var (lea, max, tom) = try await f.signedIn(app)
            let thread = try await f.startThread(&lea, app, title: "Follow me", body: "Opening")
            #expect(try await lea.get(thread).text.contains(">Unfollow<"), "the asker follows her thread")
            #expect(try await max.get(thread).text.contains(">Follow<"), "a learner does not follow others' threads")
            #expect(try await unread(app, f.c.trainer, kind: .forumPost).count == 1, "staff follow everything")
            _ = try await max.post(thread + "/posts", ["body": "First answer"])
            _ = try await max.post(thread + "/posts", ["body": "Second answer"])
            let leas = try await unread(app, f.c.lea, kind: .forumPost)
            #expect(leas.count == 1 && leas.first?.itemCount == 2 && leas.first?.headline == "2 new posts in “Follow me”")
            #expect(leas.first?.url.hasSuffix("#post-3") == true)
            // An edit shows in the bell; a hidden post leaves it (its words are not mailed).
            _ = try await max.post(thread + "/posts/3/edit", ["body": "Second answer, corrected"])
            #expect(try await unread(app, f.c.lea, kind: .forumPost).first?.excerpt == "Second answer, corrected")
            _ = try await tom.post(thread + "/posts/3/hide", ["reason": "Off topic"])
            #expect(try await unread(app, f.c.lea, kind: .forumPost).first?.excerpt == "(This post was hidden by a moderator.)")
            _ = try await tom.post(thread + "/posts/3/unhide", [:])
            // Reading the thread reads them.
            _ = try await lea.get(thread)
            #expect(try await unread(app, f.c.lea, kind: .forumPost).isEmpty)
            // Max replied: he follows now. Lea unfollows: no more, but a mention still reaches her.
            _ = try await lea.post(thread + "/follow", ["following": "off"])
            _ = try await lea.post(thread + "/posts", ["body": "Thanks!"])
            #expect(try await unread(app, f.c.max, kind: .forumPost).count == 1)
            _ = try await max.post(thread + "/posts", ["body": "You are welcome"])
            #expect(try await unread(app, f.c.lea, kind: .forumPost).isEmpty)
            _ = try await max.post(thread + "/posts", ["body": "@Lea one more thing"])
            let mention = try await unread(app, f.c.lea, kind: .mention)
            #expect(mention.count == 1 && mention.first?.headline == "Max mentioned you in “Follow me”")
            // Replying again does not undo her choice.
            _ = try await lea.post(thread + "/posts", ["body": "ok"])
            #expect(try await ForumFollowRecord.query(on: app.db).filter(\.$personID == f.c.lea.id!).first()?.following == false)
            // Staff can stop following a whole space.
            let general = try await ForumClass.space(app, titled: "General")
            _ = try await tom.get(thread)
            _ = try await tom.post(f.forum + "/spaces/\(general.id!.lowercased)/follow", ["following": "off"])
            _ = try await max.post(thread + "/posts", ["body": "quiet now"])
            #expect(try await unread(app, f.c.trainer, kind: .forumPost).isEmpty)
            #expect(try await tom.post(thread + "/follow", ["following": "maybe"]).status == .unprocessableEntity)
            // A live page marks what it showed as read.
            _ = try await lea.post(thread + "/follow", ["following": "on"])
            _ = try await max.post(thread + "/posts", ["body": "seen live"])
            let count = try #require(try await ForumThreadRecord.query(on: app.db).first()).postCount
            #expect(try await lea.post(thread + "/read", ["number": "\(count)"]).status == .noContent)
            #expect(try await unread(app, f.c.lea, kind: .forumPost).isEmpty)
            #expect(try await lea.post(thread + "/read", ["number": "\(count + 5)"]).status == .unprocessableEntity)
        }
    }

    @Test func anAnonymousAuthorIsNeverNamedToOtherLearners() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            let zoe = try await fx.person("zoe@acme.test", name: "Zoé Quantrill", in: f.c.org)
            try await fx.enroll(zoe, in: f.c.cohort)
            var zed = try await fx.signedIn(zoe)
            var max = try await fx.signedIn(f.c.max)
            var tom = try await fx.signedIn(f.c.trainer)
            // Not allowed yet: refused, nothing saved.
            _ = try await zed.get(f.forum)
            let refused = try await zed.post(try await f.spacePath(app) + "/threads",
                                             ["kind": "question", "title": "Secret", "body": "x", "anonymous": "on"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("not allowed"))
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            #expect(try await max.post(f.forum + "/settings", ["anonymous_allowed": "on"]).status == .notFound, "staff decide")
            _ = try await tom.post(f.forum + "/settings", ["anonymous_allowed": "on"])
            #expect(try await zed.get(try await f.spacePath(app)).text.contains("Post anonymously"))
            let thread = try await f.startThread(&zed, app, title: "Is my manager right?", body: "An awkward question, @Max",
                                                 extra: ["anonymous": "on"])
            _ = try await max.post(thread + "/posts", ["body": "Good question"])
            _ = try await zed.post(thread + "/posts", ["body": "Thanks, marmot", "anonymous": "on"])
            // Everything Max can reach about it: the name is not there.
            let record = try #require(try await ForumThreadRecord.query(on: app.db).first())
            for path in [f.forum, try await f.spacePath(app), thread, thread + "?reply_to=3&quote=1", f.forum + "/search?q=marmot",
                         f.forum + "/search?q=awkward", "/notifications"] {
                let page = try await max.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains("Quantrill") && !page.text.contains("Zoé"), "\(path)")
            }
            #expect(try await max.get(thread).text.contains(ForumIdentity.anonymousName))
            let mention = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == f.c.max.id!).filter(\.$kind == .mention).first())
            #expect(mention.title.hasPrefix(ForumIdentity.anonymousName))
            let live = try #require(try await ForumStore.event(forPost: try ForumClass.post(app, number: 3, in: thread).requireID(), on: app.db))
            if case .forumPost(let post) = live { #expect(!post.json.contains("Quantrill")) } else { Issue.record("a forum frame") }
            // She sees it is hers; staff see who wrote.
            #expect(try await zed.get(thread).text.contains("You (anonymous)"))
            #expect(try await tom.get(thread).text.contains("Zoé Quantrill (anonymous to learners)"))
            #expect(record.anonymous)
            // Staff themselves never post anonymously.
            #expect(try await tom.post(thread + "/posts", ["body": "x", "anonymous": "on"]).status == .unprocessableEntity)
        }
    }
}

/// The forum's e-mail: a digest at most hourly, for people who are not online.
@Suite struct ForumMailTests {
    @Test func followersNotOnlineGetTheDigestAfterAnHourTheOthersLater() async throws {
        let mailer = RecordingMailer()
        try await withApp(mailer: mailer) { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            var max = try await fx.signedIn(f.c.max)
            let thread = try await f.startThread(&lea, app, title: "Digest", body: "Anyone?")
            _ = try await max.post(thread + "/posts", ["body": "Here"])
            // Lea has a tab open; Tom (staff, following everything) does not.
            await app.realtime.presence.arrived(f.c.lea.id!, on: app.db, broadcaster: app.realtime.broadcaster)
            #expect(try await NotificationMailer.run(app: app, now: Date().addingTimeInterval(30 * 60)) == 0, "not within the hour")
            let later = Date().addingTimeInterval(61 * 60)
            #expect(try await NotificationMailer.run(app: app, now: later) == 1)
            #expect(try await Outbox.drain(app: app) == 1)
            let mail = try #require(await mailer.sent.first)
            #expect(mail.to.map(\.email) == ["tom@acme.test"] && mail.text.contains("2 new posts in “Digest”"))
            let leas = try #require(try await NotificationRecord.query(on: app.db).filter(\.$personID == f.c.lea.id!).first())
            #expect(leas.emailedAt == nil && (leas.emailDueAt ?? .distantPast) > later, "online: her digest waits")
        }
    }
}
