@testable import App
import Domain
import Fluent
import Foundation
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
}
