@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct LiveRoomTests {
    /// A session in the built-in room that started a minute ago, hosted by Tom.
    private func roomSession(_ app: Application, _ c: LiveClass, startingIn minutes: Double = -1) async throws -> LiveSessionRecord {
        var tom = try await Fixtures(app: app).signedIn(c.trainer)
        let response = try await tom.post(c.base, c.form(title: "Room", start: LiveClass.inMinutes(minutes), extra: ["provider": "room"]))
        #expect(response.status == .seeOther)
        return try #require(try await LiveSessionRecord.query(on: app.db).filter(\.$title == "Room").first())
    }

    @Test func membersMeetSignallingGoesOnlyBetweenThemAndAHostEndsIt() async throws {
        try await withRunningApp { app, port in
            let c = try await LiveClass.make(app)
            let session = try await roomSession(app, c)
            let path = c.base + "/\(session.id!.lowercasedText)/signal"
            let fx = Fixtures(app: app)
            let tom = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.trainer), path: path)
            let lea = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.lea), path: path)
            try await tom.send(text: #"{"type":"join","muted":false,"camera":true}"#)
            let tomID = try #require(try await tom.wait(for: "welcome").first?["you"] as? String)
            // Signalling before joining is refused, not relayed.
            try await lea.send(text: #"{"type":"signal","to":"\#(tomID)","data":{"candidate":"x"}}"#)
            try await lea.wait(for: "refused")
            try await lea.send(text: #"{"type":"join","muted":true,"camera":false}"#)
            let welcome = try #require(try await lea.wait(for: "welcome").first)
            let leaID = try #require(welcome["you"] as? String)
            let people = try #require(welcome["participants"] as? [[String: Any]])
            #expect(people.count == 2)
            #expect(people.first?["host"] as? Bool == true)
            #expect(people.last?["muted"] as? Bool == true)
            // An offer goes to the one it names, as it was sent, from whom it came.
            try await lea.send(text: #"{"type":"signal","to":"\#(tomID)","data":{"description":{"type":"offer","sdp":"v=0"}}}"#)
            let relayed = try #require(try await tom.wait(for: "signal").first)
            #expect(relayed["from"] as? String == leaID)
            #expect((relayed["data"] as? [String: Any])?["description"] as? [String: String] == ["type": "offer", "sdp": "v=0"])
            // Lea cannot mute Tom, nor end the class.
            try await lea.send(text: #"{"type":"action","action":"mute","target":"\#(c.trainer.id!.lowercasedText)"}"#)
            try await lea.send(text: #"{"type":"action","action":"end"}"#)
            let refusals = try await lea.wait(for: "refused", count: 3)
            #expect(refusals.last?["reason"] as? String == "Only a host can do that.")
            // Tom, the host, ends it: both are told and out.
            try await tom.send(text: #"{"type":"action","action":"end"}"#)
            try await lea.wait(for: "ended")
            try await tom.wait(for: "ended")
            let ended = try #require(try await LiveSessionRecord.find(session.id, on: app.db))
            #expect(ended.closedAt != nil)
            for _ in 0..<200 where try await LivePresenceRecord.query(on: app.db).count() < 4 { try await Task.sleep(for: .milliseconds(10)) }
            let events = try await LivePresenceRecord.query(on: app.db).all()
            #expect(events.filter { $0.kind == "join" }.count == 2)
            #expect(events.filter { $0.kind == "leave" }.count == 2)
            #expect(app.liveRooms.openRooms == 0)
            await tom.close()
            await lea.close()
        }
    }

    @Test func outsidersGetNoSignallingAndTheRoomWaitsForItsTime() async throws {
        try await withRunningApp { app, port in
            let c = try await LiveClass.make(app)
            let fx = Fixtures(app: app)
            let later = try await roomSession(app, c, startingIn: 60)
            let signal = c.base + "/\(later.id!.lowercasedText)/signal"
            // A learner of another cohort of the organization, and someone of another organization: 404.
            let other = try await fx.cohort(in: c.org, name: "Spring")
            let sam = try await fx.person("sam@acme.test", in: c.org)
            try await fx.enroll(sam, in: other)
            let eve = try await fx.person("eve@globex.test", in: try await fx.organization("Globex"))
            for person in [sam, eve] {
                var browser = try await fx.signedIn(person)
                #expect(try await browser.get(signal).status == .notFound)
                #expect(try await browser.get(c.base + "/\(later.id!.lowercasedText)/room").status == .notFound)
            }
            // Too early: the room says when it opens.
            let lea = try await SocketClient.connect(app, port: port, browser: try await fx.signedIn(c.lea), path: signal)
            try await lea.send(text: #"{"type":"join","muted":false,"camera":true}"#)
            #expect(try await lea.wait(for: "refused").first?["reason"] as? String == "The room opens 10 minutes before the start.")
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 0)
            await lea.close()
            // A class held elsewhere has no room.
            var tom = try await fx.signedIn(c.trainer)
            let elsewhere = try await c.schedule(app, &tom, title: "Teams", start: LiveClass.inMinutes(1))
            #expect(try await tom.get(c.base + "/\(elsewhere.id!.lowercasedText)/room").status == .notFound)
            #expect(try await tom.get(c.base + "/\(elsewhere.id!.lowercasedText)/signal").status == .notFound)
        }
    }

    @Test func theRoomsPageAndItsJoinLink() async throws {
        try await withApp { app in
            let c = try await LiveClass.make(app)
            let session = try await roomSession(app, c)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let join = try await lea.get(c.base + "/\(session.id!.lowercasedText)/join")
            #expect(join.location == c.base + "/\(session.id!.lowercasedText)/room")
            #expect(try await LivePresenceRecord.query(on: app.db).count() == 0, "in the room, the socket counts, not the click")
            let page = try await lea.get(c.base + "/\(session.id!.lowercasedText)/room")
            #expect(page.status == .ok)
            #expect(page.text.contains("data-ice-servers=\"[]\""))
            #expect(!page.text.contains("End the class for everyone"), "for hosts only")
        }
    }

    @Test func aSecondTabTakesThePlaceOfTheFirstAndItsTimeEndsThere() async throws {
        try await withRunningApp { app, port in
            let c = try await LiveClass.make(app)
            let session = try await roomSession(app, c)
            let path = c.base + "/\(session.id!.lowercasedText)/signal"
            let browser = try await Fixtures(app: app).signedIn(c.lea)
            let first = try await SocketClient.connect(app, port: port, browser: browser, path: path)
            try await first.send(text: #"{"type":"join","muted":false,"camera":true}"#)
            let firstID = try #require(try await first.wait(for: "welcome").first?["you"] as? String)
            let second = try await SocketClient.connect(app, port: port, browser: browser, path: path)
            try await second.send(text: #"{"type":"join","muted":false,"camera":true}"#)
            try await second.wait(for: "welcome")
            try await first.wait(for: "error")
            for _ in 0..<200 where try await LivePresenceRecord.query(on: app.db).count() < 3 { try await Task.sleep(for: .milliseconds(10)) }
            let events = try await LivePresenceRecord.query(on: app.db).sort(\.$at).all()
            #expect(events.map(\.kind) == ["join", "leave", "join"], "the first tab's time ends when the second takes its place")
            #expect(events[1].connectionID.lowercasedText == firstID)
            // Chat is for people, not scripts: a burst is cut short.
            for n in 0..<15 { try await second.send(text: #"{"type":"chat","text":"spam \#(n)"}"#) }
            let refusals = try await second.wait(for: "refused")
            #expect(refusals.first?["reason"] as? String == "Slow down a little: too many messages at once.")
            #expect(second.frames("chat").count <= 10)
            await first.close()
            await second.close()
        }
    }

    @Test func cancellingAClassClosesItsOpenRoom() async throws {
        try await withRunningApp { app, port in
            let c = try await LiveClass.make(app)
            let session = try await roomSession(app, c, startingIn: 5)
            let lea = try await SocketClient.connect(app, port: port, browser: try await Fixtures(app: app).signedIn(c.lea),
                                                     path: c.base + "/\(session.id!.lowercasedText)/signal")
            try await lea.send(text: #"{"type":"join","muted":false,"camera":true}"#)
            try await lea.wait(for: "welcome")
            #expect(app.liveRooms.openRooms == 1)
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            #expect(try await tom.post(c.base + "/\(session.id!.lowercasedText)/cancel", [:]).status == .seeOther)
            try await lea.wait(for: "ended")
            #expect(app.liveRooms.openRooms == 0)
            #expect(try await LivePresenceRecord.query(on: app.db).all().map(\.kind).sorted() == ["join", "leave"])
            await lea.close()
        }
    }
}
