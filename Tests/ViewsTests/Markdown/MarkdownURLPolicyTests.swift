import Testing
@testable import Views

@Suite("Markdown URL policy")
struct MarkdownURLPolicyTests {
    static let kept: [(url: String, external: Bool)] = [
        ("http://example.com", true), ("https://example.com/a?b#c", true), ("HTTPS://EXAMPLE.COM", true),
        ("mailto:a@b.c", false), ("/courses/12", false), ("courses/12", false), ("../up", false),
        ("#fragment", false), ("?page=2", false), ("", false), ("//cdn.example.com/a", true),
        ("/\\evil.example", true), ("/search?q=javascript:x", false), ("./javascript:x", false),
        ("javascript%3Aalert(1)", false), ("a b", false),
    ]

    static let refused = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x", "java\nscript:x",
        "\u{1}javascript:x", "javascript :x", "vbscript:msgbox(1)", "data:text/html,<script>",
        "data:image/png;base64,AA",
        "file:///etc/passwd", "ftp://example.com", "tel:+331234", "blob:https://x", "%6Aavascript:alert(1)",
        "java\u{200B}script:alert(1)", "java\\script:x", "\\u006aavascript:x", ":no-scheme", "https\u{7F}://x",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:x",
    ]

    @Test(arguments: kept)
    func keepsWebMailAndRelativeURLs(url: String, external: Bool) {
        let destination = MarkdownURLPolicy.check(url, for: .link)
        #expect(destination?.url == url.replacing(" ", with: "%20"))
        #expect(destination?.isExternal == external)
    }

    @Test(arguments: refused)
    func refusesEverythingElse(url: String) {
        #expect(MarkdownURLPolicy.check(url, for: .link) == nil)
        #expect(MarkdownURLPolicy.check(url, for: .image) == nil)
    }

    @Test func imagesTakeWebAndRelativeURLsOnly() {
        #expect(MarkdownURLPolicy.check("mailto:a@b.c", for: .image) == nil)
        #expect(MarkdownURLPolicy.check("https://example.com/a.png", for: .image)?.isExternal == true)
        #expect(MarkdownURLPolicy.check("/a.png", for: .image)?.isExternal == false)
    }

    @Test func theCheckerReadsSchemesAsABrowserDoes() {
        #expect(MarkupChecker.browserScheme(" \tJava\nScript:x") == "javascript")
        #expect(MarkupChecker.browserScheme("/a:b") == nil)
        #expect(MarkupChecker.checkURL("java\tscript:x", attribute: "href") != nil)
        #expect(MarkupChecker.checkURL("https://x", attribute: "href") == nil)
    }
}
