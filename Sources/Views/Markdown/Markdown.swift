/// Markdown written by users (lessons, posts, messages), rendered to HTML that cannot run script.
///
/// The renderer escapes by construction: it never copies markup from the source. Every character an
/// author typed reaches the page as escaped text, and the only tags and attributes are the ones it
/// writes itself (`MarkupWriter.Tag`, `MarkupWriter.AttributeName`). So raw HTML in the source
/// (`<script>`, `<img onerror=…>`, comments, CDATA) is shown as text, which is also what an author
/// who types `a < b` wants. Link and image URLs pass `MarkdownURLPolicy`, an allow list.
///
/// Supported, CommonMark-like: ATX and setext headings, paragraphs, soft and hard line breaks
/// (two trailing spaces or a backslash), `*em*`/`_em_`, `**strong**`/`__strong__`, `~~strike~~`,
/// code spans, fenced code blocks (``` or ~~~, the info string's first word becoming
/// `class="language-x"` limited to `[a-z0-9+-]`), indented code blocks, nested block quotes,
/// bullet and ordered lists (start number, nesting, tight and loose), thematic breaks, inline links
/// and images with titles, reference links (one-line definitions), autolinks (`<https://…>`,
/// `<a@b.c>`), backslash escapes, numeric and common named character references, and GFM tables
/// with column alignment (`align="…"`, since the CSP forbids `style`).
///
/// Headings are demoted one level: the page owns its `<h1>`, so `#` renders `<h2>` … `#####` renders
/// `<h6>`, and `######` stays `<h6>`. Not supported, on purpose: raw HTML, bare-URL autolinks,
/// task lists, footnotes, multi-line link definitions; table rows missing cells are not padded
/// (padding would let a short input produce a huge table).
///
/// Render once, when a text is saved; store `rawValue` and show it with `HTML(_: TrustedHTML)`:
///
///     let stored = Markdown.render("Read **this** [guide](/guides/1).").rawValue
///     // <p>Read <strong>this</strong> <a href="/guides/1">guide</a>.</p>\n
public enum Markdown {
    /// Longer sources (in UTF-8 bytes) are not parsed: they come back as escaped text in one `<pre>`,
    /// so nothing is lost and nothing is slow. Forms should refuse them before, with a message.
    public static let maximumSourceBytes = 200_000

    /// How deep block quotes and lists nest; deeper markers are shown as text. This bounds the
    /// parser's recursion (so the stack) and its work, which is at most depth × size. Inline nesting
    /// (emphasis in emphasis) needs no limit: it is parsed and rendered without recursion.
    public static let maximumNestingDepth = 16

    /// `source` as HTML fragments (`<p>`, `<h2>`, `<ul>`, …, each block followed by a newline).
    /// Runs in time linear in the size of `source`, whatever it contains.
    public static func render(_ source: String) -> TrustedHTML {
        var writer = MarkupWriter()
        if source.utf8.count > maximumSourceBytes {
            writer.open(.pre)
            writer.text(source.utf8)
            writer.close(.pre)
            writer.newline()
        } else {
            let document = BlockParser.parse(source)
            MarkdownRenderer(references: document.references).render(document.blocks, into: &writer)
        }
        return TrustedHTML(sanitized: writer.result)
    }
}
