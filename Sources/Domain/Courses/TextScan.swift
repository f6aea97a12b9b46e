/// Checks, chunk by chunk as an upload streams in, that a whole file is text: valid UTF-8 with no
/// NUL byte. A file is only accepted as CSV or plain text when every byte passed.
public struct TextScan: Sendable {
    private var valid = true
    /// The start of a character split between two chunks (at most 3 bytes).
    private var pending: [UInt8] = []

    public init() {}

    /// True once every byte fed so far formed complete, valid UTF-8 without NUL.
    public var isText: Bool { valid && pending.isEmpty }

    public mutating func feed(_ chunk: some Collection<UInt8>) {
        guard valid, !chunk.isEmpty else { return }
        var bytes = pending + chunk
        if bytes.contains(0) { valid = false; return }
        let cut = Self.completeLength(bytes)
        pending = Array(bytes[cut...])
        bytes.removeSubrange(cut...)
        if String(validating: bytes, as: UTF8.self) == nil { valid = false }
    }

    /// The length of the prefix that ends on a character boundary: a trailing lead byte and its
    /// continuation bytes wait for the next chunk when the sequence they start is not complete.
    static func completeLength(_ bytes: [UInt8]) -> Int {
        var index = bytes.count
        var continuations = 0
        while index > 0, continuations < 3, bytes[index - 1] & 0xC0 == 0x80 {
            index -= 1
            continuations += 1
        }
        guard index > 0 else { return bytes.count }
        let lead = bytes[index - 1]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuations ? index - 1 : bytes.count
    }
}
