import Foundation

/// The part of a file a `Range` request header asks for (RFC 9110 §14). Video players seek with
/// it: Chrome asks `bytes=123456-`, Safari starts with `bytes=0-1`.
///
/// Vapor's `FileIO.streamFile` is not used for uploads: it answers 400 where 416 is due, reads
/// one byte too many for `bytes=0-<size>`, and its ETag comes from the file's modification time,
/// which differs between the nodes sharing a volume. Blobs have a better one: their hash.
enum ByteRange: Equatable {
    /// No usable range: the whole file, 200.
    case whole
    /// 206 with these bytes.
    case part(Range<Int>)
    /// 416: the range starts past the end.
    case unsatisfiable

    static func resolve(_ header: String?, size: Int) -> ByteRange {
        guard let header else { return .whole }
        let text = header.trimmingCharacters(in: .whitespaces)
        // Another unit, or several ranges: answering with the whole file is always allowed.
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .whole }
        let spec = text.dropFirst("bytes=".count)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard bounds.count == 2 else { return .whole }
        let (first, last) = (bounds[0], bounds[1])
        if first.isEmpty {
            // `bytes=-500`: the last 500 bytes.
            guard let suffix = number(last) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - suffix) ..< size)
        }
        guard let start = number(first) else { return .whole }
        var end = size - 1
        if !last.isEmpty {
            guard let requested = number(last), requested >= start else { return .whole }
            end = min(requested, size - 1)
        }
        guard start < size else { return .unsatisfiable }
        return .part(start ..< end + 1)
    }

    /// Digits only (`Int("+5")` would accept a sign); nil past `Int.max`.
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}
