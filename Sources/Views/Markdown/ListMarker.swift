/// The start of a list item: `-`, `*` or `+`, or one to nine digits and `.` or `)`, then a space
/// or the end of the line.
struct ListMarker {
    enum Kind: Equatable {
        case bullet(UInt8)
        case ordered(delimiter: UInt8)
    }

    let kind: Kind
    let start: Int
    /// Columns from the start of the line to the item's content: lines indented at least this much
    /// belong to the item.
    let contentIndentation: Int
    /// The first line's content, after the marker and its spaces.
    let firstLine: Line

    /// `line` with its indentation, which must be under four columns.
    init?(_ line: Line) {
        let leading = line.indentation
        guard leading < 4 else { return nil }
        let body = line.trimmingLeadingWhitespace
        guard let first = body.first else { return nil }
        let markerLength: Int
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            (kind, start, markerLength) = (.bullet(first), 1, 1)
        } else {
            let digits = body.prefix { (0x30...0x39).contains($0) }
            guard (1...9).contains(digits.count), let delimiter = body.dropFirst(digits.count).first,
                  delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")")
            else { return nil }
            (kind, markerLength) = (.ordered(delimiter: delimiter), digits.count + 1)
            start = Int(String(decoding: digits, as: UTF8.self)) ?? 1
        }
        let rest = body.dropFirst(markerLength)
        guard rest.isEmpty || rest.first == 0x20 || rest.first == 0x09 else { return nil }
        let spaces = rest.indentation
        if rest.isBlank {
            (contentIndentation, firstLine) = (leading + markerLength + 1, [])
        } else if spaces >= 5 {
            // Content that starts with indented code: the item's content begins after one space.
            (contentIndentation, firstLine) = (leading + markerLength + 1, rest.droppingIndentation(1))
        } else {
            (contentIndentation, firstLine) = (leading + markerLength + spaces, rest.droppingIndentation(spaces))
        }
    }

    var isOrdered: Bool { if case .ordered = kind { true } else { false } }

    /// Only a non-empty item, and for ordered lists one numbered 1, interrupts a paragraph, so that
    /// a sentence wrapped before "2024. was a good year" stays text (CommonMark's rule).
    var canInterruptParagraph: Bool { !firstLine.isBlank && (!isOrdered || start == 1) }
}
