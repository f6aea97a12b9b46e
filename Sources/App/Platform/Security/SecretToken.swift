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

    static func hash(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
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
