import Foundation

/// A rate limit: up to `capacity` actions at once, refilled at `perSecond` a second. A value, so
/// the caller decides where it lives (one per person, under a lock).
public struct TokenBucket: Sendable, Equatable {
    public let capacity: Double
    public let perSecond: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date

    public init(capacity: Double, perSecond: Double, now: Date) {
        self.capacity = capacity
        self.perSecond = perSecond
        self.tokens = capacity
        self.updatedAt = now
    }

    /// Takes one token if there is one; false means "too fast, try later".
    public mutating func take(now: Date) -> Bool {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(capacity, tokens + elapsed * perSecond)
        updatedAt = max(updatedAt, now)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
