/// The name an uploaded file is stored, linked and downloaded under. Browsers send whatever the
/// uploader's disk held: paths, control characters, quotes, right-to-left overrides, 500
/// characters. What is kept is one short line of letters, digits and a little punctuation, ending
/// in an extension that matches the bytes, so a download opens in the program it claims.
public enum FileName {
    public static let maximumLength = 100

    public static func sanitize(_ raw: String, as type: FileType) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.map { scalar -> Character in
            allowed(scalar) ? Character(scalar) : "_"
        })
        name = name.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        // No hidden files, no names ending in a dot (Windows drops it, changing the extension).
        name = String(name.drop { $0 == "." || $0 == " " })
        while name.last == "." || name.last == " " { name.removeLast() }
        var (base, ext) = split(name)
        while base.last == " " { base.removeLast() }
        if !type.extensions.contains(ext.lowercased()) {
            base = name
            ext = type.extensions[0]
        }
        if base.isEmpty { base = "file" }
        let room = maximumLength - ext.count - 1
        if base.count > room { base = String(base.prefix(room)) }
        return base + "." + ext
    }

    private static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || " .-_()+,".unicodeScalars.contains(scalar)
        }
        // Letters and digits of any script (é, ß, 日本); no marks of direction, no invisible ones.
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
             .decimalNumber, .nonspacingMark, .spacingMark:
            return true
        default:
            return false
        }
    }

    private static func split(_ name: String) -> (base: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}
