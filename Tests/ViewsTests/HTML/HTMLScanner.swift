@testable import Views

/// A deliberately simple reader of our own output: tags, attributes (name, optional double-quoted
/// value) and text. If escaping ever let a `<`, `"` or `'` through, what it reads back would differ
/// from what was built, which is what the tests check.
enum HTMLScanner {
    struct Tag: Equatable {
        var tag: String
        var attributes: [(name: String, value: String?)]

        static func == (lhs: Tag, rhs: Tag) -> Bool {
            lhs.tag == rhs.tag && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
        }
    }

    /// Every start and end tag (end tags as "/name"), in order; attribute values are unescaped.
    static func scan(_ html: String) -> [Tag] {
        var tags: [Tag] = []
        var chars = Substring(html)
        while let open = chars.firstIndex(of: "<") {
            chars = chars[chars.index(after: open)...]
            let name = chars.prefix { $0 != " " && $0 != ">" }
            chars = chars.dropFirst(name.count)
            var tag = Tag(tag: String(name), attributes: [])
            while let first = chars.first, first == " " {
                chars = chars.dropFirst()
                let attribute = chars.prefix { $0 != "=" && $0 != " " && $0 != ">" }
                chars = chars.dropFirst(attribute.count)
                var value: String?
                if chars.hasPrefix("=\"") {
                    chars = chars.dropFirst(2)
                    let raw = chars.prefix { $0 != "\"" }
                    chars = chars.dropFirst(raw.count + 1)
                    value = htmlUnescape(String(raw))
                }
                tag.attributes.append((String(attribute), value))
            }
            guard chars.first == ">" else { return tags + [Tag(tag: "MALFORMED", attributes: [])] }
            tags.append(tag)
        }
        return tags
    }

    /// The text between tags, unescaped.
    static func text(_ html: String) -> String {
        htmlUnescape(html.replacing(/<[^>]*>/, with: ""))
    }
}
