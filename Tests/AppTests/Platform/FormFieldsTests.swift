@testable import App
import Testing
import Vapor

/// Plain forms read as their (name, value) pairs, decoded only where a `+` or `%` says so.
@Suite struct FormFieldsTests {
    @Test func pairsKeepTheirOrderAndAreDecoded() {
        let fields = FormFields.parse("q0=1&q1=+Anchor+&q1=caf%C3%A9&empty=&bare&a%2Bb=50%25&bad=%E0%A4%A")
        #expect(fields.map(\.name) == ["q0", "q1", "q1", "empty", "bare", "a+b", "bad"])
        #expect(fields.map(\.value) == ["1", " Anchor ", "café", "", "", "50%", "%E0%A4%A"], "broken percent-encoding kept as sent")
    }

    @Test func aRequestsFormIsParsedOnceAndItsFirstTokenIsTheOneChecked() async throws {
        let app = try await Application.make(.testing)
        let request = Request(application: app, method: .POST, url: "/x", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                              collectedBody: ByteBuffer(string: "q0=1&_csrf=abc%2Fdef&_csrf=second&q1=x"), on: app.eventLoopGroup.next())
        #expect(request.storage[FormFieldsKey.self] == nil)
        #expect(CSRFMiddleware.sentField(request) == "abc/def")
        #expect(request.storage[FormFieldsKey.self]?.map(\.value) == ["1", "abc/def", "second", "x"], "read by the CSRF check, kept for the route")
        #expect(request.formFields.map(\.name) == ["q0", "_csrf", "_csrf", "q1"])
        try await app.asyncShutdown()
    }
}

/// A request's path, as Vapor reads it, read once.
@Suite struct RequestPathTests {
    @Test(arguments: ["/", "/health", "/api/v1/x?y=1", "/orgs/a%20b/c;d?e#f", "/caf%C3%A9/x"])
    func thePathIsVaporsAndIsKept(_ target: String) async throws {
        let app = try await Application.make(.testing)
        let request = Request(application: app, method: .GET, url: URI(string: target), on: app.eventLoopGroup.next())
        #expect(request.storage[PathKey.self] == nil)
        #expect(request.path == request.url.path)
        #expect(request.storage[PathKey.self] == request.url.path)
        #expect(request.isAPI == target.hasPrefix("/api/"))
        try await app.asyncShutdown()
    }
}

@Suite struct RequestCookieTests {
    /// Headers as browsers send them: read by hand, the same as Vapor reads them.
    @Test(arguments: [
        ["atelier_session=abc-DEF_123; atelier_csrf=0123456789abcdefghijABCDEFGHIJ-_xyz"],
        ["a=1;b=2", "b=\"two\"; c"],
        ["a=1; a=2", "a=3"],
        ["atelier_flash=eyJtZXNzYWdlIjoiU2F2ZWQifQ; x=\"\"; y=="],
        [""], [],
    ])
    func browsersCookiesReadAsVaporReadsThem(_ headers: [String]) async throws {
        let app = try await Application.make(.testing)
        var fields = HTTPHeaders()
        for header in headers { fields.add(name: .cookie, value: header) }
        let request = Request(application: app, method: .GET, url: URI(string: "/"), headers: fields, on: app.eventLoopGroup.next())
        let vapors = request.cookies.all.mapValues(\.string)
        #expect(Request.parseCookies(headers) == vapors)
        for name in Set(vapors.keys).union(["a", "atelier_csrf", "missing"]) {
            #expect(request.cookie(name) == vapors[name])
        }
        try await app.asyncShutdown()
    }

    /// Where Vapor's general header parser reads otherwise, RFC 6265's rule: split at `;` only,
    /// spaces around a name or value trimmed, pairs without a name or `=` ignored.
    @Test func otherHeadersAreReadByRFC6265() {
        #expect(Request.parseCookies([" a = 9 ;\tb=\"two\" ; c; =x"]) == ["a": "9", "b": "two"])
        #expect(Request.parseCookies(["a=1, b=2"]) == ["a": "1, b=2"], "a comma is no separator")
        #expect(Request.parseCookies(["q=\"x;y\""]) == ["q": "\"x"], "nor is a quote: a value holds no `;`")
        #expect(Request.parseCookies(["name=café; ü=1"]) == ["name": "café", "ü": "1"])
    }
}

@Suite struct PlainFormTypeTests {
    /// Read by hand, as exactly as Vapor's media type reads it.
    @Test(arguments: ["application/x-www-form-urlencoded", "Application/X-WWW-Form-URLEncoded; charset=utf-8",
                      " application/x-www-form-urlencoded ;charset=UTF-8", "application/x-www-form-urlencoded;",
                      "multipart/form-data; boundary=x", "application/json", "*/*", "application/*", "text/plain",
                      "application/x-www-form-urlencodedx", "", "application/x-www-form-urlencoded, text/plain"])
    func aPlainFormIsKnownByItsTypeAsVaporKnowsIt(_ value: String) {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: value)
        let vapors = headers.contentType.map { $0.type.lowercased() == "application" && $0.subType.lowercased() == "x-www-form-urlencoded" } ?? false
        #expect(CSRFMiddleware.isPlainForm(value) == vapors)
    }
}
