import SQLKit
import Vapor

/// `GET /health`: answers 200 when the database answers, 503 otherwise (one round trip).
struct HealthController: RouteCollection {
    struct Status: Content { let status: String }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    func health(req: Request) async throws -> Response {
        do {
            try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
            return try await Status(status: "ok").encodeResponse(for: req)
        } catch {
            req.logger.error("Health check failed: \(error)")
            return try await Status(status: "database unavailable").encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
