import Vapor
import Views

/// "What happened" messages shown once on the next page, carried in a short-lived cookie so they
/// survive the redirect after a form without touching the database.
extension Request {
    static let flashCookie = "atelier_flash"

    var flash: Flash? {
        guard let raw = cookie(Self.flashCookie),
              let data = Data(base64Encoded: raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + String(repeating: "=", count: (4 - raw.count % 4) % 4)),
              let flash = try? JSONDecoder().decode(Flash.self, from: data) else { return nil }
        return flash
    }

    /// A redirect (303, so the browser follows with GET) carrying a flash message.
    func redirect(to path: String, flash: Flash?) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        if let flash, let data = try? JSONEncoder().encode(flash) {
            response.cookies[Self.flashCookie] = HTTPCookies.Value(
                string: data.base64URLEncoded(), maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}
