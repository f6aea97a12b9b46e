/// Character references (`&#38;`, `&#x26;`, `&amp;`) as CommonMark reads them, decoded to text
/// that the writer escapes again: a reference can spell any character but never markup, and a URL
/// is checked after decoding. Named references are limited to a common set (anything else can be
/// typed as itself); an unknown one stays text, ampersand included.
enum CharacterReference {
    /// The UTF-8 of the character referenced at `start` (an `&`) and the reference's length.
    static func decode(_ bytes: ArraySlice<UInt8>, at start: Int) -> (bytes: [UInt8], length: Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            let isHex = index < bytes.endIndex && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if isHex { index += 1 }
            let digitsStart = index
            var value: UInt32 = 0
            while index < bytes.endIndex, index - digitsStart < (isHex ? 6 : 7),
                  let digit = digit(bytes[index], hex: isHex) {
                value = value * (isHex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") else { return nil }
            // NUL, surrogates and values past U+10FFFF become U+FFFD, as in CommonMark.
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), index + 1 - start)
        }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, index < bytes.endIndex, bytes[index] == UInt8(ascii: ";"),
              let character = named[String(decoding: bytes[nameStart..<index], as: UTF8.self)]
        else { return nil }
        return (Array(character.utf8), index + 1 - start)
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Typography authors reach for, and the ones XSS payloads use to hide syntax (`&colon;`,
    /// `&Tab;`, `&NewLine;`), so that those are decoded and then refused like the plain spelling.
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "bull": "•", "middot": "·", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "le": "≤", "ge": "≥", "ne": "≠", "asymp": "≈",
        "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "rArr": "⇒",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "micro": "µ",
        "colon": ":", "Tab": "\t", "NewLine": "\n", "sol": "/", "lpar": "(", "rpar": ")",
        "num": "#", "excl": "!", "semi": ";", "comma": ",", "period": ".", "quest": "?",
    ]
}
