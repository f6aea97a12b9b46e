import Vapor
import Foundation

/// A random secret carried by a link, a cookie or an API token. Only its SHA-256 is stored, so a
/// database leak does not hand out working links or sessions.
struct SecretToken: Sendable {
    let value: String

    /// 32 random bytes, base64url without padding: 256 bits, safe in URLs and cookies.
    static func generate() -> SecretToken {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return SecretToken(value: bytes.base64URLEncoded())
    }

    var hash: String { SecretToken.hash(value) }

    /// Lower-case hex of SHA-256. Runs on every signed-in request, so it avoids `String(format:)`.
    static func hash(_ value: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(value.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension Data {
    func base64URLEncoded() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Compares secrets in time independent of where they differ.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<x.count { diff |= x[i] ^ y[i] }
    return diff == 0
}
