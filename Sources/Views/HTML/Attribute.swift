/// One attribute of an element: a name and an optional value (`nil` renders a boolean attribute,
/// just the name). Values are always double-quoted and escaped; URL values are also sanitized.
///
/// Names are fixed by this type's functions or validated by `custom`, `data` and `aria`, which trap
/// on a bad name: names come from code, never from users, so a bad one is a programming error.
public struct Attribute: Sendable {
    /// Empty for an absent attribute (a boolean attribute whose condition was false).
    let name: String
    let value: String?

    /// For names written in this folder, which are known to be valid.
    init(known name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    /// For URL-valued attributes: the value is neutralized if it would run code.
    init(url name: String, _ value: String, allowingImageData: Bool = false) {
        self.init(known: name, URLSanitizer.sanitize(value, allowingImageData: allowingImageData))
    }

    /// A boolean attribute that is present only when `isOn`.
    init(flag name: String, _ isOn: Bool) {
        self.init(known: isOn ? name : "", nil)
    }

    /// ` name="value"` with every value byte escaped to the longest entity.
    var maximumByteCount: Int {
        name.utf8.count + 4 + (value?.utf8.count ?? 0) * ByteWriter.maximumEscapedGrowth
    }

    func write(into writer: inout ByteWriter) {
        guard !name.isEmpty else { return }
        writer.write(0x20)  // space
        writer.writeRaw(name)
        if let value {
            writer.write("=\"")
            writer.writeEscaped(value)
            writer.write(0x22)  // "
        }
    }
}

public extension Attribute {
    /// Any attribute this type does not spell out. Traps unless `isAllowedName(name)`.
    static func custom(_ name: String, _ value: String?) -> Attribute {
        precondition(isAllowedName(name), "Attribute name not allowed: \(name)")
        return Attribute(known: name, value)
    }

    /// `data-<name>="value"`, for the small JavaScript modules.
    static func data(_ name: String, _ value: String) -> Attribute {
        custom("data-" + name, value)
    }

    /// `aria-<name>="value"`; the common ones have shortcuts (`ariaLabel`, …).
    static func aria(_ name: String, _ value: String) -> Attribute {
        custom("aria-" + name, value)
    }

    /// Whether `custom` accepts `name`: it must match `[a-zA-Z][a-zA-Z0-9-:]*` and must not be an
    /// inline event handler (`on…`), `style` (we ship one stylesheet and a strict CSP), or a URL
    /// attribute, which must go through `href`/`src`/`action` so that it is sanitized.
    static func isAllowedName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, isLetter(first) else { return false }
        guard bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x2D || $0 == 0x3A }) else {
            return false
        }
        let lowered = name.lowercased()
        return !lowered.hasPrefix("on") && !refusedNames.contains(lowered)
    }
}

extension Attribute {
    /// Names that carry a URL or CSS and so would bypass sanitizing if written through `custom`.
    static let refusedNames: Set<String> = [
        "style", "href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href", "poster",
        "background", "ping", "data", "codebase", "manifest", "lowsrc", "dynsrc",
    ]

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte)
    }
}
