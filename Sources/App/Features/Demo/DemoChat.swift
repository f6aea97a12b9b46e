import Domain
import Fluent
import Foundation
import Routes
import Views

/// The demo cohort's channel with a short exchange, a private conversation between Lena
/// (learner01) and her trainer Tess, whose last answer Lena has not read yet, and a question from
/// Marc (learner02) that waits for Tess's answer. Their notifications are in the bell (never
/// e-mailed: the demo's addresses are made up).
enum DemoChat {
    static func load(cohort: CohortRecord, people: [String: PersonRecord], now: Date = Date(), on db: any Database) async throws {
        let tess = people["trainer1@northwind.test"]!, lena = people["learner01@northwind.test"]!
        let marc = people["learner02@northwind.test"]!, priya = people["learner03@northwind.test"]!
        let channelKey = ConversationRecord.channelKey(cohortID: cohort.id!)
        let channel = ConversationRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, kind: .channel, uniqueKey: channelKey)
        try await channel.save(on: db)
        try await write(channel, [
            (tess, "Welcome to the Escalations cohort! Post here anything the whole group should see. For private questions, write to me from **Messages**.", 50),
            (priya, "Hi all! Does anyone have a template for the first call with an angry customer?", 26),
            (marc, "@Priya the checklist in lesson 1.2 works well for me, see *“The first five minutes”*.", 25),
        ], now: now, on: db)
        // Whoever wrote in the channel has read it up to their own message.
        for (person, read) in [(tess, 1), (priya, 2), (marc, 3)] {
            try await ConversationMemberRecord(conversationID: channel.id!, personID: person.id!, lastReadSequence: read).save(on: db)
        }
        let direct = ConversationRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, kind: .direct,
                                        uniqueKey: ConversationRecord.directKey(lena.id!, tess.id!, organizationID: cohort.$organization.id))
        try await direct.save(on: db)
        try await write(direct, [
            (lena, "Hi Tess, I finished module 1. Should I start the case study before Monday's live class?", 20),
            (tess, "Well done, Lena! Yes, read the case first; we will work on it together on Monday.", 3),
        ], now: now, on: db)
        try await ConversationMemberRecord(conversationID: direct.id!, personID: lena.id!, lastReadSequence: 1).save(on: db)
        try await ConversationMemberRecord(conversationID: direct.id!, personID: tess.id!, lastReadSequence: 2).save(on: db)
        // Marc's question is still waiting for Tess: her inbox puts it first.
        let waiting = ConversationRecord(organizationID: cohort.$organization.id, cohortID: cohort.id!, kind: .direct,
                                         uniqueKey: ConversationRecord.directKey(marc.id!, tess.id!, organizationID: cohort.$organization.id))
        try await waiting.save(on: db)
        try await write(waiting, [(marc, "Tess, can I switch my case study to the Rotterdam depot? It matches my team better.", 2)],
                        now: now, on: db)
        try await ConversationMemberRecord(conversationID: waiting.id!, personID: marc.id!, lastReadSequence: 1).save(on: db)
        try await ConversationMemberRecord(conversationID: waiting.id!, personID: tess.id!, lastReadSequence: 0).save(on: db)
        try await notify(lena, .message, about: direct, at: 2, title: tess.name, on: db)
        try await notify(tess, .message, about: waiting, at: 1, title: marc.name, on: db)
        try await notify(priya, .mention, about: channel, at: 3, title: "\(marc.name) mentioned you in \(cohort.name)", on: db)
    }

    /// An unread notification of message `sequence`, as `ChatStore.send` makes them.
    private static func notify(_ person: PersonRecord, _ kind: NotificationKind, about conversation: ConversationRecord, at sequence: Int,
                               title: String, on db: any Database) async throws {
        guard let message = try await MessageRecord.query(on: db).filter(\.$conversationID == conversation.id!)
            .filter(\.$sequence == sequence).first() else { return }
        let record = NotificationRecord()
        record.organizationID = conversation.organizationID
        record.personID = person.id!
        record.kind = kind
        record.subjectKey = kind == .message ? "conversation:\(conversation.id!.lowercasedText)" : "mention:\(message.id!.lowercasedText)"
        record.sourceID = conversation.id!
        record.sourcePosition = sequence
        record.title = title
        record.excerpt = plainExcerpt(message.body)
        record.url = SiteRoute.conversation(.init(conversation.organizationID), .init(conversation.id!)).path + "#message-\(sequence)"
        record.itemCount = 1
        record.emailCount = 0
        record.createdAt = message.sentAt
        record.updatedAt = message.sentAt
        try await record.save(on: db)
    }

    /// Messages `hoursAgo` before `now`, numbered in order.
    private static func write(_ conversation: ConversationRecord, _ messages: [(PersonRecord, String, Double)], now: Date,
                              on db: any Database) async throws {
        for (index, (author, body, hoursAgo)) in messages.enumerated() {
            let sentAt = now.addingTimeInterval(-hoursAgo * 3600)
            try await MessageRecord(organizationID: conversation.organizationID, conversationID: conversation.id!, sequence: index + 1,
                                    authorID: author.id!, body: body, html: Markdown.render(body).rawValue, sentAt: sentAt).save(on: db)
            conversation.lastSequence = index + 1
            conversation.lastMessageAt = sentAt
            conversation.lastAuthorID = author.id
        }
        try await conversation.save(on: db)
    }
}
