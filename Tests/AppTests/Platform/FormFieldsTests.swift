@testable import App
import Testing

/// Plain forms read as their (name, value) pairs, decoded only where a `+` or `%` says so.
@Suite struct FormFieldsTests {
    @Test func pairsKeepTheirOrderAndAreDecoded() {
        let fields = FormFields.parse("q0=1&q1=+Anchor+&q1=caf%C3%A9&empty=&bare&a%2Bb=50%25&bad=%E0%A4%A")
        #expect(fields.map(\.name) == ["q0", "q1", "q1", "empty", "bare", "a+b", "bad"])
        #expect(fields.map(\.value) == ["1", " Anchor ", "café", "", "", "50%", "%E0%A4%A"], "broken percent-encoding kept as sent")
    }

    @Test func theFirstValueOfOneFieldIsFoundWithoutTheRest() {
        let body = "q0=1&_csrf=abc%2Fdef&_csrf=second&q1=x"
        #expect(FormFields.first("_csrf", in: body) == "abc/def")
        #expect(FormFields.first("q1", in: body) == "x")
        #expect(FormFields.first("missing", in: body) == nil)
        #expect(FormFields.first("_csrf", in: "") == nil)
    }
}
