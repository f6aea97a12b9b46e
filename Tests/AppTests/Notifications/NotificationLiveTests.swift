@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// The bell over the WebSocket.
@Suite(.serialized) struct NotificationLiveTests {
    @Test func theBellCountsLiveInEveryTabOfItsPersonOnly() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let direct = conversationID(try #require(try await c.direct(&lea, to: c.trainer).location))
            var tomBrowser = try await fx.signedIn(c.trainer)
            let tomTabs = [try await SocketClient.connect(app, port: port, browser: tomBrowser),
                           try await SocketClient.connect(app, port: port, browser: tomBrowser)]
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            for socket in tomTabs + [leaSocket] {
                #expect(try await socket.wait(for: "welcome").first?["notifications"] as? Int == 0)
            }
            try await leaSocket.send(.send(ref: "n1", conversation: direct, body: "Ping **Tom**"))
            for tab in tomTabs {
                let bell = try #require(try await tab.wait(for: "notifications").first)
                #expect(bell["unread"] as? Int == 1)
                let latest = try #require(bell["latest"] as? [String: Any])
                #expect(latest["title"] as? String == "Lea wrote to you")
                #expect(latest["excerpt"] as? String == "Ping Tom")
            }
            // Reading the conversation in one tab clears the bell in both.
            try await tomTabs[0].send(.read(conversation: direct, sequence: 1))
            for tab in tomTabs {
                let frames = try await tab.wait(for: "notifications", count: 2)
                #expect(frames.last?["unread"] as? Int == 0)
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(leaSocket.frames("notifications").isEmpty, "Lea's own message is not news to her")
            // A new tab hears the count in its welcome.
            try await leaSocket.send(.send(ref: "n2", conversation: direct, body: "Again"))
            try await tomTabs[0].wait(for: "notifications", count: 3)
            let later = try await SocketClient.connect(app, port: port, browser: tomBrowser)
            #expect(try await later.wait(for: "welcome").first?["notifications"] as? Int == 1)
            _ = try await tomBrowser.get("/notifications")
            for socket in tomTabs + [leaSocket, later] { await socket.close() }
        }
    }
}
