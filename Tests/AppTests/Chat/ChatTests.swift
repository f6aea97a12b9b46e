@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// A cohort with a trainer and two learners, and someone of another cohort and of another company.
struct ChatClass {
    let org: OrganizationRecord
    let cohort: CohortRecord
    let trainer: PersonRecord
    let lea: PersonRecord
    let max: PersonRecord
    let outsider: PersonRecord
    let stranger: PersonRecord
    var orgPath: String { "/orgs/\(org.id!.lowercased)" }
    var channelPath: String { orgPath + "/cohorts/\(cohort.id!.lowercased)/channel" }

    static func make(_ app: Application) async throws -> ChatClass {
        let fx = Fixtures(app: app)
        let org = try await fx.organization()
        let cohort = try await fx.cohort(in: org, name: "Autumn")
        let other = try await fx.cohort(in: org, name: "Winter")
        let trainer = try await fx.person("tom@acme.test", name: "Tom", in: org, roles: [.trainer])
        try await fx.enroll(trainer, in: cohort, as: .trainer)
        let lea = try await fx.person("lea@acme.test", name: "Lea", in: org)
        try await fx.enroll(lea, in: cohort)
        let max = try await fx.person("max@acme.test", name: "Max", in: org)
        try await fx.enroll(max, in: cohort)
        let outsider = try await fx.person("otto@acme.test", name: "Otto", in: org)
        try await fx.enroll(outsider, in: other)
        let globex = try await fx.organization("Globex")
        let stranger = try await fx.person("sam@globex.test", name: "Sam", in: globex, roles: [.admin])
        return ChatClass(org: org, cohort: cohort, trainer: trainer, lea: lea, max: max, outsider: outsider, stranger: stranger)
    }

    /// Opens (making it) the cohort channel as `browser`; returns its path.
    func channel(_ browser: inout Browser) async throws -> String {
        let response = try await browser.get(channelPath)
        #expect(response.status == .seeOther)
        return try #require(response.location)
    }

    func direct(_ browser: inout Browser, to person: PersonRecord) async throws -> TestingHTTPResponse {
        try await browser.post(orgPath + "/messages/direct", ["person_id": person.id!.uuidString])
    }
}

enum ChatSettingsFixture {
    static func allowLearnersToWrite(_ c: ChatClass, on app: Application) async throws {
        c.cohort.learnersMayMessage = true
        try await c.cohort.save(on: app.db)
    }
}

@Suite struct ChatTests {
    @Test func aLearnerWritesToTheirTrainerWhoReadsAndAnswers() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let list = try await lea.get(c.orgPath + "/messages")
            #expect(list.status == .ok)
            #expect(list.text.contains("Autumn"))
            #expect(list.text.contains("Tom"), "her trainer is among the people she may write to")
            #expect(!list.text.contains("Max"), "learners do not write to each other unless the cohort allows it")
            let started = try await c.direct(&lea, to: c.trainer)
            let path = try #require(started.location)
            #expect(path.hasPrefix(c.orgPath + "/conversations/"))
            #expect(try await c.direct(&lea, to: c.trainer).location == path, "one conversation per pair")
            let sent = try await lea.post(path + "/messages", ["body": "Can we talk about **week 2**?"])
            #expect(sent.location == path + "#message-1")
            var tom = try await fx.signedIn(c.trainer)
            let inbox = try await tom.get(c.orgPath + "/messages")
            #expect(inbox.text.contains("Lea"))
            #expect(inbox.text.contains("1 unread"))
            let page = try await tom.get(path)
            #expect(page.text.contains("Can we talk about <strong>week 2</strong>?"))
            #expect(!(try await tom.get(c.orgPath + "/messages")).text.contains("1 unread"), "reading marks it read")
            #expect(try await tom.post(path + "/messages", ["body": "Sure, tomorrow."]).location == path + "#message-2")
            let messages = try await MessageRecord.query(on: app.db).sort(\.$sequence).all()
            #expect(messages.map(\.sequence) == [1, 2])
        }
    }

    @Test func aTrainersInboxPutsWhatWaitsForAnAnswerFirstLongestWaitFirst() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            try await ChatSettingsFixture.allowLearnersToWrite(c, on: app)
            var lea = try await fx.signedIn(c.lea)
            var max = try await fx.signedIn(c.max)
            let leaToTom = try #require(try await c.direct(&lea, to: c.trainer).location)
            let maxToTom = try #require(try await c.direct(&max, to: c.trainer).location)
            let leaToMax = try #require(try await c.direct(&lea, to: c.max).location)
            try await lea.post(leaToTom + "/messages", ["body": "first question"])
            try await max.post(maxToTom + "/messages", ["body": "second question"])
            try await lea.post(leaToMax + "/messages", ["body": "between learners"])
            var tom = try await fx.signedIn(c.trainer)
            let inbox = try await tom.get(c.orgPath + "/messages").text
            let leaAt = try #require(inbox.range(of: ">Lea<")), maxAt = try #require(inbox.range(of: ">Max<"))
            #expect(leaAt.lowerBound < maxAt.lowerBound, "Lea has waited longer")
            #expect(inbox.components(separatedBy: "Waiting for your answer").count == 3)
            try await tom.post(leaToTom + "/messages", ["body": "answered"])
            let after = try await tom.get(c.orgPath + "/messages").text
            #expect(after.components(separatedBy: "Waiting for your answer").count == 2)
            let maxAfter = try #require(after.range(of: ">Max<")), leaAfter = try #require(after.range(of: ">Lea<"))
            #expect(maxAfter.lowerBound < leaAfter.lowerBound, "Lea was answered")
            // Learners' own list has no such thing.
            #expect(!(try await max.get(c.orgPath + "/messages").text.contains("Waiting for your answer")))
        }
    }

    @Test func privateConversationsAndChannelsStayWithTheirPeople() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            let direct = try #require(try await c.direct(&lea, to: c.trainer).location)
            let channel = try await c.channel(&lea)
            try await lea.post(direct + "/messages", ["body": "private"])
            // Another learner of the cohort: the channel yes, Lea's private conversation no.
            var max = try await fx.signedIn(c.max)
            #expect(try await max.get(channel).status == .ok)
            #expect(try await max.get(direct).status == .notFound)
            #expect(try await max.post(direct + "/messages", ["body": "sneaky"]).status == .notFound)
            // A learner of another cohort: neither.
            var otto = try await fx.signedIn(c.outsider)
            #expect(try await otto.get(channel).status == .notFound)
            #expect(try await otto.get(c.channelPath).status == .notFound)
            #expect(try await otto.post(channel + "/messages", ["body": "hello?"]).status == .notFound)
            // Learners of different cohorts cannot start a private conversation.
            #expect(try await c.direct(&otto, to: c.lea).status == .notFound)
            // Another company's admin: nothing, even with the exact paths.
            var sam = try await fx.signedIn(c.stranger)
            #expect(try await sam.get(channel).status == .notFound)
            #expect(try await sam.get(direct).status == .notFound)
            #expect(try await MessageRecord.query(on: app.db).count() == 1)
        }
    }

    @Test func learnersWriteToEachOtherOnlyWhenTheCohortAllowsIt() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(c.lea)
            #expect(try await c.direct(&lea, to: c.max).status == .notFound)
            let settings = c.orgPath + "/cohorts/\(c.cohort.id!.lowercased)/chat-settings"
            #expect(try await lea.post(settings, ["learners_may_message": "on"]).status == .notFound, "learners cannot change it")
            var tom = try await fx.signedIn(c.trainer)
            #expect(try await tom.post(settings, ["learners_may_message": "on"]).status == .seeOther)
            #expect(try await c.direct(&lea, to: c.max).status == .seeOther)
            #expect(try await lea.get(c.orgPath + "/messages").text.contains("Max"))
        }
    }

    @Test func twoPeopleInTwoOrganizationsHaveAPrivateConversationInEach() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            let fx = Fixtures(app: app)
            let globex = try await fx.organization("Globex Two")
            try await MembershipRecord(organizationID: globex.id!, personID: c.lea.id!, roles: [.learner]).save(on: app.db)
            try await MembershipRecord(organizationID: globex.id!, personID: c.trainer.id!, roles: [.trainer]).save(on: app.db)
            let cohort = try await fx.cohort(in: globex, name: "Globex cohort")
            try await fx.enroll(c.lea, in: cohort)
            try await fx.enroll(c.trainer, in: cohort, as: .trainer)
            var lea = try await fx.signedIn(c.lea)
            let inAcme = try #require(try await c.direct(&lea, to: c.trainer).location)
            let inGlobex = try #require(try await lea.post("/orgs/\(globex.id!.lowercased)/messages/direct",
                                                          ["person_id": c.trainer.id!.uuidString]).location)
            #expect(inAcme != inGlobex)
            #expect(try await lea.get(inGlobex).status == .ok)
        }
    }

    @Test func badMessagesAreRefusedAndSaveNothing() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let channel = try await c.channel(&lea)
            let empty = try await lea.post(channel + "/messages", ["body": "   "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("field-error"))
            let long = try await lea.post(channel + "/messages", ["body": String(repeating: "a", count: 4_001)])
            #expect(long.status == .unprocessableEntity)
            #expect(try await lea.post(channel + "/messages", [:]).status == .unprocessableEntity)
            #expect(try await lea.post(channel + "/messages", ["body": "no token"], csrf: false).status == .forbidden)
            #expect(try await c.direct(&lea, to: c.lea).status == .notFound, "not with oneself")
            #expect(try await lea.post(c.orgPath + "/messages/direct", ["person_id": "not-a-uuid"]).status == .notFound)
            #expect(try await lea.get(c.orgPath + "/conversations/not-a-uuid").status == .notFound)
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
        }
    }

    @Test func scriptInAMessageIsShownAsText() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let channel = try await c.channel(&lea)
            try await lea.post(channel + "/messages", ["body": "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"])
            let page = try await lea.get(channel).text
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("href=\"javascript:"))
            #expect(page.contains("&lt;script&gt;"))
        }
    }

    @Test func historyIsPagedBackwards() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            let channel = try await c.channel(&lea)
            let conversation = try #require(try await ConversationRecord.query(on: app.db).first())
            let person = c.lea.domain()
            for n in 1...60 {
                try await ChatStore.send("message \(n)", to: conversation, author: person, on: app.db, broadcaster: app.realtime.broadcaster)
            }
            let latest = try await lea.get(channel).text
            #expect(latest.contains("message 60"))
            #expect(latest.contains("message 11<"))
            #expect(!latest.contains("message 10<"))
            #expect(latest.contains("?before=11"))
            let older = try await lea.get(channel + "?before=11").text
            #expect(older.contains("message 1<"))
            #expect(older.contains("message 10<"))
            #expect(!older.contains("message 11<"))
            #expect(older.contains("Back to the latest messages"))
        }
    }

    @Test func sequenceNumbersStayUniqueAndGaplessUnderConcurrentSends() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(c.lea)
            _ = try await c.channel(&lea)
            let conversation = try #require(try await ConversationRecord.query(on: app.db).first())
            let people = [c.lea.domain(), c.max.domain(), c.trainer.domain()]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<30 {
                    group.addTask {
                        try await ChatStore.send("m\(n)", to: conversation, author: people[n % 3], on: app.db,
                                                 broadcaster: app.realtime.broadcaster)
                    }
                }
                try await group.waitForAll()
            }
            let numbers = try await MessageRecord.query(on: app.db).all().map(\.sequence).sorted()
            #expect(numbers == Array(1...30))
            #expect(try await ConversationRecord.find(conversation.id!, on: app.db)?.lastSequence == 30)
        }
    }
}
