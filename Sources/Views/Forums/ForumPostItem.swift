import Domain
import Foundation
import Routes

/// A post of a thread's page (`ForumPages.thread`), on its own so that it can be rendered once and
/// kept: its buttons submit the page's one CSRF form through `formaction`.
extension ForumPages {
    /// The form the posts' buttons submit (see `thread`).
    static let postActionsForm = "post-action-form"

    static func threadPath(_ model: ForumThreadModel) -> String {
        SiteRoute.forumThread(model.place.organizationID, model.place.cohortID, model.threadID).path
    }

    /// A post of a thread's page, as its list item. It reads `post`, and of the page only its
    /// place and thread, `canReply`, `canAccept` and `state` (kind, accepted post); it holds no
    /// CSRF token, so it can be cached for every reader in the same situation.
    public static func postItem(_ post: ForumThreadModel.Post, in model: ForumThreadModel) -> TrustedHTML {
        TrustedHTML(sanitized: postListItem(post, in: model, here: threadPath(model)).render())
    }

    /// A button of a post: it submits the page's `postActionsForm` to `action`.
    static func postActionButton(_ text: String, action: String, style: String = "button-link", label: String? = nil,
                                 number: Int? = nil) -> HTML {
        var attributes: [Attribute] = [.type("submit"), .form(postActionsForm), .formaction(action), .class(style)]
        if let label { attributes.append(.ariaLabel(label)) }
        if let number { attributes += [.name("number"), .value(number)] }
        return HTML(element: "button", attributes: attributes, content: { HTML(text) })
    }

    static func postListItem(_ post: ForumThreadModel.Post, in model: ForumThreadModel, here: String) -> HTML {
        let place = model.place
        func postRoute(_ number: Int, _ action: ForumPostAction) -> String {
            SiteRoute.forumPostPath(inThread: here, number: number, action)
        }
        let accepted = model.state.acceptedPost?.lowercasedText == post.id
        return li(.class(accepted ? "card post accepted" : "card post"), .id("post-\(post.number)")) {
            p(.class("chat-meta")) {
                strong { post.authorName }
                " "
                time(.datetime(DateText.iso(post.createdAt))) { DateText.dayAndTime(post.createdAt) }
                if post.edited && post.display != .deleted { " · edited" }
                if accepted { " · "; span(.class("answered")) { "Accepted answer" } }
            }
            if let reply = post.replyTo {
                blockquote(.class("reply-context")) {
                    a(.href("#post-\(reply.number)")) { "In reply to \(reply.authorName)" }
                    ": \(reply.excerpt)"
                }
            }
            switch post.display {
            case .body:
                div(.class("chat-body")) { post.html }
            case .deleted:
                p(.class("post-removed")) { "This post was deleted by its author." }
            case .hidden(let reason):
                p(.class("post-removed")) {
                    "This post was hidden by a moderator."
                    if let reason { " Reason: \(reason)" }
                }
            case .hiddenShownToStaff(let reason):
                p(.class("flash flash-error")) { "Hidden from learners. Reason: \(reason)" }
                div(.class("chat-body")) { post.html }
            }
            div(.class("post-actions")) {
                if post.actions.contains(.upvote) {
                    postActionButton(post.upvotedByReader ? "▲ \(post.upvotes) · Upvoted" : post.upvotes == 0 ? "▲ Upvote" : "▲ \(post.upvotes) · Upvote",
                                 action: postRoute(post.number, .upvote), style: post.upvotedByReader ? "button-link upvoted" : "button-link",
                                 label: post.upvotedByReader ? "Remove your upvote (\(post.upvotes))" : "Upvote (\(post.upvotes))")
                } else if post.upvotes > 0 {
                    span(.class("meta")) { "▲ \(post.upvotes)" }
                }
                if model.canReply && post.display.showsText {
                    a(.href(here + "?reply_to=\(post.number)#reply")) { "Reply" }
                    a(.href(here + "?reply_to=\(post.number)&quote=1#reply")) { "Quote" }
                }
                if model.canAccept, model.state.kind == .question, post.number > 1, !accepted, post.display == .body {
                    postActionButton("Accept as the answer", action: SiteRoute.forumThreadAccept(place.organizationID, place.cohortID, model.threadID).path,
                                 number: post.number)
                }
                if post.actions.contains(.edit) { a(.href(postRoute(post.number, .edit))) { "Edit" } }
                if post.actions.contains(.delete) { a(.href(postRoute(post.number, .delete))) { "Delete" } }
                if post.actions.contains(.report) { a(.href(postRoute(post.number, .report))) { "Report" } }
                if post.actions.contains(.hide) { a(.href(postRoute(post.number, .hide))) { "Hide" } }
                if post.actions.contains(.unhide) { postActionButton("Show again", action: postRoute(post.number, .unhide)) }
                if post.actions.contains(.history) { a(.href(postRoute(post.number, .history))) { "History" } }
            }
        }
    }
}
