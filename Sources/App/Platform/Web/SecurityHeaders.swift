import Vapor

/// Headers that make injected markup inert even if some escaped the renderer: only our own scripts
/// and styles run, nothing frames us, nothing sniffs types.
///
/// Lessons may show images from other https sites (authors link them in Markdown) and embed the
/// YouTube and Vimeo players, from their no-tracking hosts only and only once a learner asks.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:",
        "media-src 'self'", "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Request-ID", request.id),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }
}
