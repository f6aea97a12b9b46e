import Testing
@testable import Views

/// Hostile shapes: deep nesting must not overflow the stack, long runs of syntax must not go
/// quadratic. The time bound is loose (shared CI machines, debug builds); a quadratic algorithm
/// on these 200 KB inputs would take minutes, not seconds.
@Suite("Markdown limits")
struct MarkdownLimitsTests {
    static let size = 190_000

    static func run(_ unit: String) -> String {
        String(repeating: unit, count: size / unit.utf8.count)
    }

    /// Runs of one unit, named by the unit itself.
    static let units: [String] = [
        ">", "> ", "- ", "*", "_", "~", "[", "]", "![", "[]", "[a](", "[a](b(", "[a](b \"", "[a](<", "`", "<", "<a:",
        "<a@b", "&#", "&amp", "\\", "*a ", "*_~~", "a**b*", "a* ", "**a ", "[a ", "[a][", "|", "|\n", "```\n",
        "# ", "> a\n", "a  \n", "[a]: /b\n", "- a\n  ", "1. ", "a\n---\n",
    ]

    static let shapes: [(String, String)] = [
        ("backtick ladder", (1...600).map { String(repeating: "`", count: $0) + "a" }.joined()),
        ("list ladder", (0..<400).map { String(repeating: " ", count: $0 * 2) + "- x" }.joined(separator: "\n")),
        ("table rows", "| a | b |\n| - | - |\n" + run("|\n")),
        ("lazy lines", "> a\n" + run("b\n")),
        ("references", run("[a]: /b\n") + run("[a]")),
    ]

    static let hostile: [(String, String)] = units.map { ($0, run($0)) } + shapes

    @Test(arguments: hostile)
    func hostileInputRendersQuicklyAndSafely(name: String, source: String) {
        var html = ""
        let elapsed = ContinuousClock().measure { html = Markdown.render(source).rawValue }
        #expect(elapsed < .seconds(20), "\(name) took \(elapsed)")
        #expect(MarkupChecker.problems(in: html) == [], "\(name)")
    }

    @Test func deepBlockNestingStopsAtTheLimit() {
        let html = Markdown.render(String(repeating: "> ", count: 10_000) + "deep").rawValue
        #expect(html.components(separatedBy: "<blockquote>").count - 1 == Markdown.maximumNestingDepth)
        #expect(html.contains("<p>&gt; &gt; "))
    }

    @Test func deepListNestingStopsAtTheLimit() {
        let source = (0..<100).map { String(repeating: " ", count: $0 * 2) + "- x" }.joined(separator: "\n")
        let html = Markdown.render(source).rawValue
        #expect(html.components(separatedBy: "<ul>").count - 1 == Markdown.maximumNestingDepth)
        #expect(MarkupChecker.problems(in: html) == [])
    }

    @Test func deepInlineNestingRendersWithoutRecursion() {
        let html = Markdown.render(String(repeating: "*", count: 40_000) + "a" + String(repeating: "*", count: 40_000))
            .rawValue
        #expect(html.components(separatedBy: "<strong>").count - 1 == 20_000)
        #expect(MarkupChecker.problems(in: html) == [])
        let links = Markdown.render(String(repeating: "[", count: 50_000) + "x"
            + String(repeating: "](/a)", count: 50_000))
        #expect(MarkupChecker.problems(in: links.rawValue) == [])
    }

    @Test func sourcesOverTheLimitAreShownAsEscapedText() {
        let source = "<script>alert(1)</script> *not em*\n" + String(repeating: "x", count: Markdown.maximumSourceBytes)
        let html = Markdown.render(source).rawValue
        #expect(html.hasPrefix("<pre>&lt;script&gt;alert(1)&lt;/script&gt; *not em*\nxxx"))
        #expect(html.hasSuffix("xxx</pre>\n"))
        #expect(Markdown.render(String(repeating: "x", count: Markdown.maximumSourceBytes)).rawValue.hasPrefix("<p>"))
    }
}
