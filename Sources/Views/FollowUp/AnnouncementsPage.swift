import Domain
import Foundation
import Routes

/// One announcement as pages show it.
public struct AnnouncementItem: Sendable {
    public let id: String
    public let title: String
    public let html: TrustedHTML
    public let authorName: String
    public let createdAt: Date
    public let pinned: Bool
    public init(id: String, title: String, html: TrustedHTML, authorName: String, createdAt: Date, pinned: Bool) {
        self.id = id; self.title = title; self.html = html; self.authorName = authorName; self.createdAt = createdAt; self.pinned = pinned
    }
}

public struct AnnouncementsPageModel: Sendable {
    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var items: [AnnouncementItem]
    /// Trainers, facilitators and admins post, pin and delete.
    public var canPost: Bool
    public var state: Form.State
    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, items: [AnnouncementItem], canPost: Bool,
                state: Form.State = .empty) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName; self.items = items
        self.canPost = canPost; self.state = state
    }
}

/// A cohort's announcements, newest first, pinned ones marked; staff write one (Markdown,
/// previewed) and pin or delete them.
public enum AnnouncementsPage {
    public static func render(_ model: AnnouncementsPageModel, _ context: LayoutContext) -> [UInt8] {
        let org = model.organizationID
        return Layout.page(title: "Announcements · \(model.cohortName)", context, scripts: model.canPost ? ["/js/markdown-preview.js"] : []) {
            p(.class("breadcrumb")) { a(.href(SiteRoute.cohort(org, model.cohortID).path)) { model.cohortName } }
            h1 { "Announcements" }
            if model.canPost {
                section(.class("card"), .aria("labelledby", "new-announcement")) {
                    h2(.id("new-announcement")) { "Tell the cohort" }
                    p(.class("hint")) { "Everyone in the cohort sees it in Atelier and gets it by e-mail (as their settings say)." }
                    Form.errorSummary(model.state)
                    form(.method("post"), .action(SiteRoute.announcements(org, model.cohortID, .list).path)) {
                        Form.csrf(context.csrfToken)
                        Form.field("Title", name: "title", state: model.state, autocomplete: "off",
                                   extra: [.maxlength(AnnouncementInput.maximumTitleLength)])
                        Form.textArea("Message (Markdown)", name: "body", state: model.state, required: true, rows: 6,
                                      extra: [.data("preview-target", "announcement-preview"),
                                              .data("preview-url", SiteRoute.forumPreview(org, model.cohortID).path)])
                        div(.class("chat-body post-preview"), .id("announcement-preview"), .ariaLabel("Preview"), .custom("aria-live", "polite")) {}
                        label(.class("check")) {
                            input(.type("checkbox"), .name("pinned"), .value("on"), .checked(model.state.values["pinned"] == "on"))
                            "Pin it at the top of the cohort's page"
                        }
                        Form.submit("Send to the cohort")
                    }
                }
            }
            if model.items.isEmpty {
                p(.class("empty")) { "No announcement yet." }
            } else {
                list(model.items, model: model, csrf: context.csrfToken)
            }
        }
    }

    public static func list(_ items: [AnnouncementItem], model: AnnouncementsPageModel?, csrf: String) -> HTML {
        ul(.class("help-list announcements")) {
            for item in items {
                li(.class(item.pinned ? "card announcement pinned" : "card announcement"), .id("announcement-\(item.id)")) {
                    h3 { item.title }
                    p(.class("meta")) {
                        if item.pinned { span(.class("badge")) { "Pinned" }; " " }
                        "\(item.authorName) · \(DateText.dayAndTime(item.createdAt))"
                    }
                    div(.class("prose")) { item.html }
                    if let model, model.canPost {
                        div(.class("toolbar")) {
                            form(.method("post"), .action(SiteRoute.announcements(model.organizationID, model.cohortID, .pin(item.id)).path),
                                 .class("inline-form")) {
                                Form.csrf(csrf)
                                button(.type("submit"), .class("button-link")) { item.pinned ? "Unpin" : "Pin" }
                            }
                            form(.method("post"), .action(SiteRoute.announcements(model.organizationID, model.cohortID, .delete(item.id)).path),
                                 .class("inline-form")) {
                                Form.csrf(csrf)
                                button(.type("submit"), .class("button-link danger")) { "Delete" }
                            }
                        }
                    }
                }
            }
        }
    }
}
