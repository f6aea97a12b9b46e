import Testing
@testable import Views

/// Exact HTML for each block construct.
@Suite("Markdown blocks")
struct MarkdownBlockTests {
    static let headings: [(String, String)] = [
        ("# Title", "<h2>Title</h2>\n"),
        ("## Closed ##", "<h3>Closed</h3>\n"),
        ("### Three\n#### Four", "<h4>Three</h4>\n<h5>Four</h5>\n"),
        ("##### Five", "<h6>Five</h6>\n"),
        ("###### Six", "<h6>Six</h6>\n"),
        ("####### Seven", "<p>####### Seven</p>\n"),
        ("#hashtag", "<p>#hashtag</p>\n"),
        ("\\# Not a heading", "<p># Not a heading</p>\n"),
        ("#", "<h2></h2>\n"),
        ("# C# #", "<h2>C#</h2>\n"),
        ("Title\n=====", "<h2>Title</h2>\n"),
        ("Sub *title*\n---", "<h3>Sub <em>title</em></h3>\n"),
    ]

    static let paragraphs: [(String, String)] = [
        ("one\ntwo", "<p>one\ntwo</p>\n"),
        ("one\n\n\ntwo", "<p>one</p>\n<p>two</p>\n"),
        ("  indented a little\n   still", "<p>indented a little\nstill</p>\n"),
        ("hard  \nbreak", "<p>hard<br>\nbreak</p>\n"),
        ("hard\\\nbreak", "<p>hard<br>\nbreak</p>\n"),
        ("trailing spaces  ", "<p>trailing spaces</p>\n"),
        ("a\r\nb\rc", "<p>a\nb\nc</p>\n"),
        ("a\n***\nb", "<p>a</p>\n<hr>\n<p>b</p>\n"),
        ("---\n* * *\n_  _  _", "<hr>\n<hr>\n<hr>\n"),
        ("", ""),
    ]

    static let code: [(String, String)] = [
        ("```swift\nlet x = 1 < 2 && y\n```",
         "<pre><code class=\"language-swift\">let x = 1 &lt; 2 &amp;&amp; y\n</code></pre>\n"),
        ("~~~\ncode\n\n  more\n~~~", "<pre><code>code\n\n  more\n</code></pre>\n"),
        ("```C++ extra words\nx\n```", "<pre><code class=\"language-c++\">x\n</code></pre>\n"),
        ("```\"><b>\nx\n```", "<pre><code class=\"language-b\">x\n</code></pre>\n"),
        ("````\n```\n````", "<pre><code>```\n</code></pre>\n"),
        ("  ```\n  a\n b\n```", "<pre><code>a\nb\n</code></pre>\n"),
        ("```\nunclosed", "<pre><code>unclosed\n</code></pre>\n"),
        ("    indented\n      code\n\n    more\n", "<pre><code>indented\n  code\n\nmore\n</code></pre>\n"),
        ("para\n    not code", "<p>para\nnot code</p>\n"),
        ("``` a`b\nx", "<p>``` a`b\nx</p>\n"),
    ]

    static let quotes: [(String, String)] = [
        ("> quote\n> more", "<blockquote>\n<p>quote\nmore</p>\n</blockquote>\n"),
        ("> lazy\ncontinued", "<blockquote>\n<p>lazy\ncontinued</p>\n</blockquote>\n"),
        ("> a\n> > b", "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n"),
        ("> # Head\n> - item", "<blockquote>\n<h2>Head</h2>\n<ul>\n<li>item</li>\n</ul>\n</blockquote>\n"),
        (">a\n\n>b", "<blockquote>\n<p>a</p>\n</blockquote>\n<blockquote>\n<p>b</p>\n</blockquote>\n"),
        ("> a\n---", "<blockquote>\n<p>a</p>\n</blockquote>\n<hr>\n"),
    ]

    static let lists: [(String, String)] = [
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"),
        ("* a\n+ b", "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n"),
        ("1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"),
        ("3) c\n4) d", "<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n"),
        ("- a\n\n- b", "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"),
        ("- a\n\n  b", "<ul>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n</ul>\n"),
        ("- a\n  - b\n    - c\n- d",
         "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n"),
        ("1. one\n   - sub\n2. two", "<ol>\n<li>one\n<ul>\n<li>sub</li>\n</ul>\n</li>\n<li>two</li>\n</ol>\n"),
        ("- lazy\ncontinued", "<ul>\n<li>lazy\ncontinued</li>\n</ul>\n"),
        ("- a\n  - b\nlazy", "<ul>\n<li>a\n<ul>\n<li>b\nlazy</li>\n</ul>\n</li>\n</ul>\n"),
        ("> - a\n> - b\nlazy", "<blockquote>\n<ul>\n<li>a</li>\n<li>b\nlazy</li>\n</ul>\n</blockquote>\n"),
        ("- ```\n  code\n  ```", "<ul>\n<li>\n<pre><code>code\n</code></pre>\n</li>\n</ul>\n"),
        ("- > quoted", "<ul>\n<li>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n</li>\n</ul>\n"),
        ("-", "<ul>\n<li></li>\n</ul>\n"),
        ("- a\n\nafter", "<ul>\n<li>a</li>\n</ul>\n<p>after</p>\n"),
        ("text\n- item", "<p>text</p>\n<ul>\n<li>item</li>\n</ul>\n"),
        ("in\n1984. was a year", "<p>in\n1984. was a year</p>\n"),
        ("-not a list", "<p>-not a list</p>\n"),
        ("- a\n- - -\n- b", "<ul>\n<li>a</li>\n</ul>\n<hr>\n<ul>\n<li>b</li>\n</ul>\n"),
    ]

    static let tables: [(String, String)] = [
        ("| a | b | c |\n|:--|:-:|--:|\n| 1 | *2* | 3 |",
         "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"center\">b</th>\n<th align=\"right\">c</th>\n"
             + "</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"center\"><em>2</em></td>\n"
             + "<td align=\"right\">3</td>\n</tr>\n</tbody>\n</table>\n"),
        ("a | b\n--|--\n`x\\|y` | 2 | extra\nshort",
         "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><code>x|y</code></td>\n"
             + "<td>2</td>\n</tr>\n<tr>\n<td>short</td>\n</tr>\n</tbody>\n</table>\n"),
        ("| only |\n| --- |", "<table>\n<thead>\n<tr>\n<th>only</th>\n</tr>\n</thead>\n</table>\n"),
        ("para\n| a |\n| - |\n| 1 |\n\nnext",
         "<p>para</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n"
             + "</tbody>\n</table>\n<p>next</p>\n"),
        ("| a | b |\n| - |", "<p>| a | b |\n| - |</p>\n"),
    ]

    static let all: [(String, String)] = [headings, paragraphs, code, quotes, lists, tables].flatMap { $0 }

    @Test(arguments: all)
    func rendersExactly(markdown: String, html: String) {
        #expect(Markdown.render(markdown).rawValue == html)
    }
}
