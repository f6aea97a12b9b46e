/// The words of every e-mail: a subject, a plain-text body and an HTML body.
public struct MailContent: Sendable, Equatable {
    public let subject: String
    public let text: String
    public let html: String
}

public enum MailTemplates {
    public static func invitation(organization: String, inviter: String, name: String, link: String) -> MailContent {
        let subject = "You're invited to \(organization) on Atelier"
        let text = """
        Hello \(name),

        \(inviter) invited you to join \(organization) on Atelier, where your training takes place.

        Open this link to choose your password and get started:
        \(link)

        The link works once and expires in 14 days. If you did not expect this invitation, ignore this e-mail.
        """
        let html = div {
            p { "Hello \(name)," }
            p { "\(inviter) invited you to join "; strong { organization }; " on Atelier, where your training takes place." }
            p { a(.href(link)) { "Accept the invitation" } }
            p { "The link works once and expires in 14 days. If you did not expect this invitation, ignore this e-mail." }
        }.render()
        return MailContent(subject: subject, text: text, html: html)
    }

    public static func passwordReset(name: String, link: String) -> MailContent {
        let subject = "Reset your Atelier password"
        let text = """
        Hello \(name),

        Someone asked to reset the password of your Atelier account. To choose a new one, open:
        \(link)

        The link works once, for one hour. If it was not you, ignore this e-mail: your password stays as it is.
        """
        let html = div {
            p { "Hello \(name)," }
            p { "Someone asked to reset the password of your Atelier account." }
            p { a(.href(link)) { "Choose a new password" } }
            p { "The link works once, for one hour. If it was not you, ignore this e-mail: your password stays as it is." }
        }.render()
        return MailContent(subject: subject, text: text, html: html)
    }

    /// One unread notification in a mail.
    public struct NotificationItem: Sendable {
        public let headline: String
        public let excerpt: String
        public let link: String
        /// Named when the person belongs to several organizations.
        public let organization: String?
        public init(headline: String, excerpt: String, link: String, organization: String?) {
            self.headline = headline; self.excerpt = excerpt; self.link = link; self.organization = organization
        }
    }

    /// What a person has not read, batched in one mail; `kinds` names what the unsubscribe link stops.
    public static func notifications(name: String, items: [NotificationItem], kinds: [String], settingsLink: String,
                                     unsubscribeLink: String) -> MailContent {
        let subject = items.count == 1 ? items[0].headline : "\(items.count) things you have not read on Atelier"
        func where_(_ item: NotificationItem) -> String { item.organization.map { " (\($0))" } ?? "" }
        let list = items.map { item in
            "* \(item.headline)\(where_(item))\n  “\(item.excerpt)”\n  \(item.link)"
        }.joined(separator: "\n\n")
        let stops = kinds.joined(separator: " and ").lowercased()
        let text = """
        Hello \(name),

        While you were away:

        \(list)

        You get this e-mail because these were still unread. Choose when and about what Atelier e-mails you:
        \(settingsLink)
        Stop e-mails about \(stops): \(unsubscribeLink)
        """
        let html = div {
            p { "Hello \(name)," }
            p { "While you were away:" }
            ul {
                for item in items {
                    li {
                        a(.href(item.link)) { item.headline }
                        where_(item)
                        br()
                        "“\(item.excerpt)”"
                    }
                }
            }
            p {
                small {
                    "You get this e-mail because these were still unread. "
                    a(.href(settingsLink)) { "Choose when and about what Atelier e-mails you" }
                    " · "
                    a(.href(unsubscribeLink)) { "Stop e-mails about \(stops)" }
                }
            }
        }.render()
        return MailContent(subject: subject, text: text, html: html)
    }
}
