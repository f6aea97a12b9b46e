/// Neutralizes URLs that would run code when followed or loaded (`href`, `src`, `action`).
///
/// A deny list, not an allow list, so `tel:`, `sms:` and app links keep working; what it denies is
/// exactly what executes: `javascript:`, `vbscript:` and `data:` (except base64 raster images in
/// `src`). The scheme is read the way a browser reads it: ASCII whitespace and control characters
/// are ignored (browsers drop tabs and newlines anywhere) and case does not matter.
enum URLSanitizer {
    static let replacement = "#"

    static func sanitize(_ url: String, allowingImageData: Bool) -> String {
        guard let (scheme, rest) = scheme(of: url) else { return url }
        switch scheme {
        case "javascript", "vbscript":
            return replacement
        case "data":
            let rest = rest.lowercased().filter { !$0.isWhitespace }
            return allowingImageData && isRasterImageData(rest) ? url : replacement
        default:
            return url
        }
    }

    /// The scheme of `url` as a browser reads it, ASCII-lowercased, and what follows its ':'; nil when
    /// there is none (a relative URL). Errs towards finding one: whitespace and control characters
    /// are skipped anywhere before the ':', so `java\tscript:` reads as `javascript`. Also used by
    /// the Markdown renderer's allow list (`MarkdownURLPolicy`).
    static func scheme(of url: String) -> (name: String, rest: Substring)? {
        var scheme: [UInt8] = []
        let utf8 = url.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte <= 0x20 || byte == 0x7F {
                // Ignored, as a browser does.
            } else if byte == 0x3A {  // ':'
                return (String(decoding: scheme, as: UTF8.self), url[utf8.index(after: index)...])
            } else if isSchemeByte(byte), scheme.count < 16 {
                scheme.append(byte | 0x20)  // ASCII lowercase; digits and "+-." are unchanged by it.
            } else {
                return nil  // '/', '?', '#' or anything else before a ':' means there is no scheme.
            }
            index = utf8.index(after: index)
        }
        return nil
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2B || byte == 0x2D || byte == 0x2E
    }

    /// SVG is deliberately absent: an SVG document can carry script.
    private static func isRasterImageData(_ rest: String) -> Bool {
        ["image/png;base64,", "image/jpeg;base64,", "image/gif;base64,", "image/webp;base64,"]
            .contains { rest.hasPrefix($0) }
    }
}
