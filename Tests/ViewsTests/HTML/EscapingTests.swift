import Testing
@testable import Views

@Suite("HTML escaping")
struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' onfocus='x", "&amp;",
        "a & b < c > d \" e ' f", "</textarea><script>x</script>", "</title><script>x</script>",
        "<!-- x -->", "]]><![CDATA[", "naïve café 日本語", "🎨👩🏽‍🎨", "nul\u{0}byte", "",
    ]

    @Test func textEscapesAllFiveCharacters() {
        #expect(HTML("& < > \" '").render() == "&amp; &lt; &gt; &quot; &#39;")
        #expect(p { "&amp;" }.render() == "<p>&amp;amp;</p>")
    }

    @Test func unicodeAndEmojiPassThrough() {
        #expect(p { "naïve 日本語 🎨👩🏽‍🎨" }.render() == "<p>naïve 日本語 🎨👩🏽‍🎨</p>")
    }

    @Test func nulBecomesReplacementCharacter() {
        #expect(HTML("a\u{0}b").render() == "a\u{FFFD}b")
        #expect(br(.title("a\u{0}b")).render() == "<br title=\"a\u{FFFD}b\">")
    }

    @Test(arguments: hostile)
    func hostileTextNeverMakesMarkup(text: String) {
        for fragment in [p { text }, textarea(.name("t")) { text }, title { text }, HTML(text)] {
            let output = fragment.render()
            let stripped = output.replacing(/^<(p|textarea name="t"|title)>|<\/(p|textarea|title)>$/, with: "")
            #expect(!stripped.contains("<") && !stripped.contains(">"))
            #expect(!stripped.contains("\"") && !stripped.contains("'"))
            #expect(htmlUnescape(stripped) == text.replacing("\u{0}", with: "\u{FFFD}"))
        }
    }

    @Test(arguments: hostile)
    func hostileValuesStayInsideEveryAttributeKind(value: String) {
        let attributes: [Attribute] = [
            .class(value), .id(value), .title(value), .alt(value), .value(value), .placeholder(value),
            .name(value), .for(value), .content(value), .ariaLabel(value), .aria("describedby", value),
            .data("x", value), .custom("inputmode", value), .href(value), .src(value), .action(value),
        ]
        for attribute in attributes {
            let output = input(attribute).render()
            let scanned = HTMLScanner.scan(output)
            #expect(scanned.map(\.tag) == ["input"], "\(output)")
            #expect(scanned.first?.attributes.count == 1, "\(output)")
            let parsed = scanned.first?.attributes.first?.value ?? ""
            #expect(parsed == value.replacing("\u{0}", with: "\u{FFFD}") || parsed == "#", "\(output)")
        }
    }

    @Test func quotesInAttributeCannotBreakOut() {
        #expect(input(.value("x\" onfocus=\"alert(1)")).render()
            == "<input value=\"x&quot; onfocus=&quot;alert(1)\">")
        #expect(input(.value("' onfocus='x")).render() == "<input value=\"&#39; onfocus=&#39;x\">")
    }

    @Test func trustedHTMLIsTheOnlyRawPath() {
        let icon = TrustedHTML(sanitized: "<svg aria-hidden=\"true\"><use href=\"#i\"/></svg>")
        #expect(span { icon }.render() == "<span><svg aria-hidden=\"true\"><use href=\"#i\"/></svg></span>")
        #expect(HTML(icon).render() == icon.rawValue)
        #expect(HTML(icon.rawValue).render().hasPrefix("&lt;svg"))
    }
}

/// Reverses the five entities (and nothing else), to check that escaping loses no text.
func htmlUnescape(_ string: String) -> String {
    string.replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
        .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
}
