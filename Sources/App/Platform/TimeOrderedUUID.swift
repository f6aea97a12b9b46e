import Foundation

extension UUID {
    /// A UUID of version 7: its first 48 bits are the time in milliseconds, the rest random. Rows
    /// keyed by such ids go to the end of their index instead of all over it: twenty answers of a
    /// submission touched twenty pages of `quiz_answers`' primary key, and SQLite wrote each to
    /// its log.
    static func timeOrdered(at now: Date = Date()) -> UUID {
        // Two draws of 64 bits (one a byte was sixteen system calls).
        var generator = SystemRandomNumberGenerator()
        let high = generator.next(), low = generator.next()
        var bytes = (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (8 * ($0 % 8))) }
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // the RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
