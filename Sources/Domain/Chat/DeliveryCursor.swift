/// What one open connection has delivered of one conversation, so that each message reaches it
/// exactly once and in order, whether it comes from the catch-up after a reconnection, from the
/// live broadcast, or from both at once.
public struct DeliveryCursor: Sendable, Equatable {
    /// The highest sequence number delivered; everything up to it has been delivered.
    public private(set) var delivered: Int

    public init(lastSeen: Int) {
        delivered = max(0, lastSeen)
    }

    public enum Plan: Equatable, Sendable {
        /// Already delivered (a broadcast that raced the catch-up): drop it.
        case skip
        /// The next one: deliver it.
        case deliver
        /// Messages are missing before this one: load `from...through` and deliver them in order.
        case fetch(from: Int, through: Int)
    }

    /// What to do with message `sequence` that just arrived.
    public func plan(_ sequence: Int) -> Plan {
        if sequence <= delivered { return .skip }
        if sequence == delivered + 1 { return .deliver }
        return .fetch(from: delivered + 1, through: sequence)
    }

    /// Records that `sequence` was delivered; only ever moves forward, one step at a time.
    public mutating func advance(to sequence: Int) -> Bool {
        guard sequence == delivered + 1 else { return false }
        delivered = sequence
        return true
    }
}
