import Foundation
import NIOConcurrencyHelpers

extension UUID {
    /// A UUID of version 7: its first 48 bits are the time in milliseconds, the rest random. Rows
    /// keyed by such ids go to the end of their index instead of all over it: twenty answers of a
    /// submission touched twenty pages of `quiz_answers`' primary key, and SQLite wrote each to
    /// its log.
    static func timeOrdered(at now: Date = Date()) -> UUID {
        var uuid = RandomBytes.shared.uuid()
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        withUnsafeMutableBytes(of: &uuid) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
            bytes[8] = 0x80 | (bytes[8] & 0x3F)  // the RFC 9562 variant
        }
        return UUID(uuid: uuid)
    }
}

/// The system's random bytes, read 4 kB at a time: a submission makes twenty ids, and each draw
/// is a system call (Foundation's `UUID()` makes three: open, read and close /dev/urandom; two
/// 64-bit draws of the standard library, two). One for the process, as the system's generator is:
/// it holds nothing but bytes not yet handed out.
final class RandomBytes: Sendable {
    static let shared = RandomBytes()
    private static let size = 4_096
    private let pool = NIOLockedValueBox((bytes: [UInt8](repeating: 0, count: RandomBytes.size), used: RandomBytes.size))

    /// Sixteen random bytes, as a UUID's.
    func uuid() -> uuid_t {
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        pool.withLockedValue { pool in
            if pool.used + 16 > pool.bytes.count {
                pool.bytes.withUnsafeMutableBytes { Self.fill($0) }
                pool.used = 0
            }
            withUnsafeMutableBytes(of: &uuid) { out in
                pool.bytes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[pool.used..<pool.used + 16])) }
            }
            pool.used += 16
        }
        return uuid
    }

    #if !canImport(Darwin)
    /// Kept open for the process (Swift's Glibc does not offer `getrandom`).
    private static let urandom: Int32? = {
        let device = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        return device >= 0 ? device : nil
    }()
    #endif

    private static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        #if canImport(Darwin)
        arc4random_buf(buffer.baseAddress!, buffer.count)
        #else
        var filled = 0
        while filled < buffer.count, let device = urandom {
            let count = read(device, buffer.baseAddress! + filled, buffer.count - filled)
            if count > 0 { filled += count } else if count < 0, errno == EINTR { continue } else { break }
        }
        // Not expected: the standard library's generator, 64 bits a system call.
        var generator = SystemRandomNumberGenerator()
        while filled < buffer.count { buffer[filled] = generator.next(); filled += 1 }
        #endif
    }
}
