import Foundation

/// Slows down password guessing: after `limit` failures for one account or one address within
/// `window`, sign-in is refused until the oldest of those failures leaves the window.
public struct SignInThrottle: Sendable {
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        case refused(retryAfter: TimeInterval)
    }

    /// - Parameter failures: the times of recent failures for the account or the address.
    public func decide(failures: [Date], now: Date) -> Decision {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return .allowed }
        let oldestCounted = recent[recent.count - limit]
        return .refused(retryAfter: max(1, (oldestCounted.addingTimeInterval(window)).timeIntervalSince(now).rounded(.up)))
    }

    /// The start of the window, for loading only the failures that matter.
    public func windowStart(now: Date) -> Date { now.addingTimeInterval(-window) }
}
