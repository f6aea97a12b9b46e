import Vapor

/// The address a request really comes from. Behind nginx every connection comes from the proxy,
/// so throttling by the connecting address would lock everyone out together; the proxy's
/// `X-Forwarded-For` is believed only when the connection comes from a proxy we were told to trust
/// (`ATELIER_TRUSTED_PROXIES`), and then only its right-most untrusted entry (the one the proxy saw).
enum ClientAddress {
    static func resolve(remote: String?, forwardedFor: String?, trusted: Set<String>) -> String {
        let connecting = remote ?? "unknown"
        guard trusted.contains(connecting), let forwardedFor else { return connecting }
        let hops = forwardedFor.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last { !trusted.contains($0) } ?? connecting
    }
}

extension Request {
    var clientAddress: String {
        ClientAddress.resolve(remote: remoteAddress?.ipAddress, forwardedFor: headers.first(name: "X-Forwarded-For"),
                              trusted: atelierConfig.trustedProxies)
    }
}
