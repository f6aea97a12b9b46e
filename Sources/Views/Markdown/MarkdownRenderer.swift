/// Writes blocks as HTML, each followed by a newline as CommonMark's reference renderer does.
/// Recursion follows block nesting, which the parser bounds (`Markdown.maximumNestingDepth`).
struct MarkdownRenderer {
    let references: LinkReferences

    func render(_ blocks: [Block], into writer: inout MarkupWriter) {
        for block in blocks { render(block, into: &writer) }
    }

    private func render(_ block: Block, into writer: inout MarkupWriter) {
        switch block {
        case .heading(let level, let text):
            // Demoted: the page owns <h1>.
            let tag: MarkupWriter.Tag = [.h2, .h3, .h4, .h5, .h6][min(level, 5) - 1]
            element(tag, inline: text, into: &writer)
        case .paragraph(let text):
            element(.p, inline: text, into: &writer)
        case .code(let language, let text):
            writer.open(.pre)
            writer.open(.code, language.map { [(.class, "language-" + $0)] } ?? [])
            writer.text(text)
            writer.close(.code)
            writer.close(.pre)
            writer.newline()
        case .quote(let blocks):
            writer.open(.blockquote)
            writer.newline()
            render(blocks, into: &writer)
            writer.close(.blockquote)
            writer.newline()
        case .list(let list):
            self.list(list, into: &writer)
        case .table(let table):
            self.table(table, into: &writer)
        case .thematicBreak:
            writer.open(.hr)
            writer.newline()
        }
    }

    private func element(_ tag: MarkupWriter.Tag, inline text: [UInt8], into writer: inout MarkupWriter) {
        writer.open(tag)
        inline(text, into: &writer)
        writer.close(tag)
        writer.newline()
    }

    private func inline(_ text: [UInt8], into writer: inout MarkupWriter) {
        InlineRenderer.render(InlineParser.parse(text, references: references), into: &writer)
    }

    private func list(_ list: ListBlock, into writer: inout MarkupWriter) {
        let tag: MarkupWriter.Tag = list.start == nil ? .ul : .ol
        let start = list.start.flatMap { $0 == 1 ? nil : [(MarkupWriter.AttributeName.start, String($0))] }
        writer.open(tag, start ?? [])
        writer.newline()
        for item in list.items {
            writer.open(.li)
            for (offset, block) in item.enumerated() {
                // A tight list shows its paragraphs bare; any other block starts on a line of its own.
                if list.isTight, case .paragraph(let text) = block {
                    if offset > 0 { writer.ensureNewline() }
                    inline(text, into: &writer)
                } else {
                    writer.ensureNewline()
                    render(block, into: &writer)
                }
            }
            writer.close(.li)
            writer.newline()
        }
        writer.close(tag)
        writer.newline()
    }

    private func table(_ table: TableBlock, into writer: inout MarkupWriter) {
        writer.open(.table)
        writer.newline()
        writer.open(.thead)
        writer.newline()
        row(table.header, cell: .th, table.alignments, into: &writer)
        writer.close(.thead)
        writer.newline()
        if !table.rows.isEmpty {
            writer.open(.tbody)
            writer.newline()
            for cells in table.rows { row(cells, cell: .td, table.alignments, into: &writer) }
            writer.close(.tbody)
            writer.newline()
        }
        writer.close(.table)
        writer.newline()
    }

    private func row(_ cells: [[UInt8]], cell tag: MarkupWriter.Tag, _ alignments: [TableBlock.Alignment?],
                     into writer: inout MarkupWriter) {
        writer.open(.tr)
        writer.newline()
        for (cell, alignment) in zip(cells, alignments) {
            writer.open(tag, alignment.map { [(.align, $0.rawValue)] } ?? [])
            inline(cell, into: &writer)
            writer.close(tag)
            writer.newline()
        }
        writer.close(.tr)
        writer.newline()
    }
}
