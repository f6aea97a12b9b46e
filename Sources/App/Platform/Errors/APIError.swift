import Vapor

/// The one error shape of the JSON API: `{"error": {"code", "message", "field"}}`.
struct APIErrorBody: Content {
    struct Detail: Content {
        let code: String
        let message: String
        let field: String?
        /// Every problem when several fields are wrong at once.
        let details: [FieldDetail]?
    }

    struct FieldDetail: Content {
        let field: String
        let code: String
        let message: String
    }

    let error: Detail
}

/// An error that already knows its status, code and human message.
struct AppError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    var field: String? = nil
    var details: [APIErrorBody.FieldDetail]? = nil
    var headers: HTTPHeaders = [:]

    var reason: String { message }

    static func notFound() -> AppError {
        AppError(status: .notFound, code: "not_found", message: "Nothing here: the page or item does not exist.")
    }

    static func unauthorized() -> AppError {
        AppError(status: .unauthorized, code: "unauthorized",
                 message: "Sign in, or send a personal API token as `Authorization: Bearer <token>`.")
    }

    static func badRequest(_ code: String, _ message: String, field: String? = nil) -> AppError {
        AppError(status: .badRequest, code: code, message: message, field: field)
    }

    static func conflict(_ code: String, _ message: String, field: String? = nil) -> AppError {
        AppError(status: .conflict, code: code, message: message, field: field)
    }
}
