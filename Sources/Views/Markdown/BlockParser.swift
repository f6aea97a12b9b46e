/// Splits a document into blocks, CommonMark-like. Containers (block quotes, list items) collect
/// their lines, strip their prefix and parse them again one level deeper; from
/// `Markdown.maximumNestingDepth` on, their markers are read as text, which bounds the recursion
/// and keeps the work at most depth × size.
struct BlockParser {
    /// Shared by every level: a definition anywhere serves references everywhere.
    private(set) var references = LinkReferences()

    static func parse(_ source: String) -> (blocks: [Block], references: LinkReferences) {
        var parser = BlockParser()
        let blocks = parser.parseBlocks(SourceLines.split(source), depth: 0).blocks
        return (blocks, parser.references)
    }

    /// The blocks of `lines`, and whether a blank line separated two of them (which makes the list
    /// item holding them loose).
    mutating func parseBlocks(_ lines: [Line], depth: Int) -> (blocks: [Block], blankBetween: Bool) {
        var blocks: [Block] = []
        var blankBetween = false
        var blankPending = false
        var index = 0
        while index < lines.count {
            if lines[index].isBlank {
                blankPending = !blocks.isEmpty
                index += 1
                continue
            }
            let count = blocks.count
            index = parseBlock(lines, at: index, depth: depth, into: &blocks)
            if blocks.count > count {
                blankBetween = blankBetween || blankPending
                blankPending = false
            }
        }
        return (blocks, blankBetween)
    }

    /// Parses the block that starts at `index` (a line that is not blank); returns the next index.
    private mutating func parseBlock(_ lines: [Line], at index: Int, depth: Int, into blocks: inout [Block]) -> Int {
        let line = lines[index]
        let indentation = line.indentation
        if indentation >= 4 { return indentedCode(lines, at: index, into: &blocks) }
        let content = line.trimmingLeadingWhitespace
        if let fence = Fence(content, indentation: indentation) {
            return fencedCode(fence, lines, at: index, into: &blocks)
        }
        if let heading = BlockSyntax.atxHeading(content) {
            blocks.append(.heading(level: heading.level, text: Array(heading.text)))
            return index + 1
        }
        if BlockSyntax.isThematicBreak(content) {
            blocks.append(.thematicBreak)
            return index + 1
        }
        if depth < Markdown.maximumNestingDepth {
            if content.first == UInt8(ascii: ">") { return quote(lines, at: index, depth: depth, into: &blocks) }
            if let marker = ListMarker(line) { return list(marker, lines, at: index, depth: depth, into: &blocks) }
        }
        if let (table, next) = TableSyntax.table(lines, at: index, depth: depth) {
            blocks.append(.table(table))
            return next
        }
        if let (label, target) = LinkReferences.definition(in: content) {
            references.define(label, target)
            return index + 1
        }
        return paragraph(lines, at: index, depth: depth, into: &blocks)
    }

    private func paragraph(_ lines: [Line], at index: Int, depth: Int, into blocks: inout [Block]) -> Int {
        var text = [lines[index].trimmingLeadingWhitespace]
        var next = index + 1
        while next < lines.count {
            let line = lines[next]
            if line.isBlank { break }
            if line.indentation < 4, let level = BlockSyntax.setextLevel(line) {
                blocks.append(.heading(level: level, text: SourceLines.inlineText(text)))
                return next + 1
            }
            if BlockSyntax.interruptsParagraph(line, depth: depth) || TableSyntax.starts(lines, at: next) { break }
            text.append(line.trimmingLeadingWhitespace)
            next += 1
        }
        blocks.append(.paragraph(SourceLines.inlineText(text)))
        return next
    }

    private func indentedCode(_ lines: [Line], at index: Int, into blocks: inout [Block]) -> Int {
        var code: [UInt8] = []
        var next = index
        var end = index  // after the last line that is not blank: trailing blank lines are not code
        while next < lines.count, lines[next].isBlank || lines[next].indentation >= 4 {
            next += 1
            if !lines[next - 1].isBlank { end = next }
        }
        for line in lines[index..<end] {
            code.append(contentsOf: line.droppingIndentation(4))
            code.append(0x0A)
        }
        blocks.append(.code(language: nil, text: code))
        return end
    }

    /// An unclosed fence runs to the end of its container, as in CommonMark.
    private func fencedCode(_ fence: Fence, _ lines: [Line], at index: Int, into blocks: inout [Block]) -> Int {
        var code: [UInt8] = []
        var next = index + 1
        while next < lines.count, !fence.isClosed(by: lines[next]) {
            code.append(contentsOf: lines[next].droppingIndentation(fence.indentation))
            code.append(0x0A)
            next += 1
        }
        blocks.append(.code(language: fence.language, text: code))
        return min(next + 1, lines.count)
    }
}
