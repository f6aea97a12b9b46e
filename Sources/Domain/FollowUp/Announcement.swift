import Foundation

/// A message from a cohort's staff to the whole cohort (Markdown), in the bell and by e-mail;
/// pinned ones stay at the top of the cohort's page.
public struct AnnouncementInput: Sendable, Equatable {
    public let title: String
    public let body: String
    public let pinned: Bool

    public static let maximumTitleLength = 160
    public static let maximumBodyLength = 10_000

    public init(title: String, body: String, pinned: Bool) {
        self.title = title
        self.body = body
        self.pinned = pinned
    }

    /// `pinned`: the checkbox's value ("on") or nothing.
    public static func check(title: String?, body: String?, pinned: String?) throws(ValidationErrors) -> AnnouncementInput {
        var v = Validator()
        let title = v.text(title, field: "title", max: maximumTitleLength)
        let body = v.text(body?.replacingOccurrences(of: "\r\n", with: "\n"), field: "body", max: maximumBodyLength, multiline: true)
        if !v.errors.isEmpty { throw ValidationErrors(v.errors) }
        return AnnouncementInput(title: title, body: body, pinned: pinned == "on" || pinned == "true")
    }
}
