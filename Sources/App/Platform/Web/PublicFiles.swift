import Foundation
import Vapor

/// Vapor's `FileMiddleware`, asked only about paths under the public directory's own top-level
/// entries (`/css/…`, `/js/…`, `/favicon.svg`): it looks at the disk for every request it sees,
/// and pages are never files. The entries are listed once, at start-up.
struct PublicFiles: AsyncMiddleware {
    private let files: FileMiddleware
    private let entries: Set<Substring>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        entries = Set(((try? FileManager.default.contentsOfDirectory(atPath: publicDirectory)) ?? []).map { Substring($0) })
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let first = request.url.path.dropFirst().prefix { $0 != "/" }
        guard entries.contains(first) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
