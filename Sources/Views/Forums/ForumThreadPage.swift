import Domain
import Foundation
import Routes

public struct ForumThreadModel: Sendable {
    public struct Post: Sendable {
        public let number: Int
        public let id: String
        /// As `ForumIdentity` decided for this reader.
        public let authorName: String
        public let html: TrustedHTML
        public let display: PostDisplay
        public let createdAt: Date
        public let edited: Bool
        public let replyTo: (number: Int, authorName: String, excerpt: String)?
        public let upvotes: Int
        public let upvotedByReader: Bool
        /// What the reader may do with it.
        public let actions: Set<ForumPostAction>
        public init(number: Int, id: String, authorName: String, html: TrustedHTML, display: PostDisplay, createdAt: Date, edited: Bool,
                    replyTo: (number: Int, authorName: String, excerpt: String)?, upvotes: Int, upvotedByReader: Bool, actions: Set<ForumPostAction>) {
            self.number = number; self.id = id; self.authorName = authorName; self.html = html; self.display = display
            self.createdAt = createdAt; self.edited = edited; self.replyTo = replyTo; self.upvotes = upvotes
            self.upvotedByReader = upvotedByReader; self.actions = actions
        }
    }
    public var place: ForumPlace
    public var spaceID: String
    public var spaceTitle: String
    public var threadID: String
    public var title: String
    public var state: ThreadState
    public var pinned: Bool
    public var posts: [Post]
    /// The number of the page's last post (`posts`' last, or the last of the `items` given to `thread`).
    public var lastPostNumber: Int?
    public var page: Int
    public var pageCount: Int
    /// The asker or staff: they may accept an answer.
    public var canAccept: Bool
    public var canReply: Bool
    public var following: Bool
    /// Staff: the spaces the thread can move to.
    public var otherSpaces: [(id: String, title: String)]
    /// The reader may post anonymously to peers.
    public var mayPostAnonymously: Bool
    /// The largest image, in words ("20 MB").
    public var imageLimit = ""
    /// The lesson a "Discuss this" thread is about: its title and address.
    public var about: (title: String, path: String)?
    public var form: Form.State
    public var replyTo: Int?
    public init(place: ForumPlace, spaceID: String, spaceTitle: String, threadID: String, title: String, state: ThreadState, pinned: Bool,
                posts: [Post], page: Int, pageCount: Int, canAccept: Bool, canReply: Bool, following: Bool,
                otherSpaces: [(id: String, title: String)], mayPostAnonymously: Bool, form: Form.State = .empty, replyTo: Int? = nil) {
        self.place = place; self.spaceID = spaceID; self.spaceTitle = spaceTitle; self.threadID = threadID; self.title = title
        self.state = state; self.pinned = pinned; self.posts = posts; self.lastPostNumber = posts.last?.number
        self.page = page; self.pageCount = pageCount
        self.canAccept = canAccept; self.canReply = canReply; self.following = following; self.otherSpaces = otherSpaces
        self.mayPostAnonymously = mayPostAnonymously; self.form = form; self.replyTo = replyTo
    }
}

extension ForumPages {
    /// A one-button form (POST with the CSRF token).
    static func postButton(_ text: String, action: String, csrf: String, style: String = "button-small button-secondary",
                       fields: [(String, String)] = [], label: String? = nil) -> HTML {
        form(.method("post"), .action(action), .class("inline-form")) {
            Form.csrf(csrf)
            for (name, value) in fields { input(.type("hidden"), .name(name), .value(value)) }
            if let label { button(.type("submit"), .class(style), .ariaLabel(label)) { text } } else { button(.type("submit"), .class(style)) { text } }
        }
    }

    /// The scripts of a page where posts are written: live posts, the preview, @mention autocomplete.
    static let postScripts = ["/js/forum.js", "/js/markdown-preview.js", "/js/mentions.js"]

    /// A post's text area with its live preview under it (markdown-preview.js) and the @mention
    /// autocomplete (mentions.js).
    static func postArea(_ labelText: String, place: ForumPlace, state: Form.State, rows: Int) -> HTML {
        HTML {
            Form.textArea(labelText, name: "body", state: state, required: true, rows: rows,
                          extra: [.data("preview-target", "post-preview"),
                                  .data("preview-url", SiteRoute.forumPreview(place.organizationID, place.cohortID).path),
                                  .data("mentions-url", SiteRoute.forumPeople(place.organizationID, place.cohortID).path)])
            p(.class("hint")) { "Markdown works: **bold**, *italic*, lists, [links](https://example.com). Write @ and a name to mention someone." }
            div(.class("chat-body post-preview"), .id("post-preview"), .ariaLabel("Preview"), .custom("aria-live", "polite")) {}
        }
    }

    /// A new thread's fields (kind, title, first post, anonymity) and its button.
    static func threadFields(_ place: ForumPlace, state: Form.State, mayPostAnonymously: Bool) -> HTML {
        HTML {
            Form.select("Kind", name: "kind", options: ThreadKind.allCases.map { ($0.rawValue, $0.label) },
                        selected: state.values["kind"] ?? ThreadKind.question.rawValue, state: state)
            Form.field("Title", name: "title", state: state)
            postArea("Your post", place: place, state: state, rows: 6)
            anonymityChoice(mayPostAnonymously, state: state)
            Form.submit("Post")
        }
    }

    static func anonymityChoice(_ model: Bool, state: Form.State) -> HTML {
        HTML {
            if model {
                div(.class("field checkbox")) {
                    input(.type("checkbox"), .name("anonymous"), .id("anonymous"), .value("on"), .checked(state.values["anonymous"] == "on"))
                    label(.for("anonymous")) { "Post anonymously to other learners (your trainers still see your name)" }
                }
            }
        }
    }

    /// The page; `items`, when given, are the posts' list items (`postItem`, say from a cache), in
    /// order, in place of `model.posts`.
    public static func thread(_ model: ForumThreadModel, _ context: LayoutContext, items: [TrustedHTML]? = nil) -> [UInt8] {
        let place = model.place
        let org = place.organizationID
        let csrf = context.csrfToken
        let here = threadPath(model)
        func threadRoute(_ action: ForumThreadAction) -> String { SiteRoute.forumThreadAction(org, place.cohortID, model.threadID, action).path }
        let pageQuery = model.page > 1 ? "?page=\(model.page)" : ""
        return Layout.page(title: model.title, context, scripts: postScripts) {
            breadcrumb(place, space: (model.spaceID, model.spaceTitle))
            h1 { model.title }
            p(.class("meta")) {
                model.state.kind.label
                if model.state.isAnswered { " · "; span(.class("answered")) { "Answered" } }
                if model.state.isUnansweredQuestion { " · Unanswered" }
                if model.pinned { " · Pinned" }
                if model.state.locked { " · Locked: no new replies" }
            }
            if let about = model.about {
                p(.class("about")) { "About the lesson "; a(.href(about.path)) { about.title } }
            }
            div(.class("toolbar")) {
                postButton(model.following ? "Unfollow" : "Follow", action: threadRoute(.follow), csrf: csrf,
                       fields: [("following", model.following ? "off" : "on")])
                if place.isStaff {
                    postButton(model.pinned ? "Unpin" : "Pin", action: SiteRoute.forumThreadPin(org, place.cohortID, model.threadID).path, csrf: csrf)
                    postButton(model.state.locked ? "Unlock" : "Lock", action: SiteRoute.forumThreadLock(org, place.cohortID, model.threadID).path, csrf: csrf)
                    if !model.otherSpaces.isEmpty {
                        form(.method("post"), .action(threadRoute(.move)), .class("inline-form")) {
                            Form.csrf(csrf)
                            label(.for("move-space"), .class("visually-hidden")) { "Move to space" }
                            select(.name("space_id"), .id("move-space")) {
                                for space in model.otherSpaces { option(.value(space.id)) { space.title } }
                            }
                            button(.type("submit"), .class("button-small button-secondary")) { "Move" }
                        }
                    }
                }
            }
            // The posts' buttons submit this form (each with its own formaction): its one CSRF
            // field keeps the posts free of anything per reader but what `Post` holds.
            form(.method("post"), .id(postActionsForm), .class("inline-form")) { Form.csrf(csrf) }
            pager(model, base: here)
            ol(.class("post-list"), .id("post-list"), .custom("data-thread", model.threadID),
               .custom("data-last", "\(model.page == model.pageCount ? (model.lastPostNumber ?? 0) : -1)"),
               .custom("data-read", threadRoute(.read)), .custom("aria-live", "polite")) {
                if let items {
                    for item in items { item }
                } else {
                    for post in model.posts { postListItem(post, in: model, here: here) }
                }
            }
            pager(model, base: here)
            if model.canReply {
                section(.class("card"), .id("reply")) {
                    h2 { "Reply" }
                    Form.errorSummary(model.form)
                    form(.method("post"), .action(SiteRoute.forumPosts(org, place.cohortID, model.threadID).path)) {
                        Form.csrf(csrf)
                        if let to = model.replyTo {
                            input(.type("hidden"), .name("reply_to"), .value("\(to)"))
                            p(.class("meta")) { "In reply to post \(to). "; a(.href(here + pageQuery + "#reply")) { "Reply to the thread instead" } }
                        }
                        postArea("Your reply", place: place, state: model.form, rows: 5)
                        anonymityChoice(model.mayPostAnonymously, state: model.form)
                        Form.submit("Post reply")
                    }
                    details(.class("chat-attach")) {
                        summary { "Post an image" }
                        form(.method("post"), .action(SiteRoute.forumImages(org, place.cohortID, model.threadID).path),
                             .custom("enctype", "multipart/form-data")) {
                            Form.csrf(csrf)
                            div(.class("field")) {
                                label(.for("forum-image")) { "Image" }
                                p(.class("hint"), .id("forum-image-hint")) { "\(UploadText.accepted(.image)), up to \(model.imageLimit)." }
                                input(.type("file"), .name("file"), .id("forum-image"), .required, .ariaDescribedby("forum-image-hint"),
                                      .custom("accept", UploadText.acceptAttribute(.image)))
                            }
                            Form.textArea("Text with it (optional)", name: "body", rows: 2, idPrefix: "image-")
                            if model.mayPostAnonymously {
                                div(.class("field checkbox")) {
                                    input(.type("checkbox"), .name("anonymous"), .id("image-anonymous"), .value("on"))
                                    label(.for("image-anonymous")) { "Post anonymously to other learners" }
                                }
                            }
                            button(.type("submit"), .class("button button-secondary")) { "Post image" }
                        }
                    }
                }
            } else {
                p(.class("empty")) { "This thread is locked: no new replies." }
            }
        }
    }

    static func pager(_ model: ForumThreadModel, base: String) -> HTML {
        HTML {
            if model.pageCount > 1 {
                nav(.class("page-links"), .ariaLabel("Pages of this thread")) {
                    for page in 1...model.pageCount {
                        a(.href(page == 1 ? base : base + "?page=\(page)"), .ariaCurrent(page == model.page ? "page" : "false")) { "\(page)" }
                    }
                }
            }
        }
    }
}
