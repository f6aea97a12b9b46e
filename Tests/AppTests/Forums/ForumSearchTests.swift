@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Full-text search (FTS5 on SQLite, tsvector on PostgreSQL: these run on both), paging of long
/// threads, the live preview.
@Suite struct ForumSearchTests {
    @Test func searchFindsWordsWithHighlightsFiltersAndStaysInTheCohort() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var (lea, max, tom) = try await f.signedIn(app)
            let angry = try await f.startThread(&lea, app, title: "Calming an angry caller", body: "What do you say first?")
            _ = try await tom.post(angry + "/posts", ["body": "Acknowledge the **frustration**, then summarize <script>alert(1)</script>."])
            _ = try await lea.post(angry + "/accept", ["number": "2"])
            _ = try await f.startThread(&max, app, title: "Invoices", body: "The frustration of late invoices", space: "Week 1")
            // Another cohort's forum with the same words: never found from this one.
            var otto = try await fx.signedIn(f.c.outsider)
            let winter = try #require(try await CohortRecord.query(on: app.db).filter(\.$name == "Winter").first())
            let winterForum = ForumClass(c: f.c, forum: f.c.orgPath + "/cohorts/\(winter.id!.lowercased)/forum")
            _ = try await otto.get(winterForum.forum)
            let winterGeneral = try #require(try await ForumSpaceRecord.query(on: app.db).filter(\.$cohortID == winter.id!).first())
            _ = try await otto.post(winterForum.forum + "/spaces/\(winterGeneral.id!.lowercased)/threads",
                                    ["kind": "discussion", "title": "Frustration elsewhere", "body": "frustration everywhere"])

            let found = try await lea.get(f.forum + "/search?q=frustration")
            #expect(found.status == .ok)
            #expect(found.text.contains("Calming an angry caller") && found.text.contains("Invoices"))
            #expect(!found.text.contains("elsewhere"), "another cohort's thread")
            #expect(found.text.contains("<mark>frustration</mark>"), "highlighted")
            #expect(!found.text.contains("<script>alert"), "snippets are escaped")
            // Prefixes, case, several words (all required), the title.
            #expect(try await lea.get(f.forum + "/search?q=FRUSTR").text.contains("Invoices"))
            #expect(!(try await lea.get(f.forum + "/search?q=frustration+invoices").text.contains("Calming")))
            #expect(try await lea.get(f.forum + "/search?q=angry").text.contains("Calming an angry caller"))
            // Filters: space, answered, mine.
            let week1 = try await ForumClass.space(app, titled: "Week 1")
            let inWeek1 = try await lea.get(f.forum + "/search?q=frustration&space=\(week1.id!.lowercased)")
            #expect(inWeek1.text.contains("Invoices") && !inWeek1.text.contains("Calming"))
            let answered = try await lea.get(f.forum + "/search?q=frustration&state=answered")
            #expect(answered.text.contains("Calming") && !answered.text.contains("Invoices"))
            let unanswered = try await lea.get(f.forum + "/search?q=frustration&state=unanswered")
            #expect(!unanswered.text.contains("Calming") && unanswered.text.contains("Invoices"))
            let mine = try await max.get(f.forum + "/search?q=frustration&mine=on")
            #expect(mine.text.contains("Invoices") && !mine.text.contains("Calming"))
            // Query syntax of either engine is only words here: no error, no injection.
            for odd in ["\"", "frustr*", "a OR b", "NEAR(x y)", "'; DROP TABLE forum_posts; --", "(", "&|!:*", "\u{E000}"] {
                let response = try await lea.get(f.forum + "/search?q=" + odd.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                #expect(response.status == .ok, "\(odd)")
            }
            #expect(try await ForumPostRecord.query(on: app.db).count() == 4)
            #expect(!(try await lea.get(f.forum + "/search").text.contains("Nothing found")), "no words, no search")
            // Outside the cohort: 404.
            #expect(try await otto.get(f.forum + "/search?q=frustration").status == .notFound)
        }
    }

    @Test func anEditedPostIsFoundByItsNewWords() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(f.c.lea)
            let thread = try await f.startThread(&lea, app, title: "Typos", body: "I wrote teh word")
            _ = try await lea.post(thread + "/posts/1/edit", ["body": "I wrote the word properly"])
            #expect(try await lea.get(f.forum + "/search?q=properly").text.contains("Typos"))
            #expect(try await lea.get(f.forum + "/search?q=teh").text.contains("Nothing found"))
        }
    }

    @Test func longThreadsArePagedAndUnreadLinksPointToTheRightPage() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            var max = try await fx.signedIn(f.c.max)
            let thread = try await f.startThread(&lea, app, title: "Long one", body: "post one", kind: .discussion)
            _ = try await max.get(thread)
            let record = try #require(try await ForumThreadRecord.query(on: app.db).first())
            // Written here, not through a request (as another node would): the thread's pages see them at once.
            for number in 2...120 { try await ForumStore.reply(to: record, body: "post \(number) body", author: f.c.lea.id!, on: app.db) }
            let first = try await max.get(thread)
            #expect(first.text.contains("post one") && first.text.contains("post 50 body") && !first.text.contains("post 51 body"))
            #expect(first.text.contains("?page=3"))
            let last = try await max.get(thread + "?page=3")
            #expect(last.text.contains("post 120 body") && last.text.contains(#"data-last="120""#) && !last.text.contains("post 100 body"))
            #expect(try await max.get(thread + "?page=99").text.contains("post 120 body"), "past the end: the last page")
            // Max read up to 50 and 120; Lea adds one: the space links to page 3, post 121.
            try await ForumStore.reply(to: record, body: "post 121 body", author: f.c.lea.id!, on: app.db)
            let space = try await max.get(try await f.spacePath(app))
            #expect(space.text.contains("?page=3#post-121"))
        }
    }

    @Test func thePreviewRendersSafelyForTheCohortOnly() async throws {
        try await withApp { app in
            let f = try await ForumClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(f.c.lea)
            _ = try await lea.get(f.forum)
            let preview = try await lea.post(f.forum + "/preview", ["markdown": "**bold** <img src=x onerror=alert(1)>"])
            #expect(preview.status == .ok && preview.text.contains("<strong>bold<") && !preview.text.contains("<img"))
            #expect(try await lea.post(f.forum + "/preview", ["markdown": String(repeating: "y", count: ForumInput.maximumBody + 1)]).status
                    == .unprocessableEntity)
            var otto = try await fx.signedIn(f.c.outsider)
            #expect(try await otto.post(f.forum + "/preview", ["markdown": "hi"]).status == .notFound)
        }
    }
}
