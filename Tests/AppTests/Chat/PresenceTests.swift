@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Who is online, across tabs, page changes and nodes.
@Suite(.serialized) struct PresenceTests {
    @Test func peopleOfTheCohortSeeWhoIsOnlineWithoutFlickerBetweenPages() async throws {
        try await withRunningApp { app, port in
            let realtime = app.realtime
            app.realtime = .init(hub: realtime.hub, broadcaster: realtime.broadcaster,
                                 presence: PresenceTracker(hub: realtime.hub, offlineGrace: Self.grace), writes: realtime.writes)
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = try await c.channel(&lea)
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            try await leaSocket.wait(for: "welcome")
            let maxBrowser = try await fx.signedIn(c.max)
            let maxTab = try await SocketClient.connect(app, port: port, browser: maxBrowser)
            let online = try #require(try await leaSocket.wait(for: "presence").first)
            #expect(online["person"] as? String == c.max.id!.lowercased && online["online"] as? Bool == true)
            // Otto (another cohort) and Sam (another company) come online: Lea hears nothing of them.
            let otto = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.outsider))
            let sam = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.stranger))
            for socket in [otto, sam] { try await socket.wait(for: "welcome") }
            // The channel page and the messages page say who is online.
            let page = try await lea.get(channel).text
            #expect(page.contains(#"<span data-presence="\#(c.max.id!.lowercased)">Max</span>"#))
            #expect(page.contains(#"<span data-presence="\#(c.trainer.id!.lowercased)" hidden>Tom</span>"#))
            #expect(!page.contains("Otto") && !page.contains("Sam"))
            // Max moves to another page: one socket closes, the next opens; no "offline" between.
            await maxTab.close()
            let nextPage = try await SocketClient.connect(app, port: port, browser: maxBrowser)
            try await nextPage.wait(for: "welcome")
            try await Task.sleep(for: Self.grace + .milliseconds(300))
            #expect(leaSocket.frames("presence").count == 1, "\(leaSocket.frames("presence"))")
            // Max leaves: offline once the grace has passed, and his mark is gone.
            await nextPage.close()
            // (The server only says so after the grace: the wait must outlast it, with room to spare.)
            let offline = try await leaSocket.wait(for: "presence", count: 2, within: Self.grace + .seconds(15))
            #expect(offline.last?["online"] as? Bool == false)
            #expect(try await app.realtime.presence.online(among: [c.max.id!, c.lea.id!], on: app.db) == [c.lea.id!])
            for socket in [leaSocket, otto, sam] { await socket.close() }
        }
    }

    /// Long enough for a tab to reconnect while the other tests load the machine: 2 s was not,
    /// once, in CI's run on PostgreSQL (Lea heard Max go offline and come back).
    static let grace: Duration = .seconds(5)

    @Test func aLostMarkIsPutBackEvenWhileSomeoneElseIsLeaving() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let presence = app.realtime.presence
            let leaSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.lea))
            try await leaSocket.wait(for: "welcome")
            // Max's tab closed a moment ago (his mark waits for the grace); Lea's mark was lost.
            let mark = PresenceRecord()
            mark.personID = c.max.id!
            mark.node = presence.node
            mark.lastSeenAt = Date()
            try await mark.save(on: app.db)
            try await PresenceRecord.query(on: app.db).filter(\.$personID == c.lea.id!).delete()
            try await presence.refresh(on: app.db)
            #expect(try await presence.online(among: [c.lea.id!], on: app.db) == [c.lea.id!])
            await leaSocket.close()
        }
    }

    @Test func aNodeThatStoppedWithoutSayingSoStopsCounting() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let presence = app.realtime.presence
            let beat = Date().addingTimeInterval(-PresenceTracker.freshness - 1)
            let node = PresenceNodeRecord()
            node.node = "a-node-that-crashed"
            node.lastSeenAt = beat
            try await node.save(on: app.db)
            let mark = PresenceRecord()
            mark.personID = c.max.id!
            mark.node = node.node
            mark.lastSeenAt = beat
            try await mark.save(on: app.db)
            #expect(try await presence.online(among: [c.max.id!], on: app.db).isEmpty)
            #expect(try await presence.online(among: [c.max.id!], now: beat, on: app.db) == [c.max.id!])
            try await presence.refresh(now: Date().addingTimeInterval(20 * 60), on: app.db)
            #expect(try await PresenceRecord.query(on: app.db).count() == 0, "long-gone nodes' marks are cleared")
            #expect(try await PresenceNodeRecord.query(on: app.db).filter(\.$node == node.node).count() == 0)
        }
    }
}
