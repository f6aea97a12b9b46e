// Byte-level writing. Escaping walks the UTF-8 bytes once and copies unescaped runs with memcpy,
// because String.replacingOccurrences (five passes, five allocations) would dominate render time.

/// Writes into memory that was sized for the worst case before writing started (see
/// `HTML.maximumByteCount`), so no write needs to grow the buffer or check uniqueness: Array's
/// append did both on every call and was a third of render time in profiles. The bound is still
/// checked (a precondition, not an assert), because a wrong bound must never write out of bounds.
struct ByteWriter: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
        capacity = buffer.count
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < capacity, "HTML.maximumByteCount underestimated")
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(count + bytes.count <= capacity, "HTML.maximumByteCount underestimated")
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Compile-time markup: tag names, `</`, entity spellings.
    @inline(__always)
    mutating func write(_ string: StaticString) {
        write(UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    mutating func writeOpenTag(_ tag: StaticString, _ attributes: [Attribute]) {
        write(0x3C)  // <
        write(tag)
        for index in attributes.indices {
            attributes[index].write(into: &self)
        }
        write(0x3E)  // >
    }

    mutating func writeCloseTag(_ tag: StaticString) {
        write("</")
        write(tag)
        write(0x3E)  // >
    }

    /// Markup that is already known to be safe, byte for byte.
    mutating func writeRaw(_ string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ write($0) }) == nil {
            var copy = string
            copy.withUTF8 { write($0) }
        }
    }

    /// Text or an attribute value, so that it can never be read as markup: `& < > " '` become
    /// entities (quotes too, so one function is safe in text and in quoted attributes), and NUL
    /// becomes U+FFFD, which is what a browser would make of it anyway.
    mutating func writeEscaped(_ string: String) {
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped(bytes: $0) }) == nil {
            var copy = string
            copy.withUTF8 { writeEscaped(bytes: $0) }
        }
    }

    /// Escaping grows a byte to at most six (`"` → `&quot;`).
    static let maximumEscapedGrowth = 6

    private mutating func writeEscaped(bytes source: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in source.indices {
            let byte = source[index]
            // Everything that needs escaping is at or below '>' (0x3E); letters are above it.
            guard byte <= 0x3E else { continue }
            let replacement: StaticString
            switch byte {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            case 0x00: replacement = "\u{FFFD}"
            default: continue
            }
            write(UnsafeBufferPointer(rebasing: source[runStart..<index]))
            write(replacement)
            runStart = index + 1
        }
        write(UnsafeBufferPointer(rebasing: source[runStart...]))
    }
}
