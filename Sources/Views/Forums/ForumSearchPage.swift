import Domain
import Foundation
import Routes

public struct ForumSearchModel: Sendable {
    public struct Hit: Sendable {
        public let threadID: String
        public let threadTitle: String
        public let number: Int
        public let authorName: String
        public let createdAt: Date
        public let answered: Bool
        /// Plain text with `SearchHighlight` marks around the matched words.
        public let snippet: String
        public init(threadID: String, threadTitle: String, number: Int, authorName: String, createdAt: Date, answered: Bool, snippet: String) {
            self.threadID = threadID; self.threadTitle = threadTitle; self.number = number; self.authorName = authorName
            self.createdAt = createdAt; self.answered = answered; self.snippet = snippet
        }
    }
    public var place: ForumPlace
    public var query: String
    public var spaces: [(id: String, title: String)]
    public var spaceID: String?
    /// "answered", "unanswered" or nil.
    public var state: String?
    public var mine: Bool
    public var hits: [Hit]
    public var page: Int
    public var hasMore: Bool
    public init(place: ForumPlace, query: String, spaces: [(id: String, title: String)], spaceID: String?, state: String?, mine: Bool,
                hits: [Hit], page: Int, hasMore: Bool) {
        self.place = place; self.query = query; self.spaces = spaces; self.spaceID = spaceID; self.state = state; self.mine = mine
        self.hits = hits; self.page = page; self.hasMore = hasMore
    }
}

public struct ForumReportsModel: Sendable {
    public struct Report: Sendable {
        public let id: String
        public let threadID: String
        public let threadTitle: String
        public let number: Int
        public let authorName: String
        public let excerpt: String
        public let reporterName: String
        public let reason: String
        public let createdAt: Date
        public let status: String
        public let handledBy: String?
        public init(id: String, threadID: String, threadTitle: String, number: Int, authorName: String, excerpt: String, reporterName: String,
                    reason: String, createdAt: Date, status: String, handledBy: String?) {
            self.id = id; self.threadID = threadID; self.threadTitle = threadTitle; self.number = number; self.authorName = authorName
            self.excerpt = excerpt; self.reporterName = reporterName; self.reason = reason; self.createdAt = createdAt
            self.status = status; self.handledBy = handledBy
        }
    }
    public var place: ForumPlace
    public var open: [Report]
    public var handled: [Report]
    public init(place: ForumPlace, open: [Report], handled: [Report]) { self.place = place; self.open = open; self.handled = handled }
}

extension ForumPages {
    /// The snippet with its matched words in `<mark>`; every piece escaped.
    static func highlighted(_ snippet: String) -> HTML {
        HTML {
            for piece in SearchHighlight.pieces(snippet) {
                if piece.marked { mark { piece.text } } else { piece.text }
            }
        }
    }

    public static func search(_ model: ForumSearchModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        let action = SiteRoute.forumSearch(place.organizationID, place.cohortID).path
        return Layout.page(title: model.query.isEmpty ? "Search the forum" : "“\(model.query)” · Forum", context) {
            breadcrumb(place)
            h1 { "Search the forum" }
            form(.method("get"), .action(action), .class("card search-form"), .role("search")) {
                Form.field("Words to find", name: "q", type: "search", value: model.query, required: false)
                Form.select("Space", name: "space", options: [("", "All spaces")] + model.spaces.map { ($0.id, $0.title) }, selected: model.spaceID ?? "")
                Form.select("Questions", name: "state", options: [("", "All threads"), ("unanswered", "Unanswered questions"), ("answered", "Answered questions")],
                            selected: model.state ?? "")
                div(.class("field checkbox")) {
                    input(.type("checkbox"), .name("mine"), .id("mine"), .value("on"), .checked(model.mine))
                    label(.for("mine")) { "Only my threads and posts" }
                }
                Form.submit("Search")
            }
            if !model.query.isEmpty {
                if model.hits.isEmpty {
                    p(.class("empty")) { "Nothing found. Try fewer or shorter words." }
                } else {
                    ol(.class("search-results")) {
                        for hit in model.hits {
                            li(.class("card")) {
                                a(.href(SiteRoute.forumThread(place.organizationID, place.cohortID, hit.threadID).path
                                        + "?page=\(ForumInput.page(ofPost: hit.number))#post-\(hit.number)"), .class("conversation-title")) { hit.threadTitle }
                                p(.class("meta")) {
                                    "Post \(hit.number) by \(hit.authorName) · \(DateText.dayAndTime(hit.createdAt))"
                                    if hit.answered { " · "; span(.class("answered")) { "Answered" } }
                                }
                                p(.class("snippet")) { highlighted(hit.snippet) }
                            }
                        }
                    }
                }
                if model.page > 1 || model.hasMore {
                    nav(.class("page-links"), .ariaLabel("More results")) {
                        if model.page > 1 { a(.href(searchLink(model, page: model.page - 1, base: action))) { "Previous results" } }
                        if model.hasMore { a(.href(searchLink(model, page: model.page + 1, base: action))) { "More results" } }
                    }
                }
            }
        }
    }

    static func searchLink(_ model: ForumSearchModel, page: Int, base: String) -> String {
        var items = [URLQueryItem(name: "q", value: model.query), URLQueryItem(name: "page", value: "\(page)")]
        if let space = model.spaceID { items.append(.init(name: "space", value: space)) }
        if let state = model.state { items.append(.init(name: "state", value: state)) }
        if model.mine { items.append(.init(name: "mine", value: "on")) }
        var components = URLComponents()
        components.queryItems = items
        return base + "?" + (components.percentEncodedQuery ?? "")
    }

    public static func reports(_ model: ForumReportsModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        func entry(_ report: ForumReportsModel.Report, open: Bool) -> HTML {
            li(.class("card")) {
                a(.href(SiteRoute.forumThread(place.organizationID, place.cohortID, report.threadID).path
                        + "?page=\(ForumInput.page(ofPost: report.number))#post-\(report.number)")) { "\(report.threadTitle), post \(report.number)" }
                p(.class("meta")) { "Written by \(report.authorName) · reported by \(report.reporterName) · \(DateText.dayAndTime(report.createdAt))" }
                blockquote(.class("reply-context")) { report.excerpt }
                p { strong { "Reason: " }; report.reason }
                if open {
                    div(.class("toolbar")) {
                        a(.href(SiteRoute.forumPost(place.organizationID, place.cohortID, report.threadID, number: report.number, .hide).path),
                          .class("button button-small")) { "Hide the post" }
                        postButton("Dismiss", action: SiteRoute.forumReportDismiss(place.organizationID, place.cohortID, report.id).path,
                                   csrf: context.csrfToken)
                    }
                } else {
                    p(.class("meta")) { report.status == ReportStatusText.hidden ? "Post hidden" : "Dismissed"; if let by = report.handledBy { " by \(by)" } }
                }
            }
        }
        return Layout.page(title: "Reports · Forum", context) {
            breadcrumb(place)
            h1 { "Reported posts" }
            if model.open.isEmpty { p(.class("empty")) { "No report waits for you." } } else {
                ol(.class("conversation-list")) { for report in model.open { entry(report, open: true) } }
            }
            if !model.handled.isEmpty {
                h2 { "Handled" }
                ol(.class("conversation-list")) { for report in model.handled { entry(report, open: false) } }
            }
        }
    }
}

/// Report statuses as the page receives them.
public enum ReportStatusText {
    public static let hidden = "hidden"
}
