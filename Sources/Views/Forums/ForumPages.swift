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
    /// Staff: reports waiting, and whether learners may post anonymously.
    public var openReports = 0
    public var anonymousAllowed = false
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
    public var page = 1
    public var pageCount = 1
    /// The reader follows every thread of the space.
    public var following = false
    public var mayPostAnonymously = false
    public init(place: ForumPlace, spaceID: String, title: String, threads: [Thread], filter: Filter, state: Form.State = .empty) {
        self.place = place; self.spaceID = spaceID; self.title = title; self.threads = threads; self.filter = filter; self.state = state
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
            form(.method("get"), .action(SiteRoute.forumSearch(place.organizationID, place.cohortID).path), .class("inline-search"), .role("search")) {
                label(.for("forum-q"), .class("visually-hidden")) { "Search the forum" }
                input(.type("search"), .name("q"), .id("forum-q"), .placeholder("Search the forum"))
                button(.type("submit"), .class("button button-small")) { "Search" }
            }
            if place.isStaff {
                p {
                    a(.href(SiteRoute.forumReports(place.organizationID, place.cohortID).path)) {
                        model.openReports == 1 ? "1 reported post to review" : "Reported posts (\(model.openReports) to review)"
                    }
                }
            }
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
                section(.class("card")) {
                    h2 { "Anonymous posts" }
                    p { model.anonymousAllowed
                        ? "Learners may post anonymously: other learners do not see who wrote, you do."
                        : "Learners always post under their name." }
                    postButton(model.anonymousAllowed ? "Stop anonymous posting" : "Allow anonymous posting",
                               action: SiteRoute.forumSettings(place.organizationID, place.cohortID).path, csrf: context.csrfToken,
                               fields: [("anonymous_allowed", model.anonymousAllowed ? "off" : "on")])
                }
            }
        }
    }

    public static func space(_ model: ForumSpaceModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        let here = SiteRoute.forumSpace(place.organizationID, place.cohortID, model.spaceID).path
        return Layout.page(title: "\(model.title) · Forum", context, scripts: postScripts) {
            breadcrumb(place)
            h1 { model.title }
            div(.class("toolbar")) {
                a(.href("#new-thread"), .class("button button-small")) { "Start a thread" }
                postButton(model.following ? "Stop following this space" : "Follow every thread here",
                           action: SiteRoute.forumSpaceFollow(place.organizationID, place.cohortID, model.spaceID).path, csrf: context.csrfToken,
                           fields: [("following", model.following ? "off" : "on")])
            }
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
                                p { a(.href(href + (ForumInput.page(ofPost: first) > 1 ? "?page=\(ForumInput.page(ofPost: first))" : "") + "#post-\(first)")) {
                                    "Jump to the first unread post"
                                } }
                            }
                        }
                    }
                }
            }
            if model.pageCount > 1 {
                nav(.class("page-links"), .ariaLabel("Pages of threads")) {
                    for page in 1...model.pageCount {
                        let query = (model.filter == .all ? [] : ["show=\(model.filter.rawValue)"]) + (page == 1 ? [] : ["page=\(page)"])
                        a(.href(query.isEmpty ? here : here + "?" + query.joined(separator: "&")), .ariaCurrent(page == model.page ? "page" : "false")) { "\(page)" }
                    }
                }
            }
            section(.class("card"), .id("new-thread")) {
                h2 { "Start a thread" }
                Form.errorSummary(model.state)
                form(.method("post"), .action(SiteRoute.forumThreads(place.organizationID, place.cohortID, model.spaceID).path)) {
                    Form.csrf(context.csrfToken)
                    threadFields(place, state: model.state, mayPostAnonymously: model.mayPostAnonymously)
                }
            }
        }
    }
}
