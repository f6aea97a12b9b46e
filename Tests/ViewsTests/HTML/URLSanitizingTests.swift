import Testing
@testable import Views

@Suite("URL attribute sanitizing")
struct URLSanitizingTests {
    static let blocked = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:x", "\u{1}javascript:x", "javascript :x", "vbscript:msgbox(1)", "VBScript:x",
        "data:text/html,<script>alert(1)</script>", "DATA:text/html;base64,PHNjcmlwdD4=",
        "data:image/svg+xml;base64,PHN2Zz4=",
    ]

    static let allowed = [
        "http://example.com/a?b=c", "https://example.com/", "HTTPS://EXAMPLE.COM", "mailto:a@b.c",
        "tel:+33123456789", "/courses/12", "courses/12", "../up", "#fragment", "?page=2", "",
        "/search?q=javascript:x", "./javascript:x",
    ]

    @Test(arguments: blocked)
    func blockedInEveryURLAttribute(url: String) {
        #expect(a(.href(url)).render() == "<a href=\"#\"></a>")
        #expect(img(.src(url)).render() == "<img src=\"#\">")
        #expect(form(.action(url)).render() == "<form action=\"#\"></form>")
    }

    @Test(arguments: allowed)
    func allowedURLsAreKept(url: String) {
        #expect(HTMLScanner.scan(a(.href(url)).render()).first?.attributes.first?.value == url)
        #expect(HTMLScanner.scan(img(.src(url)).render()).first?.attributes.first?.value == url)
        #expect(HTMLScanner.scan(form(.action(url)).render()).first?.attributes.first?.value == url)
    }

    @Test(arguments: ["png", "jpeg", "gif", "webp", "PNG"])
    func rasterImageDataOnlyInSrc(format: String) {
        let url = "data:image/\(format);base64,iVBORw0KGgo="
        #expect(img(.src(url)).render() == "<img src=\"\(url)\">")
        #expect(a(.href(url)).render() == "<a href=\"#\"></a>")
    }

    @Test func sanitizedURLIsStillEscaped() {
        #expect(a(.href("/a?x=1&y=\"2\"")).render() == "<a href=\"/a?x=1&amp;y=&quot;2&quot;\"></a>")
    }
}
