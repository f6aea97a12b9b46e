import Domain
import Foundation
import Routes

/// A cohort's forum: its spaces, a space's threads, a thread's posts. Work without JavaScript.
public struct ForumPlace: Sendable {
    public let organizationID: Organization.ID
    public let cohortID: Cohort.ID
    public let cohortName: String
    public let isStaff: Bool
    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, isStaff: Bool) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.isStaff = isStaff
    }
}

public struct ForumIndexModel: Sendable {
    public struct Space: Sendable {
        public let id: String
        public let title: String
        public let threads: Int
        public let unread: Int
        public let lastPostAt: Date?
        public init(id: String, title: String, threads: Int, unread: Int, lastPostAt: Date?) {
            self.id = id; self.title = title; self.threads = threads; self.unread = unread; self.lastPostAt = lastPostAt
        }
    }
    public var place: ForumPlace
    public var spaces: [Space]
    public var state: Form.State = .empty
    public init(place: ForumPlace, spaces: [Space]) { self.place = place; self.spaces = spaces }
}

public struct ForumSpaceModel: Sendable {
    public struct Thread: Sendable {
        public let id: String
        public let title: String
        public let authorName: String
        public let state: ThreadState
        public let pinned: Bool
        public let lastPostAt: Date
        public init(id: String, title: String, authorName: String, state: ThreadState, pinned: Bool, lastPostAt: Date) {
            self.id = id; self.title = title; self.authorName = authorName; self.state = state; self.pinned = pinned; self.lastPostAt = lastPostAt
        }
    }
    public enum Filter: String, Sendable, CaseIterable { case all, unanswered, answered }
    public var place: ForumPlace
    public var spaceID: String
    public var title: String
    public var threads: [Thread]
    public var filter: Filter
    public var state: Form.State
    public init(place: ForumPlace, spaceID: String, title: String, threads: [Thread], filter: Filter, state: Form.State = .empty) {
        self.place = place; self.spaceID = spaceID; self.title = title; self.threads = threads; self.filter = filter; self.state = state
    }
}

public struct ForumThreadModel: Sendable {
    public struct Post: Sendable {
        public let number: Int
        public let id: String
        public let authorName: String
        public let html: TrustedHTML
        public let createdAt: Date
        public let replyTo: (number: Int, authorName: String, excerpt: String)?
        public init(number: Int, id: String, authorName: String, html: TrustedHTML, createdAt: Date,
                    replyTo: (number: Int, authorName: String, excerpt: String)?) {
            self.number = number; self.id = id; self.authorName = authorName; self.html = html; self.createdAt = createdAt; self.replyTo = replyTo
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
    /// The asker or staff: they may accept an answer.
    public var canAccept: Bool
    public var canReply: Bool
    public var form: Form.State
    public var replyTo: Int?
    public init(place: ForumPlace, spaceID: String, spaceTitle: String, threadID: String, title: String, state: ThreadState, pinned: Bool,
                posts: [Post], canAccept: Bool, canReply: Bool, form: Form.State = .empty, replyTo: Int? = nil) {
        self.place = place; self.spaceID = spaceID; self.spaceTitle = spaceTitle; self.threadID = threadID; self.title = title
        self.state = state; self.pinned = pinned; self.posts = posts; self.canAccept = canAccept; self.canReply = canReply
        self.form = form; self.replyTo = replyTo
    }
}

public enum ForumPages {
    static func breadcrumb(_ place: ForumPlace, space: (id: String, title: String)? = nil) -> HTML {
        p(.class("breadcrumb")) {
            a(.href(SiteRoute.cohort(place.organizationID, place.cohortID).path)) { place.cohortName }
            " › "
            a(.href(SiteRoute.forum(place.organizationID, place.cohortID).path)) { "Forum" }
            if let space {
                " › "
                a(.href(SiteRoute.forumSpace(place.organizationID, place.cohortID, space.id).path)) { space.title }
            }
        }
    }

    public static func index(_ model: ForumIndexModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        return Layout.page(title: "Forum · \(place.cohortName)", context, scripts: ["/js/forum.js"]) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(place.organizationID, place.cohortID).path)) { place.cohortName } }
            h1 { "Forum" }
            p(.class("lead")) { "Ask, answer and share with your cohort. Only its people read it." }
            ul(.class("conversation-list")) {
                for space in model.spaces {
                    li(.class(space.unread > 0 ? "card conversation-entry unread" : "card conversation-entry"), .custom("data-space", space.id)) {
                        a(.href(SiteRoute.forumSpace(place.organizationID, place.cohortID, space.id).path), .class("conversation-title")) { space.title }
                        span(.class("badge"), .ariaLabel("\(space.unread) unread"), .hidden(space.unread == 0)) { "\(space.unread)" }
                        p(.class("meta")) {
                            space.threads == 1 ? "1 thread" : "\(space.threads) threads"
                            if let last = space.lastPostAt { " · last post \(DateText.dayAndTime(last))" }
                        }
                    }
                }
            }
            if place.isStaff {
                section(.class("card")) {
                    h2 { "Add a space" }
                    Form.errorSummary(model.state)
                    form(.method("post"), .action(SiteRoute.forumSpaces(place.organizationID, place.cohortID).path)) {
                        Form.csrf(context.csrfToken)
                        Form.field("Title", name: "title", state: model.state, hint: "For instance “Case study” or “Introductions”.")
                        Form.submit("Add space")
                    }
                }
            }
        }
    }

    public static func space(_ model: ForumSpaceModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        let here = SiteRoute.forumSpace(place.organizationID, place.cohortID, model.spaceID).path
        return Layout.page(title: "\(model.title) · Forum", context, scripts: ["/js/forum.js"]) {
            breadcrumb(place)
            h1 { model.title }
            nav(.ariaLabel("Show"), .class("filters")) {
                for filter in ForumSpaceModel.Filter.allCases {
                    let label = switch filter {
                    case .all: "All"
                    case .unanswered: "Unanswered questions"
                    case .answered: "Answered"
                    }
                    a(.href(filter == .all ? here : here + "?show=\(filter.rawValue)"), .ariaCurrent(filter == model.filter ? "page" : "false")) { label }
                }
            }
            if model.threads.isEmpty {
                p(.class("empty")) { model.filter == .all ? "No threads yet. Start the first one below." : "No such thread here." }
            } else {
                ul(.class("conversation-list thread-list")) {
                    for thread in model.threads {
                        li(.class(thread.state.unread > 0 ? "card conversation-entry unread" : "card conversation-entry"), .custom("data-thread", thread.id)) {
                            let href = SiteRoute.forumThread(place.organizationID, place.cohortID, thread.id).path
                            if thread.pinned { span(.class("tag")) { "Pinned" }; " " }
                            a(.href(href), .class("conversation-title")) { thread.title }
                            span(.class("badge"), .ariaLabel("\(thread.state.unread) unread"), .hidden(thread.state.unread == 0)) { "\(thread.state.unread)" }
                            p(.class("meta")) {
                                thread.state.kind.label
                                if thread.state.isAnswered { " · "; span(.class("answered")) { "Answered" } }
                                if thread.state.isUnansweredQuestion { " · Unanswered" }
                                if thread.state.locked { " · Locked" }
                                " · by \(thread.authorName) · \(thread.state.postCount == 1 ? "1 post" : "\(thread.state.postCount) posts")"
                                " · last \(DateText.dayAndTime(thread.lastPostAt))"
                            }
                            if let first = thread.state.firstUnread, thread.state.readUpTo != nil {
                                p { a(.href(href + "#post-\(first)")) { "Jump to the first unread post" } }
                            }
                        }
                    }
                }
            }
            section(.class("card"), .id("new-thread")) {
                h2 { "Start a thread" }
                Form.errorSummary(model.state)
                form(.method("post"), .action(SiteRoute.forumThreads(place.organizationID, place.cohortID, model.spaceID).path)) {
                    Form.csrf(context.csrfToken)
                    Form.select("Kind", name: "kind", options: ThreadKind.allCases.map { ($0.rawValue, $0.label) },
                                selected: model.state.values["kind"] ?? ThreadKind.question.rawValue, state: model.state)
                    Form.field("Title", name: "title", state: model.state)
                    Form.textArea("Your post", name: "body", state: model.state, required: true, rows: 6)
                    p(.class("hint")) { "Markdown works: **bold**, *italic*, lists, [links](https://example.com)." }
                    Form.submit("Post")
                }
            }
        }
    }

    public static func thread(_ model: ForumThreadModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        let org = place.organizationID
        return Layout.page(title: model.title, context, scripts: ["/js/forum.js"]) {
            breadcrumb(place, space: (model.spaceID, model.spaceTitle))
            h1 { model.title }
            p(.class("meta")) {
                model.state.kind.label
                if model.state.isAnswered { " · "; span(.class("answered")) { "Answered" } }
                if model.state.isUnansweredQuestion { " · Unanswered" }
                if model.pinned { " · Pinned" }
                if model.state.locked { " · Locked: no new replies" }
            }
            if place.isStaff {
                div(.class("toolbar")) {
                    form(.method("post"), .action(SiteRoute.forumThreadPin(org, place.cohortID, model.threadID).path), .class("inline-form")) {
                        Form.csrf(context.csrfToken)
                        button(.type("submit"), .class("button-small button-secondary")) { model.pinned ? "Unpin" : "Pin" }
                    }
                    form(.method("post"), .action(SiteRoute.forumThreadLock(org, place.cohortID, model.threadID).path), .class("inline-form")) {
                        Form.csrf(context.csrfToken)
                        button(.type("submit"), .class("button-small button-secondary")) { model.state.locked ? "Unlock" : "Lock" }
                    }
                }
            }
            ol(.class("post-list"), .id("post-list"), .custom("data-thread", model.threadID),
               .custom("data-last", "\(model.posts.last?.number ?? 0)"), .custom("aria-live", "polite")) {
                for post in model.posts {
                    let accepted = model.state.acceptedPost?.lowercasedText == post.id
                    li(.class(accepted ? "card post accepted" : "card post"), .id("post-\(post.number)")) {
                        p(.class("chat-meta")) {
                            strong { post.authorName }
                            " "
                            time(.datetime(DateText.iso(post.createdAt))) { DateText.dayAndTime(post.createdAt) }
                            if accepted { " · "; span(.class("answered")) { "Accepted answer" } }
                        }
                        if let reply = post.replyTo {
                            blockquote(.class("reply-context")) {
                                a(.href("#post-\(reply.number)")) { "In reply to \(reply.authorName)" }
                                ": \(reply.excerpt)"
                            }
                        }
                        div(.class("chat-body")) { post.html }
                        div(.class("post-actions")) {
                            if model.canReply {
                                a(.href(SiteRoute.forumThread(org, place.cohortID, model.threadID).path + "?reply_to=\(post.number)#reply")) { "Reply" }
                            }
                            if model.canAccept, model.state.kind == .question, post.number > 1, !accepted {
                                form(.method("post"), .action(SiteRoute.forumThreadAccept(org, place.cohortID, model.threadID).path),
                                     .class("inline-form")) {
                                    Form.csrf(context.csrfToken)
                                    input(.type("hidden"), .name("number"), .value("\(post.number)"))
                                    button(.type("submit"), .class("button-link")) { "Accept as the answer" }
                                }
                            }
                        }
                    }
                }
            }
            if model.canReply {
                section(.class("card"), .id("reply")) {
                    h2 { "Reply" }
                    Form.errorSummary(model.form)
                    form(.method("post"), .action(SiteRoute.forumPosts(org, place.cohortID, model.threadID).path)) {
                        Form.csrf(context.csrfToken)
                        if let to = model.replyTo {
                            input(.type("hidden"), .name("reply_to"), .value("\(to)"))
                            p(.class("meta")) { "In reply to post \(to). "; a(.href(SiteRoute.forumThread(org, place.cohortID, model.threadID).path + "#reply")) { "Reply to the thread instead" } }
                        }
                        Form.textArea("Your reply", name: "body", state: model.form, required: true, rows: 5)
                        Form.submit("Post reply")
                    }
                }
            } else {
                p(.class("empty")) { "This thread is locked: no new replies." }
            }
        }
    }
}
