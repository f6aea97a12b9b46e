// Block quotes and lists: collect the container's lines, strip its prefix, parse them one level
// deeper. A line without the prefix still belongs to the container when it lazily continues a
// paragraph, as CommonMark allows ("> a long quote\nwrapped here").
extension BlockParser {
    mutating func quote(_ lines: [Line], at index: Int, depth: Int, into blocks: inout [Block]) -> Int {
        var inner: [Line] = []
        var next = index
        var lazyAllowed = false
        while next < lines.count {
            let line = lines[next]
            let content = line.trimmingLeadingWhitespace
            if line.indentation < 4, content.first == UInt8(ascii: ">") {
                let rest = content.dropFirst().droppingIndentation(1)
                inner.append(rest)
                lazyAllowed = BlockSyntax.endsInParagraph(rest, depth: depth + 1)
            } else if lazyAllowed, BlockSyntax.continuesParagraph(lines, at: next, depth: depth) {
                inner.append(content)
            } else {
                break
            }
            next += 1
        }
        blocks.append(.quote(parseBlocks(inner, depth: depth + 1).blocks))
        return next
    }

    mutating func list(_ first: ListMarker, _ lines: [Line], at index: Int, depth: Int,
                       into blocks: inout [Block]) -> Int {
        var items: [[Block]] = []
        var isTight = true
        var marker = first
        var next = index
        while true {
            let itemStart = next
            next = itemEnd(marker, lines, from: next + 1, depth: depth)
            var itemLines = [marker.firstLine]
            for line in lines[(itemStart + 1)..<next] {
                itemLines.append(line.indentation >= marker.contentIndentation || line.isBlank
                    ? line.droppingIndentation(marker.contentIndentation) : line.trimmingLeadingWhitespace)
            }
            let item = parseBlocks(itemLines, depth: depth + 1)
            items.append(item.blocks)
            isTight = isTight && !item.blankBetween
            guard next < lines.count, let following = ListMarker(lines[next]), following.kind == first.kind,
                  !BlockSyntax.isThematicBreak(lines[next].trimmingLeadingWhitespace)
            else {
                // Blank lines after the list are the parent's: they may make its own item loose.
                while next > itemStart + 1, lines[next - 1].isBlank { next -= 1 }
                break
            }
            // A blank line between two items makes the list loose.
            isTight = isTight && !(next - 1 > itemStart && lines[next - 1].isBlank)
            marker = following
        }
        blocks.append(.list(ListBlock(start: first.isOrdered ? first.start : nil, isTight: isTight, items: items)))
        return next
    }

    /// The index after the last line of the item whose marker is on the line before `start`:
    /// blank lines, lines indented to its content, and lazy paragraph continuations.
    private func itemEnd(_ marker: ListMarker, _ lines: [Line], from start: Int, depth: Int) -> Int {
        var next = start
        var lazyAllowed = BlockSyntax.endsInParagraph(marker.firstLine, depth: depth + 1)
        while next < lines.count {
            let line = lines[next]
            if line.isBlank {
                // An item may begin with at most one blank line: an empty marker line then a blank
                // line is an empty item.
                if next == start, marker.firstLine.isBlank { break }
                lazyAllowed = false
            } else if line.indentation >= marker.contentIndentation {
                lazyAllowed = BlockSyntax.endsInParagraph(line.droppingIndentation(marker.contentIndentation),
                                                          depth: depth + 1)
            } else if !(lazyAllowed && BlockSyntax.continuesParagraph(lines, at: next, depth: depth)) {
                break
            }
            next += 1
        }
        return next
    }
}
