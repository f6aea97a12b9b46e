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
}
