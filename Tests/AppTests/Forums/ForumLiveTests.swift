@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Forum posts over the WebSocket.
@Suite(.serialized) struct ForumLiveTests {
    @Test func aForumPostReachesTheCohortsOpenPagesOnly() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let forum = c.orgPath + "/cohorts/\(c.cohort.id!.lowercased)/forum"
            _ = try await lea.get(forum)
            let general = try #require(try await ForumSpaceRecord.query(on: app.db).filter(\.$title == "General").first())
            let thread = try #require(try await lea.post(forum + "/spaces/\(general.id!.lowercased)/threads",
                                                         ["kind": "question", "title": "Live?", "body": "First"]).location)
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            let otto = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.outsider))
            for socket in [leaSocket, otto] { try await socket.wait(for: "welcome") }
            var tom = try await fx.signedIn(c.trainer)
            _ = try await tom.post(thread + "/posts", ["body": "Yes, **live**."])
            let post = try #require(try await leaSocket.wait(for: "forum_post").first)
            #expect(post["number"] as? Int == 2)
            #expect(post["html"] as? String == "<p>Yes, <strong>live</strong>.</p>\n")
            #expect(post["author_name"] as? String == "Tom")
            #expect(post["thread"] as? String == String(thread.split(separator: "/").last!))
            try await Task.sleep(for: .milliseconds(150))
            #expect(otto.frames("forum_post").isEmpty, "Otto is in another cohort")
            for socket in [leaSocket, otto] { await socket.close() }
        }
    }
}
