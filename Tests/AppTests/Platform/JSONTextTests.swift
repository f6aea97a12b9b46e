@testable import App
import Foundation
import Testing

/// Strings written by `JSONText` read back unchanged by a JSON parser, whatever they hold.
@Suite struct JSONTextTests {
    @Test(arguments: [
        "", "plain", #"{"choice":{"_0":2}}"#, #"back\slash and "quotes""#, "line\nbreak\r\ttab",
        "\u{0}\u{1}\u{1F}\u{7F}", "é ñ 中文 👩🏽‍🏫", #"\u0041 is not unescaped"#, "</script><script>alert(1)</script>",
    ])
    func aStringReadsBackUnchanged(_ text: String) throws {
        var json = ""
        JSONText.appendString(text, to: &json)
        #expect(try JSONDecoder().decode(String.self, from: Data(json.utf8)) == text)
        #expect(json.hasPrefix("\"") && json.hasSuffix("\""))
    }

    @Test func randomStringsReadBackUnchanged() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab\"\\\n\t\u{0}\u{8}\u{1B}é中👩🏽‍🏫{}[],:/ ")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            var json = ""
            JSONText.appendString(text, to: &json)
            #expect(try JSONDecoder().decode(String.self, from: Data(json.utf8)) == text, "\(json)")
        }
    }
}
