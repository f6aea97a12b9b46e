import Domain
import Foundation
import Testing
@testable import Views

/// A thread page's posts can be rendered on their own and kept (`ForumPages.postItem`): they hold
/// no reader's CSRF token, and the page built from them is the page built from the posts.
@Suite struct ForumPostItemTests {
    static let evil = HostilePagesTests.evil

    static func model(_ posts: [ForumThreadModel.Post]) -> ForumThreadModel {
        let place = ForumPlace(organizationID: .init(UUID()), cohortID: .init(UUID()), cohortName: evil, isStaff: false)
        return ForumThreadModel(
            place: place, spaceID: UUID().uuidString.lowercased(), spaceTitle: evil, threadID: UUID().uuidString.lowercased(), title: evil,
            state: ThreadState(kind: .question, postCount: posts.count, acceptedPost: nil, locked: false, readUpTo: nil), pinned: false,
            posts: posts, page: 1, pageCount: 1, canAccept: true, canReply: true, following: false, otherSpaces: [], mayPostAnonymously: false)
    }

    static func post(_ number: Int, upvoted: Bool) -> ForumThreadModel.Post {
        .init(number: number, id: UUID().uuidString.lowercased(), authorName: evil, html: TrustedHTML(sanitized: "<p>Hello</p>"),
              display: .body, createdAt: Date(timeIntervalSince1970: 1_800_000_000), edited: number == 2,
              replyTo: number == 2 ? (number: 1, authorName: evil, excerpt: evil) : nil, upvotes: 3, upvotedByReader: upvoted,
              actions: [.upvote, .report, .edit])
    }

    @Test func itemsHoldNoTokenAndMakeTheSamePage() throws {
        let posts = [Self.post(1, upvoted: false), Self.post(2, upvoted: true)]
        let model = Self.model(posts)
        let context = HostilePagesTests.context
        let items = posts.map { ForumPages.postItem($0, in: model) }
        for item in items {
            #expect(!item.rawValue.contains("_csrf") && !item.rawValue.contains("<script>") && item.rawValue.contains("form=\"post-action-form\""))
        }
        #expect(ForumPages.thread(model, context, items: items) == ForumPages.thread(model, context))
        let page = String(decoding: ForumPages.thread(model, context, items: items), as: UTF8.self)
        #expect(page.contains(#"<form method="post" id="post-action-form""#) && page.contains(#"data-last="2""#))
        let list = try #require(page.range(of: "<ol class=\"post-list\"")).lowerBound
        let listEnd = try #require(page.range(of: "</ol>", range: list..<page.endIndex)).upperBound
        #expect(!page[list..<listEnd].contains("_csrf"), "no token in the posts")
    }
}
