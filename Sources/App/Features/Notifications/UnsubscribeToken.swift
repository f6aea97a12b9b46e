import Domain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What an e-mail's unsubscribe link stops, signed so that it works without signing in and
/// cannot be forged for someone else: "<person>.<kind>+<kind>.<HMAC-SHA256>".
struct UnsubscribeToken: Equatable, Sendable {
    let personID: UUID
    let kinds: Set<NotificationKind>

    private var payload: String {
        personID.lowercasedText + "." + NotificationKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: "+")
    }

    func signed(with key: SymmetricKey) -> String {
        payload + "." + Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)).base64URLEncoded()
    }

    /// The token if `text` is one this installation signed; nil for anything else.
    static func verify(_ text: String, key: SymmetricKey) -> UnsubscribeToken? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let personID = UUID(uuidString: parts[0]) else { return nil }
        let kinds = parts[1].split(separator: "+").map { NotificationKind(rawValue: String($0)) }
        guard !kinds.isEmpty, !kinds.contains(nil) else { return nil }
        let token = UnsubscribeToken(personID: personID, kinds: Set(kinds.compactMap { $0 }))
        // Only a token in its one canonical form, its signature compared in constant time.
        guard token.payload == parts[0] + "." + parts[1], constantTimeEquals(token.signed(with: key), text) else { return nil }
        return token
    }
}

/// Keys the installation makes for itself on first use, kept in the database so every node
/// signs and checks with the same one, and in memory after the first read.
final class InstallationKeys: Sendable {
    enum Name: String { case unsubscribe }
    private let cache = NIOLockedValueBox<[String: SymmetricKey]>([:])

    func key(_ name: Name, on db: any Database) async throws -> SymmetricKey {
        if let key = cache.withLockedValue({ $0[name.rawValue] }) { return key }
        let value: String
        if let row = try await InstallationSecretRecord.query(on: db).filter(\.$name == name.rawValue).first() {
            value = row.value
        } else {
            let fresh = SecretToken.generate().value
            do {
                try await InstallationSecretRecord(name: name.rawValue, value: fresh).create(on: db)
                value = fresh
            } catch {
                // Another node made it first: use theirs.
                guard (error as? any DatabaseError)?.isConstraintFailure == true,
                      let row = try await InstallationSecretRecord.query(on: db).filter(\.$name == name.rawValue).first() else { throw error }
                value = row.value
            }
        }
        let key = SymmetricKey(data: Data(value.utf8))
        cache.withLockedValue { $0[name.rawValue] = key }
        return key
    }
}

extension Application {
    private struct InstallationKeysKey: StorageKey { typealias Value = InstallationKeys }

    /// Set up by configure(_:config:).
    var installationKeys: InstallationKeys {
        get {
            guard let keys = storage[InstallationKeysKey.self] else { fatalError("configure(_:config:) sets up app.installationKeys") }
            return keys
        }
        set { storage[InstallationKeysKey.self] = newValue }
    }
}
