import Foundation
import Testing
@testable import Views

/// Every payload of the shared corpus (`e2e/data/xss-payloads.txt`, also meant for a browser test)
/// rendered and read back by `MarkupChecker`, which accepts only the renderer's own markup.
@Suite("Markdown XSS corpus")
struct MarkdownXSSTests {
    static let corpusPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("e2e/data/xss-payloads.txt").path

    /// The corpus's payloads: after the header, blocks separated by lines that are exactly `----`.
    static let corpus: [String] = {
        guard let text = try? String(contentsOfFile: corpusPath, encoding: .utf8) else { return [] }
        let blocks = text.components(separatedBy: "\n----\n")
        return blocks.dropFirst().map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    }()

    /// What a text file holds badly: NUL, CR and other control characters, in the places they hide.
    static let controlCharacterPayloads = [
        "[x](java\u{0}script:alert(1))", "[x](<java\u{1}script:alert(1)>)", "[x](<\u{B}javascript:alert(1)>)",
        "[x](<javascript\u{7F}:alert(1)>)", "<java\u{B}script:alert(1)>", "<img src=x onerror=alert(1)\r>",
        "[x](ja\rvascript:alert(1))", "![x](<\u{C}javascript:alert(1)>)", "\u{0}<script>alert(1)</script>",
        "[x](<java\u{1B}script:alert(1)>)", "[x](\u{0}javascript:alert(1))",
    ]

    @Test func corpusIsLargeAndReadable() {
        #expect(Self.corpus.count >= 80, "read \(Self.corpus.count) payloads from \(Self.corpusPath)")
        #expect(Self.corpus.contains("[x](javascript:alert(1))"))
        #expect(Self.corpus.contains("[x][1]\n\n[1]: javascript:alert(1)"))
    }

    @Test(arguments: corpus + controlCharacterPayloads)
    func payloadRendersHarmless(payload: String) {
        let html = Markdown.render(payload).rawValue
        #expect(MarkupChecker.problems(in: html) == [], "\(html)")
        #expect(!html.lowercased().contains("<script"))
    }

    /// The checker is only worth something if it catches what a broken renderer would let through.
    @Test(arguments: [
        "<script>alert(1)</script>", "<p onclick=\"x\">a</p>", "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:x\">x</a>", "<img src=\"data:image/svg+xml,x\" alt=\"\">",
        "<a href=\" JaVa\tScRiPt:x\">x</a>", "<img src=x onerror=alert(1)>", "<a href=\"/x\" title=\"a\" b\">x</a>",
        "<p>a\" onclick=\"x</p>", "<em>unclosed", "<a href=\"vbscript:x\">x</a>", "<svg>", "<a href='/x'>x</a>",
        "<code class=\"x y\">a</code>", "<a href=\"/x\" rel=\"opener\">x</a>", "<p>&#106;</p>", "<p>a > b</p>",
    ])
    func checkerCatchesUnsafeMarkup(html: String) {
        #expect(MarkupChecker.problems(in: html) != [])
    }

    @Test func refusedLinksKeepTheirText() {
        #expect(Markdown.render("[click me](javascript:alert(1))").rawValue == "<p>click me</p>\n")
        #expect(Markdown.render("![a cat](vbscript:x)").rawValue == "<p>a cat</p>\n")
        #expect(Markdown.render("<script>alert(1)</script>").rawValue
            == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")
    }
}
