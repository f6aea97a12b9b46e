import Foundation

extension UUID {
    /// A UUID of version 7: its first 48 bits are the time in milliseconds, the rest random. Rows
    /// keyed by such ids go to the end of their index instead of all over it: twenty answers of a
    /// submission touched twenty pages of `quiz_answers`' primary key, and SQLite wrote each to
    /// its log.
    static func timeOrdered(at now: Date = Date()) -> UUID {
        // 122 random bits from one system call (two draws of 64 bits were two, and an array),
        // then the time over the first 48.
        var uuid = UUID().uuid
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
            bytes[8] = 0x80 | (bytes[8] & 0x3F)  // the RFC 9562 variant
        }
        return UUID(uuid: uuid)
    }
}
