import Testing
@testable import Views

@Suite("HTMLBuilder control flow")
struct BuilderTests {
    enum Status { case open, closed, archived }

    @Test(arguments: [true, false])
    func ifElse(flag: Bool) {
        let fragment = div {
            if flag { "yes" } else { em { "no" } }
            if flag { "!" }
        }
        #expect(fragment.render() == (flag ? "<div>yes!</div>" : "<div><em>no</em></div>"))
    }

    @Test func optionals() {
        let name: String? = "Ada"
        let missing: String? = nil
        let extra: HTML? = nil
        #expect(p { name; missing; extra }.render() == "<p>Ada</p>")
        #expect(p { if let missing { missing } else { "none" } }.render() == "<p>none</p>")
        #expect(p { if let name { strong { name } } }.render() == "<p><strong>Ada</strong></p>")
    }

    @Test func forIn() {
        let items = ["a", "<b>", "c"]
        #expect(ul { for item in items { li { item } } }.render()
            == "<ul><li>a</li><li>&lt;b&gt;</li><li>c</li></ul>")
        #expect(ul { for item in [String]() { li { item } } }.render() == "<ul></ul>")
        #expect(ol { items.map { item in li { item } } }.render()
            == "<ol><li>a</li><li>&lt;b&gt;</li><li>c</li></ol>")
    }

    @Test(arguments: [(Status.open, "<span><strong>Open</strong></span>"),
                      (.closed, "<span>Closed</span>"), (.archived, "<span></span>")])
    func switchStatement(status: Status, expected: String) {
        let fragment = span {
            switch status {
            case .open: strong { "Open" }
            case .closed: "Closed"
            case .archived: HTML.empty
            }
        }
        #expect(fragment.render() == expected)
    }

    @Test func emptyBlocksAndInts() {
        #expect(div {}.render() == "<div></div>")
        #expect(p { 42; " items" }.render() == "<p>42 items</p>")
        #expect(HTML.empty.render() == "")
        #expect(HTML.empty.renderBytes() == [])
    }

    @Test func fragmentsCompose() {
        func badge(_ text: String) -> HTML { span(.class("badge")) { text } }
        let shared = badge("new")
        let fragment = div { shared; shared; badge("x") }
        #expect(fragment.render()
            == "<div><span class=\"badge\">new</span><span class=\"badge\">new</span><span class=\"badge\">x</span></div>")
    }
}
