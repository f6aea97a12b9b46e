/// Which link and image URLs Markdown keeps: an allow list, stricter than the page-wide deny list
/// of `URLSanitizer`, because authors need web pages, e-mail and pages of this site, and anything
/// else (`javascript:`, `vbscript:`, `data:`, `file:`, app schemes) is either code or a surprise.
/// A refused URL is not replaced: the link's text (or the image's alt text) is shown without it.
///
/// - Kept: absolute `http:` and `https:`, `mailto:` for links (not images), and relative URLs:
///   `/path`, `path`, `../up`, `?query`, `#fragment`, and protocol-relative `//host/path`, which
///   inherits the page's https and so is an ordinary external link.
/// - The scheme is read as a browser reads it (`URLSanitizer.scheme(of:)`: ASCII case folded,
///   whitespace and control characters skipped). Character references and backslash escapes were
///   already decoded by the parser and the writer escapes `&`, so what is checked is exactly what
///   the browser will see: `jav&#x61;script:` is checked as `javascript:`.
/// - Refused outright: any ASCII control character (browsers drop tabs and newlines, which is how
///   `java\tscript:` hides; no real link needs one), and a ':' before the first '/', '?' or '#'
///   when the scheme is not allowed, even one a browser would not read as a scheme
///   (`%6Aavascript:`, `java\u{200B}script:`): such a relative URL is ambiguous and never needed.
/// - Percent-encoding is left alone: browsers never decode a scheme, so `javascript%3Aalert(1)` is
///   a harmless relative path.
enum MarkdownURLPolicy {
    enum Use { case link, image }

    /// An accepted URL, ready for `href`/`src` (spaces percent-encoded).
    struct Destination: Equatable {
        let url: String
        /// Leaves the site (http, https or protocol-relative): gets `rel="noopener noreferrer
        /// nofollow"`, so the target page cannot script the opener, learns nothing of where the
        /// learner came from, and the link gives spammers no search ranking.
        let isExternal: Bool
    }

    static func check(_ url: String, for use: Use) -> Destination? {
        guard !url.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        let scheme = URLSanitizer.scheme(of: url)?.name
        let allowed: Set<String> = use == .link ? ["http", "https", "mailto"] : ["http", "https"]
        if let scheme, !allowed.contains(scheme) { return nil }
        if scheme == nil, hasColonBeforePath(url) { return nil }
        let encoded = url.replacing(" ", with: "%20")
        return Destination(url: encoded, isExternal: scheme == "http" || scheme == "https" || isProtocolRelative(url))
    }

    private static func hasColonBeforePath(_ url: String) -> Bool {
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): return false
            default: continue
            }
        }
        return false
    }

    /// `//host`, and `\\host` or `/\host`, which browsers read the same way for http(s) pages.
    private static func isProtocolRelative(_ url: String) -> Bool {
        let start = url.utf8.drop { $0 == 0x20 }.prefix(2)
        return start.count == 2 && start.allSatisfy { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
    }
}
