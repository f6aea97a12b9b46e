@testable import App
import Foundation
import Vapor
import VaporTesting

/// A minimal browser over the in-memory app: keeps cookies, sends the CSRF token with forms, and
/// does not follow redirects (tests check where they point).
struct Browser {
    let app: Application
    var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    var csrf: String? { cookies[CSRFMiddleware.cookieName] }

    @discardableResult
    mutating func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. Fetches a page first when no CSRF cookie is held yet, as a browser would have.
    @discardableResult
    mutating func post(_ path: String, _ form: [String: String], csrf sendCSRF: Bool = true) async throws -> TestingHTTPResponse {
        if csrf == nil { try await get("/sign-in") }
        var fields = form
        if sendCSRF, let csrf { fields["_csrf"] = csrf }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one file.
    @discardableResult
    mutating func upload(_ path: String, field: String, filename: String, contents: String,
                         form: [String: String] = [:]) async throws -> TestingHTTPResponse {
        if csrf == nil { try await get("/sign-in") }
        let boundary = "----atelier-test-\(UUID().uuidString)"
        var body = ""
        var fields = form
        if let csrf { fields["_csrf"] = csrf }
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n\(contents)\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one binary file, the CSRF field first as browsers send it
    /// (`csrf: false` leaves it out; `headers` may carry `X-CSRF-Token` or `Accept`).
    @discardableResult
    mutating func uploadFile(_ path: String, bytes: [UInt8], filename: String, field: String = "file",
                             contentType: String = "application/octet-stream", form: [String: String] = [:],
                             csrf sendCSRF: Bool = true, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        if csrf == nil { try await get("/sign-in") }
        let boundary = "----atelier-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        var fields = form.sorted { $0.key < $1.key }
        if sendCSRF, let csrf { fields.insert((CSRFMiddleware.fieldName, csrf), at: 0) }
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        var headers = extra
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(bytes: body))
    }

    mutating func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for line in response.headers[.setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts.count > 1 ? parts[1] : ""
            let expired = line.lowercased().contains("max-age=0") || value.isEmpty
            if expired { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: " ", with: "+")
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var location: String? { headers.first(name: .location) }
}
