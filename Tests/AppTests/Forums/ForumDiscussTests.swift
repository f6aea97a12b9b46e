@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// "Discuss this" under a lesson, and the names the @mention autocomplete offers.
@Suite struct ForumDiscussTests {
    @Test func aLessonsDiscussionIsMadeByItsFirstPostInTheModulesSpace() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            let course = try #require(try await CourseRecord.find(f.c.cohort.$course.id, on: app.db))
            course.status = .published
            try await course.save(on: app.db)
            let practice = try #require(try await ActivityRecord.query(on: app.db).filter(\.$title == "Practice").first())
            let lesson = f.c.orgPath + "/cohorts/\(f.c.cohort.id!.lowercased)/activities/\(practice.id!.lowercased)"
            let discuss = f.forum + "/discuss/\(practice.id!.lowercased)"
            var lea = try await fx.signedIn(f.c.lea)
            let page = try await lea.get(lesson)
            #expect(page.text.contains(discuss) && page.text.contains("Discuss this lesson with your cohort"))
            let form = try await lea.get(discuss)
            #expect(form.status == .ok && form.text.contains(#"value="Practice""#) && form.text.contains("“Week 2” space"))
            // Bad input: nothing made.
            #expect(try await lea.post(discuss, ["kind": "question", "title": "Practice", "body": " "]).status == .unprocessableEntity)
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 0)
            let started = try await lea.post(discuss, ["kind": "question", "title": "Practice", "body": "How long should the role play last?"])
            let thread = try #require(started.location)
            let record = try #require(try await ForumThreadRecord.query(on: app.db).first())
            #expect(record.activityID == practice.id)
            #expect(record.spaceID == (try await ForumClass.space(app, titled: "Week 2")).id)
            // From now on the link leads to that thread, and a second "first post" joins it.
            #expect(try await lea.get(discuss).location == thread)
            var max = try await fx.signedIn(f.c.max)
            let joined = try await max.post(discuss, ["kind": "discussion", "title": "Mine", "body": "Ten minutes each"])
            #expect(joined.location == thread + "#post-2")
            #expect(try await ForumThreadRecord.query(on: app.db).count() == 1)
            #expect(try await max.get(lesson).text.contains("Discussion about this lesson: 2 posts"))
            // The count is kept for the cohort's lesson pages; a reply in the thread itself moves it.
            #expect(try await lea.get(lesson).text.contains("Discussion about this lesson: 2 posts"))
            #expect(try await lea.post(thread + "/posts", ["body": "Fifteen, with feedback"]).status == .seeOther)
            #expect(try await max.get(lesson).text.contains("Discussion about this lesson: 3 posts"))
            // Locked: a "first post" sent from a stale page does not slip in either.
            var tom = try await fx.signedIn(f.c.trainer)
            _ = try await tom.post(thread + "/lock", [:])
            #expect(try await max.post(discuss, ["kind": "discussion", "title": "Late", "body": "Me too"]).status == .forbidden)
            #expect(try await ForumPostRecord.query(on: app.db).count() == 3)
            // An activity of another course, or none: 404.
            let other = try await fx.course(in: f.c.org, name: "Other")
            let (_, elsewhere) = try await fx.lesson(in: other, title: "Elsewhere")
            #expect(try await lea.get(f.forum + "/discuss/\(elsewhere.id!.lowercased)").status == .notFound)
            #expect(try await lea.post(f.forum + "/discuss/\(elsewhere.id!.lowercased)", ["kind": "question", "title": "x", "body": "y"]).status
                    == .notFound)
            #expect(try await lea.get(f.forum + "/discuss/nope").status == .notFound)
            var otto = try await fx.signedIn(f.c.outsider)
            #expect(try await otto.get(discuss).status == .notFound)
        }
    }

    @Test func theMentionListIsTheCohortsPeople() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            let people = try await lea.get(f.forum + "/people")
            #expect(people.status == .ok)
            #expect(people.text.contains("Max") && people.text.contains("Tom"))
            #expect(!people.text.contains("Otto") && !people.text.contains("Sam") && !people.text.contains("\"Lea\""), "not outsiders, not herself")
            var otto = try await fx.signedIn(f.c.outsider)
            #expect(try await otto.get(f.forum + "/people").status == .notFound)
        }
    }
}

/// Images posted in a thread: checked by their bytes, served to the cohort while the post shows them.
@Suite struct ForumImageTests {
    @Test func anImagePostIsServedToTheCohortWhileItsPostShowsIt() async throws {
        try await withApp(configure: { $0.uploadLimits.otherBytes = 4_096 }) { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            var max = try await fx.signedIn(f.c.max)
            let thread = try await f.startThread(&lea, app, title: "Whiteboards", body: "Show yours")
            let sent = try await max.uploadFile(thread + "/images", bytes: Samples.png, filename: "board.png", form: ["body": "Mine **today**"])
            #expect(sent.location == thread + "#post-2")
            let image = try #require(try await ForumImageRecord.query(on: app.db).first())
            let url = f.forum + "/images/\(image.id!.lowercased)/board.png"
            #expect(try await ForumClass.post(app, number: 2, in: thread).body == "Mine **today**\n\n![board.png](\(url))")
            #expect(try await lea.get(thread).text.contains(#"<img src="\#(url)" alt="board.png">"#))
            let served = try await lea.get(url)
            #expect(served.status == .ok && served.headers.contentType?.description == "image/png")
            #expect(served.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Array(served.body.readableBytesView) == Samples.png)
            var otto = try await fx.signedIn(f.c.outsider)
            #expect(try await otto.get(url).status == .notFound, "another cohort")
            #expect(try await otto.uploadFile(thread + "/images", bytes: Samples.png, filename: "x.png").status == .notFound)
            // Refused: not an image, a PDF, empty, too big, no CSRF token. Nothing is posted.
            for (bytes, name, status) in [(Samples.html, "photo.png", HTTPResponseStatus.unprocessableEntity), (Samples.svg, "logo.svg", .unprocessableEntity),
                                          (Samples.pdf, "notes.pdf", .unprocessableEntity), ([], "empty.png", .unprocessableEntity),
                                          (Samples.png + [UInt8](repeating: 0, count: 5_000), "big.png", .payloadTooLarge)] as [([UInt8], String, HTTPResponseStatus)] {
                #expect(try await max.uploadFile(thread + "/images", bytes: bytes, filename: name).status == status, "\(name)")
            }
            #expect(try await max.uploadFile(thread + "/images", bytes: Samples.png, filename: "a.png", csrf: false).status == .forbidden)
            #expect(try await ForumImageRecord.query(on: app.db).count() == 1)
            #expect(try await ForumPostRecord.query(on: app.db).count() == 2)
            var tom = try await fx.signedIn(f.c.trainer)
            // Posted anonymously, the file's own name (which could name its author) is not kept.
            _ = try await tom.post(f.forum + "/settings", ["anonymous_allowed": "on"])
            var zed = try await fx.signedIn(f.c.lea)
            _ = try await zed.uploadFile(thread + "/images", bytes: Samples.png, filename: "Lea-at-home.png", form: ["anonymous": "on"])
            let anonymousImage = try #require(try await ForumImageRecord.query(on: app.db).filter(\.$uploadedBy == f.c.lea.id!).first())
            #expect(anonymousImage.filename == "image.png")
            #expect(try await ForumClass.post(app, number: 3, in: thread).body.contains("Lea-at-home") == false)
            // Hidden: learners no longer load it; deleted: no one does.
            _ = try await tom.post(thread + "/posts/2/hide", ["reason": "Shows a customer's address"])
            #expect(try await lea.get(url).status == .notFound)
            #expect(try await tom.get(url).status == .ok)
            _ = try await tom.post(thread + "/posts/2/unhide", [:])
            _ = try await max.post(thread + "/posts/2/delete", [:])
            #expect(try await tom.get(url).status == .notFound)
            // A locked thread takes no image from a learner.
            _ = try await tom.post(thread + "/lock", [:])
            #expect(try await lea.uploadFile(thread + "/images", bytes: Samples.png, filename: "late.png").status == .forbidden)
        }
    }
}
