import Domain
import FluentKit
import Vapor
import Views

/// Turns every error into a clear answer: the JSON error body for the API, a page (or a redirect to
/// sign-in) for browsers. Nothing a client sends produces a 500; anything unexpected is logged.
struct AppErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let throttled as SignInGuard.Throttled where !request.isAPI {
            let response = Response.page(AuthPages.tooManyAttempts(request.anonymousLayout(), retryAfter: throttled.retryAfter),
                                         status: .tooManyRequests, request: request)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(throttled.retryAfter)")
            return response
        } catch {
            let problem = Self.describe(error)
            if problem.status == .internalServerError {
                request.logger.error("Unexpected error: \(String(reflecting: error))")
            }
            if request.isAPI || request.path == "/health" || request.prefersJSON {
                return Self.json(problem, request: request)
            }
            if problem.status == .unauthorized {
                return request.redirect(to: "/sign-in", redirectType: .normal)
            }
            // Signed-in people keep their navigation on an error page, so they are never stranded.
            let context = request.auth.has(CurrentUser.self) ? try? await request.currentOrganizationContext() : nil
            let layout = context.map { request.layout($0, section: .none) } ?? request.anonymousLayout()
            let page = ErrorPage.render(status: Int(problem.status.code), message: problem.message, layout)
            let response = Response.page(page, status: problem.status, request: request)
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    static func json(_ problem: AppError, request: Request) -> Response {
        let body = APIErrorBody(error: .init(code: problem.code, message: problem.message, field: problem.field, details: problem.details))
        let response = Response(status: problem.status, headers: problem.headers)
        try? response.content.encode(body, as: .json)
        return response
    }

    /// The status, code and words for any error.
    static func describe(_ error: any Error) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let throttled as SignInGuard.Throttled:
            return AppError(status: .tooManyRequests, code: "too_many_attempts",
                            message: "Too many failed attempts. Try again in \(throttled.retryAfter) seconds.",
                            headers: ["Retry-After": "\(throttled.retryAfter)"])
        case let errors as ValidationErrors:
            let details = errors.errors.map { APIErrorBody.FieldDetail(field: $0.field, code: $0.reason.rawValue, message: Messages.text(for: $0)) }
            return AppError(status: .unprocessableEntity, code: "validation_failed",
                            message: details.map(\.message).joined(separator: " "), field: details.first?.field, details: details)
        case let error as DecodingError:
            return decoding(error)
        case let error as any DatabaseError where error.isConstraintFailure:
            // Two requests raced for the same unique thing (a double click, two tabs): nothing was saved twice.
            return .conflict("conflict", "That was changed at the same moment by another request. Reload the page and check.")
        case let error as EnrollmentError:
            switch error {
            case .cohortFull(let capacity):
                return .conflict("cohort_full", "This cohort is full (\(capacity) seats). Raise its capacity or choose another cohort.")
            case .alreadyEnrolled:
                return .conflict("already_enrolled", "That person is already in this cohort.")
            }
        case let error as any AbortError:
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = switch error.status {
            case .notFound: AppError.notFound().message
            case .payloadTooLarge: "The request is too large."
            case .unsupportedMediaType: "Send JSON (Content-Type: application/json) or a form."
            default: error.reason
            }
            return AppError(status: error.status, code: code, message: message, headers: error.headers)
        default:
            return AppError(status: .internalServerError, code: "internal",
                            message: "Something went wrong on our side. It was logged; try again in a moment.")
        }
    }

    static func decoding(_ error: DecodingError) -> AppError {
        func path(_ context: DecodingError.Context) -> String? {
            let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
            return keys.isEmpty ? nil : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = (path(context).map { $0 + "." } ?? "") + key.stringValue
            return AppError(status: .unprocessableEntity, code: "required", message: "\(field) is required.", field: field)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context)
            return AppError(status: .badRequest, code: "invalid_type",
                            message: "\(field ?? "The body") must be \(describe(type)).", field: field)
        case .dataCorrupted(let context):
            if let field = path(context) {
                return AppError(status: .badRequest, code: "invalid_value", message: "\(field): \(context.debugDescription)", field: field)
            }
            return AppError(status: .badRequest, code: "invalid_json", message: "The body is not valid JSON.")
        @unknown default:
            return AppError(status: .badRequest, code: "invalid_body", message: "The body could not be read.")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is String?.Type: "a string"
        case is Int.Type, is Int?.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
