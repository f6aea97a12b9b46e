// Byte-level writing. Escaping walks the UTF-8 bytes once, eight at a time where none needs
// escaping, because String.replacingOccurrences (five passes, five allocations) would dominate.

/// Writes into memory that was reserved before writing started (`RenderContext.write(upTo:)`), so
/// no single write grows a buffer. The bound is still checked (a precondition, not an assert),
/// because a wrong bound must never write out of bounds.
struct ByteWriter: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        precondition(count < capacity, "HTML byte bound underestimated")
        base[count] = byte
        count += 1
    }

    /// Short runs (tag names, attribute names) are copied inline: a memcpy call per tag name and
    /// entity was a tenth of build time in profiles.
    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(bytes.count <= capacity - count, "HTML byte bound underestimated")
        Self.copy(source, to: base + count, count: bytes.count)
        count += bytes.count
    }

    /// Up to 16 bytes as two fixed-size moves that may overlap (a loop would be compiled back into
    /// a memcpy call); longer runs with memcpy.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        func move<T>(_: T.Type, at offset: Int) {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: offset, as: T.self)
        }
        switch count {
        case 8...16: move(UInt64.self, at: 0); move(UInt64.self, at: count - 8)
        case 4..<8: move(UInt32.self, at: 0); move(UInt32.self, at: count - 4)
        case 2..<4: move(UInt16.self, at: 0); move(UInt16.self, at: count - 2)
        case 1: target.pointee = source.pointee
        case 0: break
        default: target.initialize(from: source, count: count)
        }
    }

    /// Compile-time markup: tag names, `</`, entity spellings.
    @inline(__always)
    mutating func write(_ string: StaticString) {
        write(UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    /// Markup that is already known to be safe, byte for byte.
    @inline(__always)
    mutating func writeRaw(_ string: String) {
        withUTF8(of: string) { write($0) }
    }

    /// Text or an attribute value, so that it can never be read as markup: `& < > " '` become
    /// entities (quotes too, so one function is safe in text and in quoted attributes), and NUL
    /// becomes U+FFFD, which is what a browser would make of it anyway.
    @inline(__always)
    mutating func writeEscaped(_ string: String) {
        withUTF8(of: string) { writeEscaped(bytes: $0) }
    }

    /// Takes the bytes rather than the String: a String read from an array or a struct and passed
    /// to a call was copied first (a retain and a release).
    mutating func writeEscaped(bytes source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress else { return }
        let length = source.count
        guard length <= (capacity - count) / Escaping.maximumGrowth else {
            // Room was reserved for exactly this text (long text), not the worst case.
            for index in 0..<length { write(escaping: from[index]) }
            return
        }
        // The worst case fits (checked just above), so no single write is checked below.
        var to = base + count
        var index = 0
        while length - index >= 8 {  // eight bytes at a time while none needs escaping
            let word = UnsafeRawPointer(from + index).loadUnaligned(as: UInt64.self)
            if Escaping.mayNeedEscape(word) {
                for offset in 0..<8 { to = Escaping.write(from[index + offset], at: to) }
            } else {
                UnsafeMutableRawPointer(to).storeBytes(of: word, as: UInt64.self)
                to += 8
            }
            index += 8
        }
        while index < length {
            to = Escaping.write(from[index], at: to)
            index += 1
        }
        count = to - base
    }

    private mutating func write(escaping byte: UInt8) {
        if Escaping.needsEscape(byte) {
            write(Escaping.replacement(for: byte))
        } else {
            write(byte)
        }
    }
}
