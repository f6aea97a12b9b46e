@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// The chat tests' class, its cohort running a course with two modules, and its forum's path.
struct ForumClass {
    let c: ChatClass
    let forum: String

    static func make(_ app: Application) async throws -> ForumClass {
        let c = try await ChatClass.make(app)
        let fx = Fixtures(app: app)
        let course = try #require(try await CourseRecord.find(c.cohort.$course.id, on: app.db))
        _ = try await fx.lesson(in: course, title: "Opening", module: "Week 1")
        _ = try await fx.lesson(in: course, title: "Practice", module: "Week 2")
        return ForumClass(c: c, forum: c.orgPath + "/cohorts/\(c.cohort.id!.lowercased)/forum")
    }

    /// Lea and Max (learners) and Tom (their trainer), each signed in.
    func signedIn(_ app: Application) async throws -> (lea: Browser, max: Browser, tom: Browser) {
        let fx = Fixtures(app: app)
        return (try await fx.signedIn(c.lea), try await fx.signedIn(c.max), try await fx.signedIn(c.trainer))
    }

    static func space(_ app: Application, titled title: String) async throws -> ForumSpaceRecord {
        try #require(try await ForumSpaceRecord.query(on: app.db).filter(\.$title == title).first())
    }

    func spacePath(_ app: Application, _ title: String = "General") async throws -> String {
        forum + "/spaces/\(try await Self.space(app, titled: title).id!.lowercased)"
    }

    /// Starts a thread as `browser` (the forum is visited first so its spaces exist); its path.
    func startThread(_ browser: inout Browser, _ app: Application, title: String, body: String, kind: ThreadKind = .question,
                     space: String = "General", extra: [String: String] = [:]) async throws -> String {
        _ = try await browser.get(forum)
        let started = try await browser.post(try await spacePath(app, space) + "/threads",
                                             ["kind": kind.rawValue, "title": title, "body": body].merging(extra) { _, new in new })
        let location = try #require(started.location, "started: \(started.status)")
        return String(location.split(separator: "#").first!)
    }

    static func post(_ app: Application, number: Int, in threadPath: String) async throws -> ForumPostRecord {
        let id = try #require(UUID(uuidString: String(threadPath.split(separator: "/").last!)))
        return try #require(try await ForumPostRecord.query(on: app.db).filter(\.$threadID == id).filter(\.$number == number).first())
    }
}
