import Domain
import Foundation
import Routes
import Testing
@testable import Views

/// `SiteRoute.percentEncoded`, written byte by byte, spells every text as Foundation does.
@Suite struct PercentEncodingTests {
    static func foundation(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!
    }

    @Test(arguments: ["", "plain-text_1.0~", "C++ & more", "a b/c?d=e#f%g", "é 中文 👩🏽‍🏫", "“quotes”\n> line", "\u{0}\u{7F}"])
    func spelledAsFoundationDoes(_ text: String) {
        #expect(SiteRoute.percentEncoded(text) == Self.foundation(text))
        #expect(SiteRoute.percentEncoded(text).removingPercentEncoding == text)
    }

    @Test func randomTextsSpelledAsFoundationDoes() {
        let alphabet = Array("aZ09-._~ +&=?#/%\"<>\n\té中👩🏽‍🏫“")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...30)).map { _ in alphabet.randomElement()! })
            #expect(SiteRoute.percentEncoded(text) == Self.foundation(text), "\(text)")
        }
    }
}
