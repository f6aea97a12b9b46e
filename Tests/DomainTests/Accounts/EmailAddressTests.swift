import Foundation
import Testing
@testable import Domain

@Suite struct EmailAddressTests {
    @Test(arguments: [
        ("ada@example.com", "ada@example.com"),
        ("Ada.Lovelace@Example.COM", "ada.lovelace@example.com"),
        ("  ada@example.com\n", "ada@example.com"),
        ("\u{00A0}\tada@example.com \r\n", "ada@example.com"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("first+tag@mail.example.co.uk", "first+tag@mail.example.co.uk"),
        ("a!#$%&*/=?^_`{|}~-@example.com", "a!#$%&*/=?^_`{|}~-@example.com"),
        ("x@a-b.c-d.io", "x@a-b.c-d.io"),
        ("1@2.3", "1@2.3"),
    ])
    func acceptsAndNormalizes(text: String, normalized: String) throws {
        let email = try #require(EmailAddress(text))
        #expect(email.value == normalized)
        #expect(email.description == normalized)
    }

    @Test(arguments: [
        "", "   ", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "a@b@example.com",
        "ada lovelace@example.com", "ada@exa mple.com", "\"ada\"@example.com", "ada@example..com",
        "ada@.example.com", "ada@example.com.", ".ada@example.com", "ada.@example.com", "ada..l@example.com",
        "ada@-example.com", "ada@example-.com", "ada@exam_ple.com", "ada@[127.0.0.1]", "ada(x)@example.com",
        "ada,b@example.com", "ada;b@example.com", "adä@example.com", "ada@exämple.com", "ada@例え.jp",
        "ada\u{0}@example.com", "ada\t@example.com", "ada@example.com\u{0}",
    ])
    func rejects(text: String) {
        #expect(EmailAddress(text) == nil)
    }

    @Test func caseDoesNotMakeADifferentPerson() {
        #expect(EmailAddress("ADA@EXAMPLE.COM") == EmailAddress("ada@example.com"))
        #expect(Set([EmailAddress("Ada@x.io")!, EmailAddress(" ada@X.IO ")!]).count == 1)
    }

    @Test func localPartIsAtMost64Characters() {
        let local64 = String(repeating: "a", count: 64)
        #expect(EmailAddress(local64 + "@example.com") != nil)
        #expect(EmailAddress(local64 + "a@example.com") == nil)
    }

    @Test func domainLabelsAreAtMost63Characters() {
        let label63 = String(repeating: "d", count: 63)
        #expect(EmailAddress("a@\(label63).com") != nil)
        #expect(EmailAddress("a@\(label63)d.com") == nil)
    }

    @Test func wholeAddressIsAtMost254Bytes() throws {
        let local = String(repeating: "l", count: 64)
        let domain253 = [63, 63, 61].map { String(repeating: "d", count: $0) }.joined(separator: ".")
        let exactly254 = local + "@" + domain253
        #expect(exactly254.utf8.count == 254)
        #expect(try #require(EmailAddress(exactly254)).value == exactly254)
        #expect(EmailAddress(local + "@" + domain253 + "d") == nil)
        // Surrounding spaces are trimmed before the length is measured.
        #expect(EmailAddress("   " + exactly254.uppercased() + "   ")?.value == exactly254)
    }

    @Test func codableRoundTripAndRejection() throws {
        let email = try #require(EmailAddress("Ada@Example.com"))
        let data = try JSONEncoder().encode([email])
        #expect(String(decoding: data, as: UTF8.self) == #"["ada@example.com"]"#)
        #expect(try JSONDecoder().decode([EmailAddress].self, from: data) == [email])
        #expect(try JSONDecoder().decode([EmailAddress].self, from: Data(#"[" ADA@example.com"]"#.utf8)) == [email])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([EmailAddress].self, from: Data(#"["not an email"]"#.utf8))
        }
    }
}
