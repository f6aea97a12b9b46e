import Domain
import Testing
@testable import Views

/// A question's text inside a label: paragraphs joined by line breaks, one paragraph unwrapped.
@Suite struct QuizTextInlineTests {
    @Test(arguments: [
        ("One", "One"), ("One\n\nTwo", "One<br>Two"), ("One\n\nTwo\n\nThree", "One<br>Two<br>Three"), ("", ""), ("A *b*\n\n`c`", "A <em>b</em><br><code>c</code>"),
    ])
    func paragraphsBecomeLineBreaks(markdown: String, html: String) {
        #expect(QuizTextHTML.inline(QuizText(markdown, format: .markdown)).rawValue == html)
    }
}
