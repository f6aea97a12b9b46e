import Domain
import Foundation
import Routes

/// The notification centre: what happened for the person, newest first, unread ones marked.
public struct NotificationsPageModel: Sendable {
    public struct Item: Sendable {
        public let id: String
        public let headline: String
        public let excerpt: String
        public let url: String
        public let at: Date
        public let isRead: Bool
        /// Named when the person belongs to several organizations.
        public let organization: String?
        public init(id: String, headline: String, excerpt: String, url: String, at: Date, isRead: Bool, organization: String?) {
            self.id = id; self.headline = headline; self.excerpt = excerpt; self.url = url; self.at = at; self.isRead = isRead
            self.organization = organization
        }
    }

    public var items: [Item]
    public var unread: Int { items.filter { !$0.isRead }.count }
    public var emailSummary: String

    public init(items: [Item], emailSummary: String) {
        self.items = items
        self.emailSummary = emailSummary
    }
}

public enum NotificationsPage {
    public static func render(_ model: NotificationsPageModel, _ context: LayoutContext) -> [UInt8] {
        Layout.page(title: "Notifications", context) {
            div(.class("heading-row")) {
                h1 { "Notifications" }
                if model.unread > 0 {
                    form(.method("post"), .action(SiteRoute.notificationsReadAll.path)) {
                        Form.csrf(context.csrfToken)
                        button(.type("submit"), .class("button-small button-secondary")) { "Mark all as read" }
                    }
                }
            }
            p(.class("meta")) {
                model.emailSummary + " "
                a(.href(SiteRoute.profile.path + "#notifications")) { "Change" }
            }
            if model.items.isEmpty {
                p(.class("empty")) { "Nothing yet. Private messages and mentions of you show up here." }
            } else {
                ul(.class("notification-list"), .id("notification-list")) {
                    for item in model.items {
                        li(.class(item.isRead ? "card notification" : "card notification unread")) {
                            a(.href(item.url), .class("notification-title")) { item.headline }
                            if !item.isRead { span(.class("visually-hidden")) { " (unread)" } }
                            p(.class("excerpt")) { item.excerpt }
                            p(.class("meta")) {
                                DateText.dayAndTime(item.at)
                                if let organization = item.organization { " · \(organization)" }
                            }
                            if !item.isRead {
                                form(.method("post"), .action(SiteRoute.notificationRead(item.id).path), .class("inline")) {
                                    Form.csrf(context.csrfToken)
                                    button(.type("submit"), .class("button-link")) { "Mark as read" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The notification settings, on the profile page.
    public static func settings(_ preferences: NotificationPreferences, state: Form.State, csrfToken: String) -> HTML {
        section(.class("card"), .id("notifications"), .ariaLabel("Notifications")) {
            h2 { "E-mail notifications" }
            p { "What you have not read in Atelier after a while can be sent to you by e-mail, all in one message." }
            Form.errorSummary(state)
            form(.method("post"), .action(SiteRoute.profileNotifications.path)) {
                Form.csrf(csrfToken)
                Form.select("Send an e-mail if still unread", name: "delay",
                            options: NotificationPreferences.delayChoices.map { (String($0), NotificationPreferences.describe(delay: $0)) }
                                + [("never", NotificationPreferences.describe(delay: nil))],
                            selected: preferences.emailDelayMinutes.map(String.init) ?? "never", state: state)
                fieldset(.class("field")) {
                    legend { "About" }
                    for kind in NotificationKind.allCases {
                        div {
                            label(.class("check")) {
                                input(.type("checkbox"), .name("email_\(kind.rawValue)"), .value("on"),
                                      .checked(!preferences.mutedKinds.contains(kind)))
                                kind.label
                            }
                        }
                    }
                }
                Form.submit("Save e-mail settings")
            }
        }
    }
}

/// The page an e-mail's unsubscribe link opens, signed in or not: it asks before it stops
/// anything (mail scanners open links), then says what it did.
public enum UnsubscribePage {
    public static func render(email: String, kinds: [String], token: String, done: Bool, _ context: LayoutContext) -> [UInt8] {
        let what = kinds.joined(separator: " and ").lowercased()
        return Layout.page(title: "E-mail notifications", context) {
            section(.class("card narrow")) {
                h1 { "E-mail notifications" }
                if done {
                    p(.role("status")) { "Done: \(email) gets no more e-mail about \(what)." }
                    p { "You still see them in Atelier, under Notifications. To change this again, sign in and open your profile." }
                } else {
                    p { "Stop e-mails to \(email) about \(what)?" }
                    form(.method("post"), .action(SiteRoute.unsubscribe(token: token).path)) {
                        Form.csrf(context.csrfToken)
                        Form.submit("Stop these e-mails")
                    }
                }
                p { a(.href(SiteRoute.profile.path + "#notifications")) { "All e-mail settings (sign in)" } }
            }
        }
    }
}
