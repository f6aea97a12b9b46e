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
