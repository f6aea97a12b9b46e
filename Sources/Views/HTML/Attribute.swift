/// One attribute of an element: a name and an optional value (`nil` renders a boolean attribute,
/// just the name). Values are always double-quoted and escaped; URL values are also sanitized.
///
/// Names are fixed by this type's functions or validated by `custom`, `data` and `aria`, which trap
/// on a bad name: names come from code, never from users, so a bad one is a programming error.
public struct Attribute: Sendable {
    /// The name when it is a constant of this folder (empty for an absent attribute, a boolean one
    /// whose condition was false); a StaticString, so writing it touches no String machinery.
    let knownName: StaticString
    /// The name when it came through `custom`, `data` or `aria` (checked by `isAllowedName`).
    let customName: String?
    let value: String?

    /// For names written in this folder, which are known to be valid.
    init(known name: StaticString, _ value: String?) {
        knownName = name
        customName = nil
        self.value = value
    }

    private init(checked name: String, _ value: String?) {
        knownName = ""
        customName = name
        self.value = value
    }

    /// For URL-valued attributes: the value is neutralized if it would run code.
    init(url name: StaticString, _ value: String, allowingImageData: Bool = false) {
        self.init(known: name, URLSanitizer.sanitize(value, allowingImageData: allowingImageData))
    }

    /// A boolean attribute that is present only when `isOn`.
    init(flag name: StaticString, _ isOn: Bool) {
        self.init(known: isOn ? name : "", nil)
    }

    /// The most `write` writes: ` name="value"` with every value byte an entity. A bound, not a
    /// count, so that sizing an open tag does not scan the values.
    @inline(__always)
    var byteBound: Int {
        let name = customName?.utf8.count ?? knownName.utf8CodeUnitCount
        return 1 + name + 3 + (value?.utf8.count ?? 0) * Escaping.maximumGrowth
    }

    @inline(__always)
    func write(into writer: inout ByteWriter) {
        if let customName {
            writer.write(0x20)  // space
            writer.writeRaw(customName)
        } else if knownName.utf8CodeUnitCount > 0 {
            writer.write(0x20)
            writer.write(knownName)
        } else {
            return  // absent
        }
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
        return Attribute(checked: name, value)
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

extension ByteWriter {
    /// The most `writeOpenTag` writes.
    @inline(__always)
    static func openTagByteBound(_ tag: StaticString, _ attributes: [Attribute]) -> Int {
        // Through a pointer, with the per-attribute work inlined: an attribute read from the array
        // and passed to a call was copied first (a retain and a release of its strings).
        attributes.withUnsafeBufferPointer { attributes in
            var total = tag.utf8CodeUnitCount + 2  // <tag>
            for index in attributes.indices {
                total += attributes[index].byteBound
            }
            return total
        }
    }

    @inline(__always)
    mutating func writeOpenTag(_ tag: StaticString, _ attributes: [Attribute]) {
        write(0x3C)  // <
        write(tag)
        if !attributes.isEmpty {
            attributes.withUnsafeBufferPointer { attributes in
                for index in attributes.indices {
                    attributes[index].write(into: &self)
                }
            }
        }
        write(0x3E)  // >
    }

    mutating func writeCloseTag(_ tag: StaticString) {
        write("</")
        write(tag)
        write(0x3E)  // >
    }
}
