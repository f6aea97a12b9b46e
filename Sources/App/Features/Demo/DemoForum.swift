import Domain
import Fluent
import Foundation

/// The demo cohort's forum: a pinned welcome from Tess, Priya's question answered by Tess (the
/// accepted answer, upvoted) with Marc's reply to it, an anonymous question (the cohort allows
/// them), a discussion in the first module's space, and an off-topic post waiting in the
/// moderators' report queue.
enum DemoForum {
    static func load(cohort: CohortRecord, people: [String: PersonRecord], now: Date = Date(), on db: any Database) async throws {
        let tess = people["trainer1@northwind.test"]!.id!, marc = people["learner02@northwind.test"]!.id!
        let priya = people["learner03@northwind.test"]!.id!, lena = people["learner01@northwind.test"]!.id!
        let spaces = try await ForumStore.spaces(of: cohort, caches: nil, on: db)
        guard let general = spaces.first(where: { $0.kind == .general }) else { return }
        func ago(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }

        let welcome = try await ForumStore.startThread(
            in: general, kind: .discussion, title: "Welcome: how this forum works",
            body: "Ask your questions here rather than privately: the answer helps everyone.\n\n- **Questions** get an accepted answer.\n- Each module has its own space.",
            author: tess, now: ago(60), on: db)
        welcome.pinned = true
        try await welcome.save(on: db)

        let question = try await ForumStore.startThread(
            in: general, kind: .question, title: "What if a customer threatens to go to the press?",
            body: "It happened to me last week. Do we escalate to communications at once, or try to calm things down first?",
            author: priya, now: ago(30), on: db)
        let answer = try await ForumStore.reply(
            to: question, body: "Calm first, but tell communications **the same day**: they would rather hear it from us. The checklist in lesson 2.1 has the wording.",
            author: tess, now: ago(28), on: db)
        try await ForumStore.reply(to: question, body: "That worked for me too: the customer mostly wants to be heard.", author: marc,
                                   replyTo: answer, now: ago(20), on: db)
        if let accepted = try await ForumPostRecord.query(on: db).filter(\.$threadID == question.id!).filter(\.$number == answer).first() {
            question.acceptedPostID = accepted.id
            try await question.save(on: db)
            for voter in [marc, lena, priya] { _ = try await ForumVotes.toggle(accepted, by: voter, on: db) }
        }

        try await ForumPostChanges.allowAnonymous(true, in: cohort.id!, on: db)
        let shy = try await ForumStore.startThread(
            in: general, kind: .question, title: "Is it all right to say “I don't know” to a customer?",
            body: "I never know whether admitting it makes things worse.", author: lena, anonymous: true, now: ago(6), on: db)
        try await ForumStore.reply(to: shy, body: "Yes — followed by *when* you will know. Customers forgive not knowing, not silence.",
                                   author: tess, now: ago(5), on: db)

        let offTopic = try await ForumStore.startThread(
            in: general, kind: .discussion, title: "Anyone selling a bike?", body: "Looking for a city bike, cash only.", author: marc,
            now: ago(3), on: db)
        if let post = try await ForumPostRecord.query(on: db).filter(\.$threadID == offTopic.id!).first() {
            _ = try await ForumPostChanges.report(post, thread: offTopic, reason: "Not about the course.", by: priya, now: ago(2), on: db)
        }

        if let module = spaces.first(where: { $0.kind == .module }) {
            let discussion = try await ForumStore.startThread(
                in: module, kind: .discussion, title: "Share your hardest escalation so far",
                body: "Mine: a pallet of medicines stuck in customs for six days. What was yours?", author: marc, now: ago(10), on: db)
            try await ForumStore.reply(to: discussion, body: "A wedding dress delivered to the wrong city, two days before the wedding.",
                                       author: lena, now: ago(8), on: db)
        }
    }
}
