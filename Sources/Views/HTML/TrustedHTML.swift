/// Markup that is emitted as is: the only way to put raw HTML in a page.
///
/// Only two kinds of code create one: the sanitizing Markdown renderer (its output is stored when a
/// text is saved and shown later) and compile-time constants written in this code base, such as
/// inline SVG icons. The initializer is `package` so that nothing outside this package, and no value
/// that arrived in a request, can become markup by accident; grep `TrustedHTML(sanitized:` to audit.
public struct TrustedHTML: Sendable, Equatable {
    /// The markup, exactly as it will be written into the page.
    public let rawValue: String

    /// `sanitized` must already be safe markup: sanitized user content or a constant from code.
    package init(sanitized: String) {
        self.rawValue = sanitized
    }
}
