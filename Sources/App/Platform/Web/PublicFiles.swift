import Foundation
import Vapor

/// Vapor's `FileMiddleware`, asked only about paths under the public directory's own top-level
/// entries (`/css/…`, `/js/…`, `/favicon.svg`): it looks at the disk for every request it sees,
/// and pages are never files. The entries are listed once, at start-up; a path's first segment is
/// compared as it is sent (`/%63ss/app.css` is not a file: our pages never link that way).
struct PublicFiles: AsyncMiddleware {
    private let files: FileMiddleware
    private let entries: Set<Substring>

    init(publicDirectory: String, logger: Logger) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        do {
            entries = Set(try FileManager.default.contentsOfDirectory(atPath: publicDirectory).map { Substring($0) })
        } catch {
            logger.warning("No public files (styles, scripts) at \(publicDirectory): pages will be served without them. Set ATELIER_PUBLIC_DIR.")
            entries = []
        }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let first = request.path.dropFirst().prefix { $0 != "/" }
        guard entries.contains(first) else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
