@testable import Views

/// A strict reader of Markdown output that lists everything a browser could run. It accepts only
/// what `MarkupWriter` writes: allowlisted tags, properly nested; ` name="value"` attributes from
/// an allowlist per tag, values without raw `<`, `>` or quotes; text whose only `&` starts one of
/// the five entities the writer uses. So it fails on any raw markup, not only on known payloads.
enum MarkupChecker {
    static let attributes: [String: Set<String>] = [
        "a": ["href", "title", "rel"], "img": ["src", "alt", "title"], "code": ["class"], "ol": ["start"],
        "th": ["align"], "td": ["align"],
    ]

    /// What is wrong with `html`; empty when it is safe.
    static func problems(in html: String) -> [String] {
        var reader = Reader(bytes: Array(html.utf8))
        return reader.read()
    }

    /// The scheme a browser reads in a URL (WHATWG URL parsing: leading and trailing C0 controls and
    /// spaces stripped, tabs and newlines removed anywhere), lowercased; nil for a relative URL.
    static func browserScheme(_ url: String) -> String? {
        var scalars = Array(url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        guard let first = scalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return nil }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.lowercased() }
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "+" || scalar == "-" || scalar == "."
            guard allowed else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }

    static func checkURL(_ url: String, attribute: String) -> String? {
        let squashed = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        for scheme in ["javascript:", "vbscript:", "data:", "file:"] where squashed.hasPrefix(scheme) {
            return "\(attribute) starts with \(scheme): \(url)"
        }
        let allowed: Set<String> = attribute == "src" ? ["http", "https"] : ["http", "https", "mailto"]
        if let scheme = browserScheme(url), !allowed.contains(scheme) { return "\(attribute) has scheme \(scheme)" }
        return nil
    }
}

private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var problems: [String] = []
    var open: [String] = []

    mutating func read() -> [String] {
        while index < bytes.count, problems.isEmpty {
            switch bytes[index] {
            case UInt8(ascii: "<"): tag()
            case UInt8(ascii: "&"): _ = entity()
            case UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): fail("raw \(bytes[index]) in text")
            default: index += 1
            }
        }
        if problems.isEmpty, !open.isEmpty { fail("unclosed \(open)") }
        return problems
    }

    mutating func fail(_ problem: String) {
        problems.append(problem + " at byte \(index)")
        index = bytes.count
    }

    mutating func word() -> String {
        let start = index
        while index < bytes.count, (0x61...0x7A).contains(bytes[index]) || (0x30...0x39).contains(bytes[index]) {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func expect(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func tag() {
        index += 1
        let closing = expect(UInt8(ascii: "/"))
        let name = word()
        guard let tag = MarkupWriter.Tag(rawValue: name) else { return fail("tag <\(closing ? "/" : "")\(name)") }
        if closing {
            guard expect(UInt8(ascii: ">")), open.popLast() == name else { return fail("bad end tag </\(name)") }
            return
        }
        while expect(UInt8(ascii: " ")) {
            let attribute = word()
            guard MarkupChecker.attributes[name, default: []].contains(attribute), !attribute.hasPrefix("on") else {
                return fail("attribute \(attribute) on <\(name)>")
            }
            guard expect(UInt8(ascii: "=")), expect(UInt8(ascii: "\"")) else { return fail("unquoted \(attribute)") }
            var value: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                switch bytes[index] {
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "'"): return fail("raw markup in \(attribute)")
                case UInt8(ascii: "&"):
                    guard let decoded = entity() else { return }
                    value.append(decoded)
                default:
                    value.append(bytes[index])
                    index += 1
                }
            }
            guard expect(UInt8(ascii: "\"")) else { return fail("unterminated \(attribute)") }
            if let problem = check(attribute, String(decoding: value, as: UTF8.self)) { return fail(problem) }
        }
        guard expect(UInt8(ascii: ">")) else { return fail("junk in <\(name)>") }
        if !tag.isVoid { open.append(name) }
    }

    func check(_ attribute: String, _ value: String) -> String? {
        switch attribute {
        case "href", "src": MarkupChecker.checkURL(value, attribute: attribute)
        case "rel": value == "noopener noreferrer nofollow" ? nil : "rel \(value)"
        case "class": value.wholeMatch(of: /language-[a-z0-9+-]+/) == nil ? "class \(value)" : nil
        case "start": value.wholeMatch(of: /[0-9]+/) == nil ? "start \(value)" : nil
        case "align": ["left", "center", "right"].contains(value) ? nil : "align \(value)"
        default: nil
        }
    }

    static let entities: [(String, UInt8)] = [
        ("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27),
    ]

    /// One of the writer's five entities; anything else after `&` is a problem.
    mutating func entity() -> UInt8? {
        for (spelling, byte) in Self.entities where bytes[index...].starts(with: spelling.utf8) {
            index += spelling.utf8.count
            return byte
        }
        fail("stray &")
        return nil
    }
}
