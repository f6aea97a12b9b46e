/// Which bytes are escaped, and as what. Every one of them is ASCII below 64.
enum Escaping {
    /// Escaping grows a byte to at most six (`"` → `&quot;`).
    static let maximumGrowth = 6

    /// One bit per byte value below 64 that must be escaped: NUL `"` `&` `'` `<` `>`. Letters and
    /// UTF-8 continuation bytes are ruled out by one compare, the rest by a shift.
    private static var mask: UInt64 {
        1 << 0x00 | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 64 && (mask >> UInt64(byte)) & 1 != 0
    }

    /// Whether any of eight bytes needs escaping; exact for "none", which is the common answer
    /// for words of text. A byte matches if XOR with its value is zero; `&`/`'` and `<`/`>` differ
    /// in one bit each, so clearing that bit tests both at once.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        @inline(__always) func hasZeroByte(_ value: UInt64) -> UInt64 {
            (value &- ones) & ~value & (ones &* 0x80)
        }
        let nul = hasZeroByte(word)
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let ampersandOrApostrophe = hasZeroByte((word & ~ones) ^ (ones &* 0x26))
        let angle = hasZeroByte((word & ~(ones &* 0x02)) ^ (ones &* 0x3C))
        return nul | quote | ampersandOrApostrophe | angle != 0
    }

    /// Writes `byte`, or its entity, at `target` (which has room for six bytes); returns the end.
    @inline(__always)
    static func write(_ byte: UInt8, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard needsEscape(byte) else {
            target.pointee = byte
            return target + 1
        }
        let entity = replacement(for: byte)
        ByteWriter.copy(entity.utf8Start, to: target, count: entity.utf8CodeUnitCount)
        return target + entity.utf8CodeUnitCount
    }

    static func replacement(for byte: UInt8) -> StaticString {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: "\u{FFFD}"  // NUL, the only other byte `needsEscape` accepts.
        }
    }

    /// Exactly what `writeEscaped` writes for `string`.
    static func escapedByteCount(_ string: String) -> Int {
        withUTF8(of: string) { source in
            var total = source.count
            for byte in source where needsEscape(byte) {
                total += replacement(for: byte).utf8CodeUnitCount - 1
            }
            return total
        }
    }
}

/// The string's UTF-8 bytes without copying them (native strings are contiguous; a bridged or
/// otherwise lazy one is copied once).
@inline(__always)
func withUTF8<R>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) {
        return result
    }
    var copy = string
    return copy.withUTF8(body)
}
