/// GFM tables: a header row with a `|`, a delimiter row (`---`, `:--`, `:-:`, `--:`) with as many
/// cells, then rows until a blank line or another block. Cells split at unescaped pipes.
enum TableSyntax {
    static func starts(_ lines: [Line], at index: Int) -> Bool {
        alignments(lines, at: index) != nil
    }

    /// The table at `index` and the index after it, or nil if no table starts there.
    static func table(_ lines: [Line], at index: Int, depth: Int) -> (TableBlock, next: Int)? {
        guard let alignments = alignments(lines, at: index) else { return nil }
        var rows: [[[UInt8]]] = []
        var next = index + 2
        while next < lines.count, !lines[next].isBlank, !BlockSyntax.interruptsParagraph(lines[next], depth: depth) {
            rows.append(cells(lines[next]).prefix(alignments.count).map(unescapingPipes))
            next += 1
        }
        let header = cells(lines[index]).map(unescapingPipes)
        return (TableBlock(alignments: alignments, header: header, rows: rows), next)
    }

    private static func alignments(_ lines: [Line], at index: Int) -> [TableBlock.Alignment?]? {
        // The cheap test first: this runs for every line of every paragraph.
        guard index + 1 < lines.count, lines[index].contains(UInt8(ascii: "|")),
              lines[index].indentation < 4, lines[index + 1].indentation < 4
        else { return nil }
        var alignments: [TableBlock.Alignment?] = []
        for cell in cells(lines[index + 1]) {
            let left = cell.first == UInt8(ascii: ":")
            let right = cell.count > 1 && cell.last == UInt8(ascii: ":")
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : nil)
        }
        guard cells(lines[index]).count == alignments.count else { return nil }
        return alignments
    }

    /// A row's cells, trimmed, without the optional leading and trailing pipes.
    static func cells(_ line: Line) -> [Line] {
        var row = line.trimmingWhitespace
        if row.first == UInt8(ascii: "|") { row = row.dropFirst() }
        if row.last == UInt8(ascii: "|"), !(row.count > 1 && row[row.endIndex - 2] == UInt8(ascii: "\\")) {
            row = row.dropLast()
        }
        var cells: [Line] = []
        var start = row.startIndex
        var index = row.startIndex
        while index < row.endIndex {
            if row[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if row[index] == UInt8(ascii: "|") {
                cells.append(row[start..<index].trimmingWhitespace)
                start = index + 1
            }
            index += 1
        }
        cells.append(row[start..<row.endIndex].trimmingWhitespace)
        return cells
    }

    /// GFM lets a cell hold a pipe written `\|`, even inside a code span.
    private static func unescapingPipes(_ cell: Line) -> [UInt8] {
        var text: [UInt8] = []
        var index = cell.startIndex
        while index < cell.endIndex {
            if cell[index] == UInt8(ascii: "\\"), index + 1 < cell.endIndex, cell[index + 1] == UInt8(ascii: "|") {
                index += 1
            }
            text.append(cell[index])
            index += 1
        }
        return text
    }
}
