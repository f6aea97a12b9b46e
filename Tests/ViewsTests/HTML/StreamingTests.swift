import Testing
@testable import Views

/// Fragments are written into a per-thread chunk as they are built (see `RenderContext`). These
/// check the cases that do not follow document order, and that no fragment is ever overwritten.
@Suite("HTML streaming into chunks")
struct StreamingTests {
    @Test func fragmentBuiltBeforeItsParent() {
        let early = p { "early <b>" }
        let page = div(.id("x")) { h1 { "T" }; early; "late" }
        #expect(page.render() == "<div id=\"x\"><h1>T</h1><p>early &lt;b&gt;</p>late</div>")
    }

    @Test func fragmentPlacedTwiceAndInsideItself() {
        let item = li { "i" }
        let list = ul { item; item }
        let twice = div { list; list }
        #expect(twice.render() == "<div><ul><li>i</li><li>i</li></ul><ul><li>i</li><li>i</li></ul></div>")
    }

    @Test func contentEvaluatedBeforeTheShell() {
        // What `Layout.page` does: the page's own content first, then the shell around it.
        let content = HTML { h1 { "Title" }; p { "Body" } }
        let page = document(lang: "en") { title { "T" } } body: { main { content } }
        #expect(page.render() == "<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head>"
            + "<body><main><h1>Title</h1><p>Body</p></main></body></html>")
    }

    @Test func keptFragmentSurvivesLaterPages() {
        let kept = p(.class("kept")) { "keep me" }
        for index in 0..<2_000 {
            _ = div { span { "page \(index)" } }.renderBytes()
        }
        #expect(kept.render() == "<p class=\"kept\">keep me</p>")
    }

    @Test func pageLargerThanAChunkWithElementsOpenAcrossIt() {
        let words = (0..<30_000).map { "w\($0) & " }
        let page = div { section { ul { for word in words { li { word } } } } }
        let expected = "<div><section><ul>" + words.map { "<li>\($0.replacing("&", with: "&amp;"))</li>" }.joined()
            + "</ul></section></div>"
        #expect(page.render() == expected)
    }

    @Test func longHostileTextIsEscapedExactly() {
        let text = String(repeating: "<a href=\"x\">'&'</a>\u{0}é", count: 2_000)  // > 4 KB: exact sizing
        let rendered = p(.title(text)) { text }.render()
        let readBack = text.replacing("\u{0}", with: "\u{FFFD}")
        #expect(rendered.filter { $0 == "<" }.count == 2)
        #expect(htmlUnescape(rendered) == "<p title=\"\(readBack)\">\(readBack)</p>")
    }

    @Test func fragmentsCrossThreads() async {
        let shared = span(.class("s")) { "shared" }
        let pages = await withTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    var html = ""
                    for round in 0..<200 {
                        html = div { shared; p { "\(index)-\(round)" } }.render()
                    }
                    return html
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(pages).count == 16)
        for page in pages {
            #expect(page.hasPrefix("<div><span class=\"s\">shared</span><p>") && page.hasSuffix("-199</p></div>"))
        }
        let sent = await Task.detached { ul { li { "built elsewhere" } } }.value
        #expect(div { sent }.render() == "<div><ul><li>built elsewhere</li></ul></div>")
    }

    @Test func buildingIsTheSameWhateverTheChunkHolds() {
        let first = HTMLBenchmark.fiftyRowPage(rows: Self.rows)
        let pinned = (0..<50).map { index in em { "pin \(index)" } }  // keeps chunks from recycling
        let second = HTMLBenchmark.fiftyRowPage(rows: Self.rows)
        #expect(first == second)
        #expect(pinned.map { $0.render() }.last == "<em>pin 49</em>")
    }

    static let rows = (0..<50).map { ("\($0)", "T<\($0)> & \"q\"", "t", "open") }
}
