@testable import App
import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

/// A WebSocket client of the running test server that keeps every frame it receives.
final class SocketClient: Sendable {
    let socket: WebSocket
    private let received: NIOLockedValueBox<[String]>

    private init(socket: WebSocket, received: NIOLockedValueBox<[String]>) {
        self.socket = socket
        self.received = received
    }

    static func connect(_ app: Application, port: Int, browser: Browser?, origin: String? = nil) async throws -> SocketClient {
        var headers = HTTPHeaders()
        if let browser { headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let origin { headers.add(name: .origin, value: origin) }
        let received = NIOLockedValueBox<[String]>([])
        let opened = app.eventLoopGroup.any().makePromise(of: WebSocket.self)
        WebSocket.connect(to: "ws://127.0.0.1:\(port)/ws", headers: headers, on: app.eventLoopGroup) { socket in
            socket.onText { _, text in received.withLockedValue { $0.append(text) } }
            opened.succeed(socket)
        }.whenFailure { opened.fail($0) }
        return SocketClient(socket: try await opened.futureResult.get(), received: received)
    }

    func send(_ frame: ClientFrame) async throws {
        try await socket.send(frame.json)
    }

    /// The frames received so far, parsed.
    var frames: [[String: Any]] {
        received.withLockedValue { $0 }.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func frames(_ type: String) -> [[String: Any]] { frames.filter { $0["type"] as? String == type } }

    /// Waits (at most five seconds) until `count` frames of `type` arrived; returns them.
    @discardableResult
    func wait(for type: String, count: Int = 1) async throws -> [[String: Any]] {
        for _ in 0..<500 {
            let found = frames(type)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("waited for \(count) \(type) frame(s); got \(frames.map { $0["type"] as? String ?? "?" })")
        return frames(type)
    }

    func close() async { try? await socket.close() }
}

/// Runs `body` with the app listening on a free port of 127.0.0.1.
func withRunningApp(_ body: (Application, Int) async throws -> Void) async throws {
    try await withApp { app in
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)
        do {
            try await body(app, port)
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }
}

@Suite(.serialized) struct RealtimeTests {
    private func conversationID(_ path: String) -> Conversation.ID {
        Conversation.ID(String(path.split(separator: "/").last ?? ""))!
    }

    /// Lea of the class, connected and welcomed, and her cohort's channel.
    private func leaOnTheChannel(_ app: Application, port: Int) async throws -> (Conversation.ID, SocketClient) {
        let c = try await ChatClass.make(app)
        var lea = try await Fixtures(app: app).signedIn(c.lea)
        let channel = conversationID(try await c.channel(&lea))
        let socket = try await SocketClient.connect(app, port: port, browser: lea)
        try await socket.wait(for: "welcome")
        return (channel, socket)
    }

    @Test func onlySignedInPeopleOnOurOwnPagesMayConnect() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            await #expect(throws: (any Error).self) { _ = try await SocketClient.connect(app, port: port, browser: nil) }
            let lea = try await Fixtures(app: app).signedIn(c.lea)
            await #expect(throws: (any Error).self) {
                _ = try await SocketClient.connect(app, port: port, browser: lea, origin: "https://evil.example")
            }
            let client = try await SocketClient.connect(app, port: port, browser: lea, origin: "http://atelier.test")
            let welcome = try await client.wait(for: "welcome")
            #expect(welcome.first?["person"] as? String == c.lea.id!.lowercased)
            await client.close()
        }
    }

    @Test func aMessageReachesTheCohortLiveAndNoOneElse() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = conversationID(try await c.channel(&lea))
            let direct = conversationID(try #require(try await c.direct(&lea, to: c.trainer).location))
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            let maxSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.max))
            let tomSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.trainer))
            let ottoSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.outsider))
            for socket in [leaSocket, maxSocket, tomSocket, ottoSocket] { try await socket.wait(for: "welcome") }

            try await leaSocket.send(.send(ref: "a1", conversation: channel, body: "Hello **all**"))
            let ack = try await leaSocket.wait(for: "ack")
            #expect(ack.first?["ref"] as? String == "a1")
            #expect(ack.first?["sequence"] as? Int == 1)
            for socket in [leaSocket, maxSocket, tomSocket] {
                let message = try await socket.wait(for: "message").first
                #expect(message?["html"] as? String == "<p>Hello <strong>all</strong></p>\n")
                #expect(message?["author_name"] as? String == "Lea")
            }
            try await leaSocket.send(.send(ref: "a2", conversation: direct, body: "Just for you"))
            try await tomSocket.wait(for: "message", count: 2)
            try await Task.sleep(for: .milliseconds(200))
            #expect(maxSocket.frames("message").count == 1, "Max is not in Lea's private conversation")
            #expect(ottoSocket.frames("message").isEmpty, "Otto is in another cohort")
            // Writing where one cannot read: refused, nothing saved.
            try await ottoSocket.send(.send(ref: "o1", conversation: channel, body: "let me in"))
            let refused = try await ottoSocket.wait(for: "error").first
            #expect(refused?["code"] as? String == "not_found")
            #expect(refused?["ref"] as? String == "o1")
            #expect(try await MessageRecord.query(on: app.db).count() == 2)
            for socket in [leaSocket, maxSocket, tomSocket, ottoSocket] { await socket.close() }
        }
    }

    @Test func aReconnectingClientGetsWhatItMissedOnceAndInOrder() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = conversationID(try await c.channel(&lea))
            let maxBrowser = try await fx.signedIn(c.max)
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            var maxSocket = try await SocketClient.connect(app, port: port, browser: maxBrowser)
            try await maxSocket.wait(for: "welcome")
            try await leaSocket.send(.send(ref: "1", conversation: channel, body: "one"))
            try await maxSocket.wait(for: "message")
            await maxSocket.close()
            for n in 2...4 { try await leaSocket.send(.send(ref: "\(n)", conversation: channel, body: "message \(n)")) }
            try await leaSocket.wait(for: "ack", count: 4)
            // Max comes back having seen message 1; a live message may race the catch-up.
            maxSocket = try await SocketClient.connect(app, port: port, browser: maxBrowser)
            try await maxSocket.send(.hello(resume: [channel: 1]))
            try await leaSocket.send(.send(ref: "5", conversation: channel, body: "message 5"))
            let got = try await maxSocket.wait(for: "message", count: 4)
            try await Task.sleep(for: .milliseconds(200))
            #expect(maxSocket.frames("message").compactMap { $0["sequence"] as? Int } == [2, 3, 4, 5])
            #expect(got.count == 4)
            await leaSocket.close()
            await maxSocket.close()
        }
    }

    @Test func badFramesGetAnErrorAndTheConnectionGoesOn() async throws {
        try await withRunningApp { app, port in
            let (channel, socket) = try await leaOnTheChannel(app, port: port)
            for text in ["not json", #"{"v":1,"type":"shout"}"#, #"{"v":9,"type":"ping"}"#,
                         #"{"v":1,"type":"send","ref":"x","conversation":"\#(channel)","body":"   "}"#] {
                try await socket.socket.send(text)
            }
            let errors = try await socket.wait(for: "error", count: 4)
            #expect(errors.compactMap { $0["code"] as? String } == ["not_json", "unknown_type", "unsupported_version", "invalid_body"])
            try await socket.send(.ping)
            try await socket.wait(for: "pong")
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
            // A frame over the limit closes the connection.
            try await socket.socket.send(String(repeating: "x", count: RealtimeProtocol.maximumFrameBytes + 1))
            for _ in 0..<200 where !socket.socket.isClosed { try await Task.sleep(for: .milliseconds(10)) }
            #expect(socket.socket.isClosed)
        }
    }

    @Test func aMessageSplitIntoManyFramesIsBoundedAsAWhole() async throws {
        try await withRunningApp { app, port in
            let (_, socket) = try await leaOnTheChannel(app, port: port)
            // Three 16 KiB fragments: each under the frame limit, together over it.
            let chunk = Array(repeating: UInt8(ascii: "x"), count: 16 * 1024)
            try await socket.socket.send(raw: chunk, opcode: .text, fin: false)
            try await socket.socket.send(raw: chunk, opcode: .continuation, fin: false)
            try await socket.socket.send(raw: chunk, opcode: .continuation, fin: true)
            for _ in 0..<200 where !socket.socket.isClosed { try await Task.sleep(for: .milliseconds(10)) }
            #expect(socket.socket.isClosed)
        }
    }

    @Test func someoneRemovedFromTheCohortStopsReceivingItsChannel() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = conversationID(try await c.channel(&lea))
            var maxBrowser = try await fx.signedIn(c.max)
            _ = try await maxBrowser.get(c.channelPath)  // Max opened the channel once
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            let maxSocket = try await SocketClient.connect(app, port: port, browser: maxBrowser)
            try await maxSocket.wait(for: "welcome")
            try await CohortMemberRecord.query(on: app.db).filter(\.$person.$id == c.max.id!).delete()
            try await leaSocket.send(.send(ref: "1", conversation: channel, body: "after Max left"))
            try await leaSocket.wait(for: "message")
            try await Task.sleep(for: .milliseconds(200))
            #expect(maxSocket.frames("message").isEmpty)
            try await maxSocket.send(.hello(resume: [channel: 0]))
            #expect(try await maxSocket.wait(for: "error").first?["code"] as? String == "not_found")
            #expect(maxSocket.frames("message").isEmpty)
            await leaSocket.close()
            await maxSocket.close()
        }
    }

    @Test func signingOutClosesThatBrowsersSockets() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let socket = try await SocketClient.connect(app, port: port, browser: lea)
            try await socket.wait(for: "welcome")
            #expect(try await lea.post("/sign-out", [:]).status == .seeOther)
            for _ in 0..<200 where !socket.socket.isClosed { try await Task.sleep(for: .milliseconds(10)) }
            #expect(socket.socket.isClosed)
        }
    }

    @Test func readReceiptsReachTheOtherPersonOfAPrivateConversationOnly() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let path = try #require(try await c.direct(&lea, to: c.trainer).location)
            let direct = conversationID(path)
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            let maxSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.max))
            var tom = try await fx.signedIn(c.trainer)
            let tomSocket = try await SocketClient.connect(app, port: port, browser: tom)
            for socket in [leaSocket, maxSocket, tomSocket] { try await socket.wait(for: "welcome") }
            try await leaSocket.send(.send(ref: "1", conversation: direct, body: "one"))
            try await leaSocket.send(.send(ref: "2", conversation: direct, body: "two"))
            try await tomSocket.wait(for: "message", count: 2)
            try await tomSocket.send(.read(conversation: direct, sequence: 1))
            let first = try await leaSocket.wait(for: "read").first
            #expect(first?["sequence"] as? Int == 1)
            #expect(first?["person"] as? String == c.trainer.id!.lowercased)
            // Opening the page reads the rest; reading again what was read says nothing more.
            #expect(try await tom.get(path).status == .ok)
            let both = try await leaSocket.wait(for: "read", count: 2)
            #expect(both.last?["sequence"] as? Int == 2)
            try await tomSocket.send(.read(conversation: direct, sequence: 1))
            try await Task.sleep(for: .milliseconds(200))
            #expect(leaSocket.frames("read").count == 2)
            #expect(tomSocket.frames("read").isEmpty, "no receipt for one's own reading")
            #expect(maxSocket.frames("read").isEmpty)
            #expect(try await lea.get(path).text.contains("chat-receipt"), "the page shows it too")
            for socket in [leaSocket, maxSocket, tomSocket] { await socket.close() }
        }
    }

    @Test func typingIsShownToTheOthersOfTheConversationAtMostEveryTwoSeconds() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let channel = conversationID(try await c.channel(&lea))
            let leaSocket = try await SocketClient.connect(app, port: port, browser: lea)
            let maxSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.max))
            let ottoSocket = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.outsider))
            for socket in [leaSocket, maxSocket, ottoSocket] { try await socket.wait(for: "welcome") }
            for _ in 0..<5 { try await leaSocket.send(.typing(conversation: channel)) }
            let typing = try await maxSocket.wait(for: "typing").first
            #expect(typing?["name"] as? String == "Lea")
            #expect(typing?["conversation"] as? String == channel.description)
            try await Task.sleep(for: .milliseconds(300))
            #expect(maxSocket.frames("typing").count == 1, "five signs within two seconds: one shown")
            #expect(leaSocket.frames("typing").isEmpty, "not to oneself")
            #expect(ottoSocket.frames("typing").isEmpty, "not to another cohort")
            try await ottoSocket.send(.typing(conversation: channel))
            #expect(try await ottoSocket.wait(for: "error").first?["code"] as? String == "not_found")
            for socket in [leaSocket, maxSocket, ottoSocket] { await socket.close() }
        }
    }

    @Test func sendingTooFastIsRefusedPerPerson() async throws {
        try await withRunningApp { app, port in
            let (channel, socket) = try await leaOnTheChannel(app, port: port)
            let started = Date()
            for n in 0..<15 { try await socket.send(.send(ref: "r\(n)", conversation: channel, body: "flood \(n)")) }
            for _ in 0..<500 where socket.frames("ack").count + socket.frames("error").count < 15 {
                try await Task.sleep(for: .milliseconds(10))
            }
            // A burst of ten, then one a second: measured, as a loaded machine may take seconds.
            let refilled = Int(Date().timeIntervalSince(started).rounded(.down))
            #expect(socket.frames("error").allSatisfy { $0["code"] as? String == "rate_limited" })
            #expect(socket.frames("error").count >= 5 - refilled)
            let saved = try await MessageRecord.query(on: app.db).count()
            #expect(saved >= 10 && saved <= 10 + refilled, "a burst of ten, then one a second")
            #expect(saved == socket.frames("ack").count)
            await socket.close()
        }
    }

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

    @Test func editsAndDeletionsReachOpenPagesAndCatchUpsShowThem() async throws {
        try await withRunningApp { app, port in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let path = try #require(try await c.direct(&lea, to: c.trainer).location)
            let direct = conversationID(path)
            try await lea.post(path + "/messages", ["body": "First"])
            let tom = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.trainer))
            let max = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.max))
            for socket in [tom, max] { try await socket.wait(for: "welcome") }
            try await lea.post(path + "/messages/1/edit", ["body": "First, *edited*"])
            let edited = try #require(try await tom.wait(for: "changed").first)
            #expect(edited["sequence"] as? Int == 1)
            #expect(edited["html"] as? String == "<p>First, <em>edited</em></p>\n")
            #expect(edited["edited_at"] is String)
            try await lea.post(path + "/messages/1/delete", [:])
            let deleted = try #require(try await tom.wait(for: "changed", count: 2).last)
            #expect(deleted["deleted"] as? Bool == true)
            #expect(deleted["html"] as? String == "")
            // A page catching up from the start gets it as deleted, its text gone.
            try await tom.send(.hello(resume: [direct: 0]))
            let caughtUp = try #require(try await tom.wait(for: "message").first)
            #expect(caughtUp["deleted"] as? Bool == true)
            #expect(caughtUp["html"] as? String == "")
            try await Task.sleep(for: .milliseconds(100))
            #expect(max.frames("changed").isEmpty, "Max is not in their private conversation")
            for socket in [tom, max] { await socket.close() }
        }
    }

    @Test func peopleOfTheCohortSeeWhoIsOnlineWithoutFlickerBetweenPages() async throws {
        try await withRunningApp { app, port in
            let realtime = app.realtime
            app.realtime = .init(hub: realtime.hub, broadcaster: realtime.broadcaster,
                                 presence: PresenceTracker(hub: realtime.hub, offlineGrace: .milliseconds(400)), writes: realtime.writes)
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
            try await Task.sleep(for: .milliseconds(700))
            #expect(leaSocket.frames("presence").count == 1, "\(leaSocket.frames("presence"))")
            // Max leaves: offline once the grace has passed, and his mark is gone.
            await nextPage.close()
            let offline = try await leaSocket.wait(for: "presence", count: 2)
            #expect(offline.last?["online"] as? Bool == false)
            #expect(try await app.realtime.presence.online(among: [c.max.id!, c.lea.id!], on: app.db) == [c.lea.id!])
            // Lea's mark lost (a race, a failed write): the next refresh puts it back.
            try await PresenceRecord.query(on: app.db).filter(\.$personID == c.lea.id!).delete()
            try await app.realtime.presence.refresh(on: app.db)
            #expect(try await app.realtime.presence.online(among: [c.lea.id!], on: app.db) == [c.lea.id!])
            for socket in [leaSocket, otto, sam] { await socket.close() }
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

    @Test func aMessageSentAgainUnderItsRefIsSavedOnce() async throws {
        try await withRunningApp { app, port in
            let (channel, socket) = try await leaOnTheChannel(app, port: port)
            try await socket.send(.send(ref: "same", conversation: channel, body: "Only once"))
            try await socket.wait(for: "ack")
            // Its acknowledgement was lost (say): the page sends it again under the same ref.
            try await socket.send(.send(ref: "same", conversation: channel, body: "Only once"))
            let acks = try await socket.wait(for: "ack", count: 2)
            #expect(acks.map { $0["sequence"] as? Int } == [1, 1])
            try await socket.send(.send(ref: "other", conversation: channel, body: "Only once"))
            #expect(try await socket.wait(for: "ack", count: 3).last?["sequence"] as? Int == 2, "another ref is another message")
            #expect(try await MessageRecord.query(on: app.db).count() == 2)
            #expect(socket.frames("message").count == 2)
            await socket.close()
        }
    }

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
