@testable import App
import Testing
import VaporTesting

/// The public directory's files are served, nothing outside it, and every other path still
/// reaches the routes (`PublicFiles` sends only the directory's own entries to `FileMiddleware`).
@Suite struct PublicFilesTests {
    @Test func thePublicDirectorysFilesAreServedAndNothingElse() async throws {
        try await withApp { app in
            for path in ["/css/app.css", "/js/forum.js", "/favicon.svg"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .ok, "\(path)")
                #expect(!response.body.string.isEmpty, "\(path)")
            }
            #expect(try await app.testing().sendRequest(.GET, "/css/app.css").headers.contentType == .css)
            for path in ["/css/nothing.css", "/js/../../Package.swift", "/css/%2e%2e/%2e%2e/Package.swift", "/Package.swift", "/app.css"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .notFound || response.status == .forbidden || response.status == .badRequest, "\(path)")
                #expect(!response.body.string.contains("swift-tools-version"), "\(path)")
            }
            #expect(try await app.testing().sendRequest(.GET, "/health").status == .ok, "routes still answer")
        }
    }
}
