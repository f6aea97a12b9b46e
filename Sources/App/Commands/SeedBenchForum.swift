import Domain
import Fluent
import Foundation
import SQLKit
import Views

/// The forum benchmark's data, in the first cohort: a thread of 300 posts, a space of 200
/// threads, and 20,000 posts in all (each indexed for search), written by the cohort's learners
/// in sentences drawn from a fixed vocabulary, so the same seed gives the same forum.
enum SeedBenchForum {
    static let longThreadPosts = 300
    static let busyThreads = 200
    static let totalPosts = 20_000
    /// What the search bench looks for: a topic word (in one post of 40) and an everyday word.
    static let searchQuery = "customs delay"

    /// One of these in every post, in turn: what the posts are about.
    private static let topics = """
        customs demurrage incoterms bonded tariff manifest consignee waybill reefer hazmat drayage crossdock backorder \
        chargeback dunning arbitration indemnity forwarding transshipment quarantine embargo fumigation tachograph \
        lashing stowage ballast bunker charter laytime detention palletising picking kitting slotting replenishment \
        cyclecount shrinkage returns serialisation traceability recall
        """.split(separator: " ").map(String.init)

    private static let words = """
        customer parcel invoice refund delivery warehouse driver route pallet carrier delay damaged late early \
        call email ticket manager team escalation apology discount credit order return label scanner truck depot \
        schedule weekend holiday contract supplier quality claim photo form signature address weather traffic \
        port container shipment priority urgent calm listen explain promise check confirm follow update share
        """.split(separator: " ").map(String.init)

    struct URLs {
        let thread: String
        let space: String
        let search: String
    }

    /// Deterministic text: `count` words chosen by a linear congruential sequence from `seed`.
    static func sentence(_ seed: Int, count: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed &* 2_654_435_761 &+ 1)
        var picked: [String] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            picked.append(words[Int((state >> 33) % UInt64(words.count))])
        }
        return picked.joined(separator: " ").capitalized(firstOnly: true) + "."
    }

    static func seed(cohort: CohortRecord, on db: any Database) async throws -> URLs {
        let learners = try await CohortMemberRecord.query(on: db).filter(\.$cohort.$id == cohort.id!).all().map(\.$person.id)
        let spaces = try await ForumStore.spaces(of: cohort, caches: nil, on: db)
        guard let general = spaces.first(where: { $0.kind == .general }), !learners.isEmpty else { throw ChatError.unsupportedDatabase }
        let busy = try await ForumStore.addSpace(titled: "Busy space", to: cohort, on: db)
        var postNumber = 0
        let start = Date().addingTimeInterval(-30 * 86_400)
        /// One thread with `posts` posts, written in one transaction.
        func thread(in space: ForumSpaceRecord, title: String, posts: Int) async throws -> UUID {
            let id = UUID()
            let thread = ForumThreadRecord()
            thread.id = id
            thread.organizationID = cohort.$organization.id; thread.cohortID = cohort.id!; thread.spaceID = space.id!
            thread.kind = postNumber % 3 == 0 ? .discussion : .question
            thread.title = title; thread.authorID = learners[postNumber % learners.count]
            thread.postCount = posts; thread.lastPostAt = start.addingTimeInterval(Double(postNumber + posts) * 60)
            thread.pinned = false; thread.locked = false; thread.createdAt = start.addingTimeInterval(Double(postNumber) * 60)
            thread.anonymous = false
            var rows: [ForumPostRecord] = []
            for number in 1...posts {
                postNumber += 1
                let post = ForumPostRecord()
                post.id = UUID()
                post.organizationID = thread.organizationID; post.threadID = id; post.number = number
                post.authorID = learners[(postNumber * 7) % learners.count]
                post.body = sentence(postNumber, count: 12) + " About " + topics[postNumber % topics.count] + ": "
                    + sentence(postNumber + 1, count: 18)
                post.html = Markdown.render(post.body).rawValue
                post.createdAt = start.addingTimeInterval(Double(postNumber) * 60)
                post.upvotes = 0; post.anonymous = false
                rows.append(post)
            }
            let written = rows
            try await db.writeTransaction { db in
                try await thread.create(on: db)
                for chunk in stride(from: 0, to: written.count, by: 200) {
                    try await Array(written[chunk..<min(chunk + 200, written.count)]).create(on: db)
                }
                guard let sql = db as? any SQLDatabase else { return }
                for post in written {
                    try await ForumSearch.index(post: post.id!, cohort: cohort.id!, title: post.number == 1 ? title : nil, body: post.body, on: sql)
                }
            }
            return id
        }
        let long = try await thread(in: general, title: "The long thread: three hundred posts", posts: longThreadPosts)
        let perBusyThread = (totalPosts - longThreadPosts) / busyThreads
        for index in 0..<busyThreads {
            _ = try await thread(in: busy, title: "Thread \(index + 1): " + sentence(index, count: 5), posts: perBusyThread)
        }
        let rest = totalPosts - postNumber
        if rest > 0 { _ = try await thread(in: general, title: "The rest", posts: rest) }
        let base = "/orgs/\(cohort.$organization.id.lowercasedText)/cohorts/\(cohort.id!.lowercasedText)/forum"
        return URLs(thread: base + "/threads/\(long.lowercasedText)", space: base + "/spaces/\(busy.id!.lowercasedText)",
                    search: base + "/search?q=" + searchQuery.replacingOccurrences(of: " ", with: "+"))
    }
}

private extension String {
    func capitalized(firstOnly: Bool) -> String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
