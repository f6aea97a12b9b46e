import Testing
@testable import Views

@Suite("HTML elements")
struct ElementTests {
    /// Every container element: (tag, built with an attribute and text, built bare).
    static let containers: [(String, HTML, HTML)] = [
        ("html", html(.id("x")) { "a<b" }, html()),
        ("head", head(.id("x")) { "a<b" }, head()),
        ("body", body(.id("x")) { "a<b" }, body()),
        ("title", title(.id("x")) { "a<b" }, title()),
        ("header", header(.id("x")) { "a<b" }, header()),
        ("nav", nav(.id("x")) { "a<b" }, nav()),
        ("main", main(.id("x")) { "a<b" }, main()),
        ("footer", footer(.id("x")) { "a<b" }, footer()),
        ("section", section(.id("x")) { "a<b" }, section()),
        ("article", article(.id("x")) { "a<b" }, article()),
        ("aside", aside(.id("x")) { "a<b" }, aside()),
        ("div", div(.id("x")) { "a<b" }, div()),
        ("span", span(.id("x")) { "a<b" }, span()),
        ("h1", h1(.id("x")) { "a<b" }, h1()),
        ("h2", h2(.id("x")) { "a<b" }, h2()),
        ("h3", h3(.id("x")) { "a<b" }, h3()),
        ("h4", h4(.id("x")) { "a<b" }, h4()),
        ("h5", h5(.id("x")) { "a<b" }, h5()),
        ("h6", h6(.id("x")) { "a<b" }, h6()),
        ("p", p(.id("x")) { "a<b" }, p()),
        ("a", a(.id("x")) { "a<b" }, a()),
        ("strong", strong(.id("x")) { "a<b" }, strong()),
        ("em", em(.id("x")) { "a<b" }, em()),
        ("small", small(.id("x")) { "a<b" }, small()),
        ("code", code(.id("x")) { "a<b" }, code()),
        ("pre", pre(.id("x")) { "a<b" }, pre()),
        ("blockquote", blockquote(.id("x")) { "a<b" }, blockquote()),
        ("abbr", abbr(.id("x")) { "a<b" }, abbr()),
        ("time", time(.id("x")) { "a<b" }, time()),
        ("ul", ul(.id("x")) { "a<b" }, ul()),
        ("ol", ol(.id("x")) { "a<b" }, ol()),
        ("li", li(.id("x")) { "a<b" }, li()),
        ("dl", dl(.id("x")) { "a<b" }, dl()),
        ("dt", dt(.id("x")) { "a<b" }, dt()),
        ("dd", dd(.id("x")) { "a<b" }, dd()),
        ("figure", figure(.id("x")) { "a<b" }, figure()),
        ("figcaption", figcaption(.id("x")) { "a<b" }, figcaption()),
        ("details", details(.id("x")) { "a<b" }, details()),
        ("summary", summary(.id("x")) { "a<b" }, summary()),
        ("table", table(.id("x")) { "a<b" }, table()),
        ("caption", caption(.id("x")) { "a<b" }, caption()),
        ("thead", thead(.id("x")) { "a<b" }, thead()),
        ("tbody", tbody(.id("x")) { "a<b" }, tbody()),
        ("tfoot", tfoot(.id("x")) { "a<b" }, tfoot()),
        ("tr", tr(.id("x")) { "a<b" }, tr()),
        ("th", th(.id("x")) { "a<b" }, th()),
        ("td", td(.id("x")) { "a<b" }, td()),
        ("form", form(.id("x")) { "a<b" }, form()),
        ("fieldset", fieldset(.id("x")) { "a<b" }, fieldset()),
        ("legend", legend(.id("x")) { "a<b" }, legend()),
        ("label", label(.id("x")) { "a<b" }, label()),
        ("select", select(.id("x")) { "a<b" }, select()),
        ("option", option(.id("x")) { "a<b" }, option()),
        ("textarea", textarea(.id("x")) { "a<b" }, textarea()),
        ("button", button(.id("x")) { "a<b" }, button()),
        ("progress", progress(.id("x")) { "a<b" }, progress()),
        ("output", output(.id("x")) { "a<b" }, output()),
    ]

    static let voids: [(String, HTML)] = [
        ("meta", meta(.id("x"), .hidden)),
        ("link", link(.id("x"), .hidden)),
        ("input", input(.id("x"), .hidden)),
        ("img", img(.id("x"), .hidden)),
        ("br", br(.id("x"), .hidden)),
        ("hr", hr(.id("x"), .hidden)),
    ]

    @Test(arguments: containers.indices)
    func containerElement(index: Int) {
        let (name, withContent, bare) = Self.containers[index]
        #expect(withContent.render() == "<\(name) id=\"x\">a&lt;b</\(name)>")
        #expect(bare.render() == "<\(name)></\(name)>")
    }

    @Test(arguments: voids.indices)
    func voidElementHasNoClosingTag(index: Int) {
        let (name, element) = Self.voids[index]
        #expect(element.render() == "<\(name) id=\"x\" hidden>")
    }

    @Test func elementsWithoutContentClosure() {
        #expect(div(.class("card")).render() == "<div class=\"card\"></div>")
        #expect(span().render() == "<span></span>")
    }

    @Test func scriptTakesOnlyAttributes() {
        #expect(script(.src("/js/app.js"), .type("module"), .defer).render()
            == "<script src=\"/js/app.js\" type=\"module\" defer></script>")
    }

    @Test func documentWritesDoctypeAndShell() {
        let page = document(lang: "fr") { title { "T" } } body: { p { "x" } }
        #expect(page.render()
            == "<!DOCTYPE html><html lang=\"fr\"><head><title>T</title></head><body><p>x</p></body></html>")
    }

    @Test func nestedElementsAndSiblings() {
        let fragment = div(.class("card"), .id("x")) {
            h2 { "Title" }
            p { "Hi, "; strong { "Ada" } }
        }
        #expect(fragment.render()
            == "<div class=\"card\" id=\"x\"><h2>Title</h2><p>Hi, <strong>Ada</strong></p></div>")
    }

    @Test func renderVariantsAgree() {
        let fragment = ul { li { "a" }; li { "b" } }
        var buffer: [UInt8] = Array("prefix".utf8)
        fragment.render(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "prefix" + fragment.render())
        #expect(fragment.renderBytes() == Array(fragment.render().utf8))
    }

    @Test func benchmarkPageRenders() {
        let rows = (0..<50).map { ("\($0)", "T<\($0)>", "t", "open") }
        let page = String(decoding: HTMLBenchmark.fiftyRowPage(rows: rows), as: UTF8.self)
        #expect(page.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
        #expect(page.ranges(of: "<tr>").count == 51)
        #expect(page.contains("<td><a href=\"/courses/7\">T&lt;7&gt;</a></td>"))
    }
}
