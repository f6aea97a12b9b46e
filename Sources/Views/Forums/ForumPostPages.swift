import Domain
import Foundation
import Routes

/// A page about one post: edit it, delete it, report it, hide it (each a form that works without
/// JavaScript), or read its history.
public struct ForumPostFormModel: Sendable {
    public var place: ForumPlace
    public var threadID: String
    public var threadTitle: String
    public var number: Int
    public var action: ForumPostAction
    /// The post's author as the reader may see them, and its text.
    public var authorName: String
    public var excerpt: String
    public var state: Form.State
    public init(place: ForumPlace, threadID: String, threadTitle: String, number: Int, action: ForumPostAction, authorName: String,
                excerpt: String, state: Form.State = .empty) {
        self.place = place; self.threadID = threadID; self.threadTitle = threadTitle; self.number = number; self.action = action
        self.authorName = authorName; self.excerpt = excerpt; self.state = state
    }
}

public struct ForumHistoryModel: Sendable {
    public struct Version: Sendable {
        public let body: String
        /// When this text stopped being the post's; nil for the current one.
        public let replacedAt: Date?
        public init(body: String, replacedAt: Date?) { self.body = body; self.replacedAt = replacedAt }
    }
    public var place: ForumPlace
    public var threadID: String
    public var threadTitle: String
    public var number: Int
    public var authorName: String
    public var deleted: Bool
    /// Newest first.
    public var versions: [Version]
    public init(place: ForumPlace, threadID: String, threadTitle: String, number: Int, authorName: String, deleted: Bool, versions: [Version]) {
        self.place = place; self.threadID = threadID; self.threadTitle = threadTitle; self.number = number
        self.authorName = authorName; self.deleted = deleted; self.versions = versions
    }
}

extension ForumPages {
    static func threadLink(_ place: ForumPlace, _ threadID: String, _ title: String, number: Int) -> HTML {
        p(.class("breadcrumb")) {
            a(.href(SiteRoute.forum(place.organizationID, place.cohortID).path)) { "Forum" }
            " › "
            a(.href(SiteRoute.forumThread(place.organizationID, place.cohortID, threadID).path + "?page=\(ForumInput.page(ofPost: number))#post-\(number)")) {
                title
            }
        }
    }

    public static func postForm(_ model: ForumPostFormModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        let action = SiteRoute.forumPost(place.organizationID, place.cohortID, model.threadID, number: model.number, model.action).path
        let (heading, submit): (String, String) = switch model.action {
        case .edit: ("Edit your post", "Save changes")
        case .delete: ("Delete your post?", "Delete post")
        case .report: ("Report this post", "Send report")
        case .hide: ("Hide this post", "Hide post")
        default: ("Post", "Save")
        }
        return Layout.page(title: heading, context, scripts: model.action == .edit ? postScripts : []) {
            threadLink(place, model.threadID, model.threadTitle, number: model.number)
            h1 { heading }
            section(.class("card")) {
                if model.action != .edit {
                    p(.class("meta")) { "Post \(model.number) by \(model.authorName)" }
                    blockquote(.class("reply-context")) { model.excerpt }
                }
                Form.errorSummary(model.state)
                form(.method("post"), .action(action)) {
                    Form.csrf(context.csrfToken)
                    switch model.action {
                    case .edit:
                        postArea("Your post", place: place, state: model.state, rows: 8)
                        p(.class("hint")) { "Staff can see earlier versions of an edited post." }
                    case .delete:
                        p { "Everyone will see “This post was deleted”. This cannot be undone." }
                    case .report:
                        Form.textArea("Why should a moderator look at it?", name: "reason", state: model.state, required: true, rows: 3)
                        p(.class("hint")) { "Only the cohort's trainers and facilitators see reports, and who sent them." }
                    case .hide:
                        Form.textArea("Reason (the author sees it)", name: "reason", state: model.state, required: true, rows: 3)
                    default:
                        HTML {}
                    }
                    Form.submit(submit)
                }
            }
        }
    }

    public static func history(_ model: ForumHistoryModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "History of post \(model.number)", context) {
            threadLink(model.place, model.threadID, model.threadTitle, number: model.number)
            h1 { "History of post \(model.number)" }
            p(.class("lead")) {
                "By \(model.authorName). Only staff see this page."
                if model.deleted { " The author deleted this post; its last text is kept here." }
            }
            ol(.class("post-list")) {
                for version in model.versions {
                    li(.class("card post")) {
                        p(.class("chat-meta")) {
                            if let replaced = version.replacedAt { "Replaced \(DateText.dayAndTime(replaced))" } else { strong { "Current" } }
                        }
                        div(.class("plain-text")) { version.body }
                    }
                }
            }
        }
    }
}

/// "Discuss this" for an activity no one has discussed yet: the first post makes the thread.
public struct ForumDiscussModel: Sendable {
    public var place: ForumPlace
    public var activityID: Activity.ID
    public var activityTitle: String
    public var spaceTitle: String
    public var mayPostAnonymously: Bool
    public var state: Form.State
    public init(place: ForumPlace, activityID: Activity.ID, activityTitle: String, spaceTitle: String, mayPostAnonymously: Bool, state: Form.State) {
        self.place = place; self.activityID = activityID; self.activityTitle = activityTitle; self.spaceTitle = spaceTitle
        self.mayPostAnonymously = mayPostAnonymously; self.state = state
    }
}

extension ForumPages {
    public static func discuss(_ model: ForumDiscussModel, _ context: LayoutContext) -> [UInt8] {
        let place = model.place
        return Layout.page(title: "Discuss “\(model.activityTitle)”", context, scripts: postScripts) {
            breadcrumb(place)
            h1 { "Discuss “\(model.activityTitle)”" }
            p(.class("lead")) { "No one has started a discussion about it yet. Your post starts one, in the “\(model.spaceTitle)” space, linked from the lesson." }
            section(.class("card")) {
                Form.errorSummary(model.state)
                form(.method("post"), .action(SiteRoute.forumDiscuss(place.organizationID, place.cohortID, model.activityID).path)) {
                    Form.csrf(context.csrfToken)
                    threadFields(place, state: model.state, mayPostAnonymously: model.mayPostAnonymously)
                }
            }
        }
    }
}
