/// A block of a document. Inline content stays source bytes until rendering, when every link
/// reference definition of the document is known (a reference may come before its definition).
enum Block {
    /// `level` as written (1 for `#`); the renderer demotes it.
    case heading(level: Int, text: [UInt8])
    case paragraph([UInt8])
    case code(language: String?, text: [UInt8])
    case quote([Block])
    case list(ListBlock)
    case table(TableBlock)
    case thematicBreak
}

struct ListBlock {
    /// The first number of an ordered list; nil for a bullet list.
    var start: Int?
    /// No blank line between the items or between the blocks of an item: paragraphs are shown
    /// without `<p>`, as CommonMark does.
    var isTight: Bool
    var items: [[Block]]
}

struct TableBlock {
    enum Alignment: String { case left, center, right }

    /// One per column; nil when the delimiter row has no ':'.
    var alignments: [Alignment?]
    var header: [[UInt8]]
    /// Each row has at most one cell per column (extra cells are dropped, missing ones not padded).
    var rows: [[[UInt8]]]
}

/// An opening code fence: three or more backticks or tildes, and an info string.
struct Fence {
    let marker: UInt8
    let length: Int
    /// The opening fence's indentation, removed from each content line as far as it goes.
    let indentation: Int
    let info: Line

    /// `line` without its indentation (`indentation` columns, fewer than four).
    init?(_ line: Line, indentation: Int) {
        guard let marker = line.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = line.prefix { $0 == marker }.count
        let info = line.dropFirst(length).trimmingWhitespace
        // A backtick in a backtick fence's info string means this is inline code, not a fence.
        guard length >= 3, marker == UInt8(ascii: "~") || !info.contains(marker) else { return nil }
        (self.marker, self.length, self.indentation, self.info) = (marker, length, indentation, info)
    }

    func isClosed(by line: Line) -> Bool {
        guard line.indentation < 4 else { return false }
        let content = line.trimmingLeadingWhitespace
        let run = content.prefix { $0 == marker }.count
        return run >= length && content.dropFirst(run).isBlank
    }

    /// The info string's first word, lowercased and limited to `[a-z0-9+-]` (32 at most), so that
    /// `class="language-…"` is a plain class name whatever the author wrote.
    var language: String? {
        let word = info.prefix { $0 != 0x20 && $0 != 0x09 }
        let name = String(decoding: word, as: UTF8.self).lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-"
        }
        return name.isEmpty ? nil : String(String.UnicodeScalarView(name.prefix(32)))
    }
}
