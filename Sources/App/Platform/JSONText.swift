/// JSON written by hand where JSONEncoder costs too much (a batch's rows).
enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        var plainFrom = text.utf8.startIndex
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 else { continue }
            json += Substring(text.utf8[plainFrom..<index])
            switch byte {
            case UInt8(ascii: "\""): json += "\\\""
            case UInt8(ascii: "\\"): json += "\\\\"
            case UInt8(ascii: "\n"): json += "\\n"
            case UInt8(ascii: "\r"): json += "\\r"
            case UInt8(ascii: "\t"): json += "\\t"
            default:
                json += "\\u00" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
            }
            plainFrom = text.utf8.index(after: index)
        }
        json += Substring(text.utf8[plainFrom...])
        json += "\""
    }
}
