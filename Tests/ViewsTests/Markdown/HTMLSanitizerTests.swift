import Foundation
import Testing
@testable import Views

/// HTML from imported questions keeps its formatting and loses everything that could run.
@Suite struct HTMLSanitizerTests {
    @Test(arguments: MarkdownXSSTests.corpus + MarkdownXSSTests.controlCharacterPayloads)
    func payloadSanitizesHarmless(payload: String) {
        for lineBreaks in [false, true] {
            let html = HTMLSanitizer.sanitize(payload, lineBreaks: lineBreaks).rawValue
            #expect(MarkupChecker.problems(in: html) == [], "\(html)")
            #expect(!html.lowercased().contains("<script"))
        }
    }

    @Test(arguments: [
        ("<b>bold</b> and <i>it</i>", "<strong>bold</strong> and <em>it</em>"),
        ("<p class=\"x\" onclick=\"alert(1)\">a</p>", "<p>a</p>"),
        ("<script>alert(1)</script>after", "after"),
        ("<STYLE>p{}</style >x", "x"),
        ("<!-- hidden -->shown", "shown"),
        ("<span title=x>kept text</span>", "kept text"),
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"https://example.org/a\">x</a>", "<a href=\"https://example.org/a\" rel=\"noopener noreferrer nofollow\">x</a>"),
        ("<img src=\"/files/a.png\" alt=\"A &amp; B\" onerror=\"alert(1)\">", "<img src=\"/files/a.png\" alt=\"A &amp; B\">"),
        ("<img src=\"data:image/png;base64,xx\" alt=\"chart\">", "chart"),
        ("<em>never closed", "<em>never closed</em>"),
        ("</p>stray<ul><li>one</ul>", "stray<ul><li>one</li></ul>"),
        ("<h1>Title</h1>", "<h2>Title</h2>"),
        ("<textarea><b>x</b></textarea>y", "y"),
        ("<scriptx>text", "text"),
        ("<a href='/x' title='<b>'>x</a>", "<a href=\"/x\">x</a>"),
        ("x <unclosed", "x "),
        ("&lt;b&gt; is a tag", "&lt;b&gt; is a tag"),
    ])
    func keepsFormattingDropsTheRest(source: String, expected: String) {
        #expect(HTMLSanitizer.sanitize(source).rawValue == expected)
    }

    @Test func deepNestingIsBoundedAndStaysLinear() {
        let hostile = String(repeating: "<b>", count: 100_000) + "x" + String(repeating: "</i>", count: 100_000)
        let html = HTMLSanitizer.sanitize(hostile).rawValue
        #expect(html.components(separatedBy: "<strong>").count - 1 == HTMLSanitizer.maximumDepth)
        #expect(html.hasSuffix(String(repeating: "</strong>", count: HTMLSanitizer.maximumDepth)))
        #expect(MarkupChecker.problems(in: html) == [])
    }

    @Test func moodleLinesBecomeLineBreaks() {
        #expect(HTMLSanitizer.sanitize("one\ntwo <b>3</b>", lineBreaks: true).rawValue == "one<br>two <strong>3</strong>")
        #expect(HTMLSanitizer.plain("<b>a</b>\nb").rawValue == "&lt;b&gt;a&lt;/b&gt;<br>b")
    }
}
