@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct RealtimeTests {
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
            let deadline = ContinuousClock.now + .seconds(30)
            while socket.frames("ack").count + socket.frames("error").count < 15, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            try #require(socket.frames("ack").count + socket.frames("error").count == 15, "every frame answered")
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
}
