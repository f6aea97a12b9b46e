import Testing
@testable import Views

/// Exact HTML for each inline construct (wrapped in the paragraph it appears in).
@Suite("Markdown inlines")
struct MarkdownInlineTests {
    static let rel = " rel=\"noopener noreferrer nofollow\""

    static let emphasis: [(String, String)] = [
        ("*em* and _em_", "<em>em</em> and <em>em</em>"),
        ("**strong** and __strong__", "<strong>strong</strong> and <strong>strong</strong>"),
        ("***both***", "<em><strong>both</strong></em>"),
        ("*a **b** c*", "<em>a <strong>b</strong> c</em>"),
        ("*foo**bar**baz*", "<em>foo<strong>bar</strong>baz</em>"),
        ("snake_case_name", "snake_case_name"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("*unclosed and **also", "*unclosed and **also"),
        ("~~gone~~ ~one~ ~~~three~~~", "<del>gone</del> ~one~ ~~~three~~~"),
        ("\\*not em\\*", "*not em*"),
    ]

    static let code: [(String, String)] = [
        ("`a < b`", "<code>a &lt; b</code>"),
        ("`` a`b ``", "<code>a`b</code>"),
        ("`*not em*` *em*", "<code>*not em*</code> <em>em</em>"),
        ("`unclosed", "`unclosed"),
        ("`multi\nline`", "<code>multi line</code>"),
        ("\\`not code`", "`not code`"),
    ]

    static let links: [(String, String)] = [
        ("[link](/path \"Title\")", "<a href=\"/path\" title=\"Title\">link</a>"),
        ("[ext](https://example.com/a?b=1&c=2)", "<a href=\"https://example.com/a?b=1&amp;c=2\"\(rel)>ext</a>"),
        ("[mail](mailto:a@example.com)", "<a href=\"mailto:a@example.com\">mail</a>"),
        ("[f](#part) [q](?page=2) [r](lesson/2) [u](../up)",
         "<a href=\"#part\">f</a> <a href=\"?page=2\">q</a> <a href=\"lesson/2\">r</a> <a href=\"../up\">u</a>"),
        ("[cdn](//cdn.example.com/x)", "<a href=\"//cdn.example.com/x\"\(rel)>cdn</a>"),
        ("[sp](<a b.html> 'T')", "<a href=\"a%20b.html\" title=\"T\">sp</a>"),
        ("[p](/wiki/Swift_(language))", "<a href=\"/wiki/Swift_(language)\">p</a>"),
        ("[*em* `code`](/x)", "<a href=\"/x\"><em>em</em> <code>code</code></a>"),
        ("[empty]()", "<a href=\"\">empty</a>"),
        ("[a [b](/x)](/y)", "[a <a href=\"/x\">b</a>](/y)"),
        ("[not a link] (/x)", "[not a link] (/x)"),
        ("[x](javascript:alert(1)) done", "x done"),
        ("[x](/a \"t\\\"q\")", "<a href=\"/a\" title=\"t&quot;q\">x</a>"),
        ("[&copy;](/a&amp;b)", "<a href=\"/a&amp;b\">©</a>"),
    ]

    static let references: [(String, String)] = [
        ("[full][One] [collapsed][] [shortcut]\n\n[one]: /1 \"First\"\n[collapsed]: https://c.example\n"
             + "[SHORTCUT]: <../s>",
         "<a href=\"/1\" title=\"First\">full</a> <a href=\"https://c.example\"\(rel)>collapsed</a> "
             + "<a href=\"../s\">shortcut</a>"),
        ("[undefined] [x][nope]\n\n[x]: /x", "[undefined] [x][nope]"),
        ("[a]\n\n[a]: /first\n[a]: /second", "<a href=\"/first\">a</a>"),
    ]

    static let images: [(String, String)] = [
        ("![alt *text*](/img.png \"T\")", "<img src=\"/img.png\" alt=\"alt text\" title=\"T\">"),
        ("![logo](https://example.com/l.png)", "<img src=\"https://example.com/l.png\" alt=\"logo\">"),
        ("[![i](/i.png)](/page)", "<a href=\"/page\"><img src=\"/i.png\" alt=\"i\"></a>"),
        ("![a \"quote\"](/q.png)", "<img src=\"/q.png\" alt=\"a &quot;quote&quot;\">"),
        ("![refused](javascript:alert(1))", "refused"),
        ("![mail](mailto:a@b.c)", "mail"),
    ]

    static let autolinks: [(String, String)] = [
        ("<https://example.com/a?b=1&c=2>",
         "<a href=\"https://example.com/a?b=1&amp;c=2\"\(rel)>https://example.com/a?b=1&amp;c=2</a>"),
        ("<someone@example.co.uk>", "<a href=\"mailto:someone@example.co.uk\">someone@example.co.uk</a>"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        ("<not an autolink>", "&lt;not an autolink&gt;"),
        ("https://bare.example", "https://bare.example"),
    ]

    static let text: [(String, String)] = [
        ("<b>raw</b> & <!-- c -->", "&lt;b&gt;raw&lt;/b&gt; &amp; &lt;!-- c --&gt;"),
        ("&copy; &#65; &#x42; &mdash; &bogus; &#0; &#xD800;", "© A B — &amp;bogus; \u{FFFD} \u{FFFD}"),
        ("\\\\ \\a \\<", "\\ \\a &lt;"),
        ("it's \"quoted\"", "it&#39;s &quot;quoted&quot;"),
        ("naïve 日本語 🎨", "naïve 日本語 🎨"),
        ("nul\u{0}byte", "nul\u{FFFD}byte"),
    ]

    static let all: [(String, String)] = [emphasis, code, links, references, images, autolinks, text].flatMap { $0 }

    @Test(arguments: all)
    func rendersExactly(markdown: String, inline: String) {
        #expect(Markdown.render(markdown).rawValue == "<p>\(inline)</p>\n")
    }
}
