// Emphasis, strong emphasis and strikethrough by CommonMark's delimiter-run rules: flanking
// decides what may open or close, and `processEmphasis` pairs closers with the nearest opener.
extension InlineParser {
    mutating func delimiterRun() {
        let character = text[position]
        let end = text[position...].firstIndex { $0 != character } ?? text.count
        let count = end - position
        // GFM strikethrough needs exactly two tildes; other tilde runs are text.
        guard character != UInt8(ascii: "~") || count == 2 else {
            pending.append(contentsOf: text[position..<end])
            position = end
            return
        }
        let before = Self.scalar(endingAt: position, in: text)
        let after = Self.scalar(startingAt: end, in: text)
        // The start and the end of the text count as whitespace.
        let beforeSpace = before.map(Self.isWhitespace) ?? true
        let afterSpace = after.map(Self.isWhitespace) ?? true
        let beforePunct = before.map(Self.isPunctuation) ?? false
        let afterPunct = after.map(Self.isPunctuation) ?? false
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        // `_` may not open or close inside a word (snake_case_names stay text).
        let isUnderscore = character == UInt8(ascii: "_")
        let canOpen = leftFlanking && (!isUnderscore || !rightFlanking || beforePunct)
        let canClose = rightFlanking && (!isUnderscore || !leftFlanking || afterPunct)
        let node = appendNode(.text(Array(text[position..<end])))
        delimiters.push(character, count: count, canOpen: canOpen, canClose: canClose, node: node)
        position = end
    }

    /// Pairs the delimiters above `bottom`, innermost first, then drops them all from the stack.
    /// `openersBottom` remembers, per kind of closer, below which no opener can match, so that no
    /// stretch of the stack is searched twice for the same kind (CommonMark's linear-time rule).
    mutating func processEmphasis(above bottom: Int?) {
        var openersBottom: [Int: Int?] = [:]
        var current = bottom.map { delimiters[$0].next } ?? delimiters.first
        while let closerIndex = current {
            let closer = delimiters[closerIndex]
            guard closer.canClose else {
                current = closer.next
                continue
            }
            let key = Int(closer.character) * 8 + (closer.canOpen ? 4 : 0) + closer.originalCount % 3
            let limit = openersBottom[key] ?? bottom
            var candidate = closer.previous
            var found: Int?
            while let index = candidate, index != limit {
                let opener = delimiters[index]
                if opener.canOpen, opener.character == closer.character, Self.canPair(opener, closer) {
                    found = index
                    break
                }
                candidate = opener.previous
            }
            guard let openerIndex = found else {
                openersBottom[key] = closer.previous
                current = closer.next
                if !closer.canOpen { delimiters.remove(closerIndex) }
                continue
            }
            current = pair(openerIndex, closerIndex)
            // A remembered bottom that was just removed would no longer stop a search.
            let fallback = delimiters[openerIndex].isRemoved ? delimiters[openerIndex].previous : openerIndex
            for (key, value) in openersBottom {
                if let value, delimiters[value].isRemoved { openersBottom[key] = fallback }
            }
        }
        delimiters.removeAll(above: bottom)
    }

    /// CommonMark's "rule of 3": `*a**b*` is not `<em>a</em><em>b</em>`-ish nonsense.
    private static func canPair(_ opener: Delimiter, _ closer: Delimiter) -> Bool {
        guard opener.character != UInt8(ascii: "~") else { return true }
        let sum = opener.originalCount + closer.originalCount
        return !((opener.canClose || closer.canOpen) && sum % 3 == 0
            && !(opener.originalCount % 3 == 0 && closer.originalCount % 3 == 0))
    }

    /// Makes the markup for one pair and returns the delimiter to continue from.
    private mutating func pair(_ opener: Int, _ closer: Int) -> Int? {
        let isTilde = delimiters[opener].character == UInt8(ascii: "~")
        let used = isTilde || (delimiters[opener].count >= 2 && delimiters[closer].count >= 2) ? 2 : 1
        let (openerNode, closerNode) = (delimiters[opener].node, delimiters[closer].node)
        delimiters.use(used, of: opener)
        delimiters.use(used, of: closer)
        tree.removeLastBytes(used, of: openerNode)
        tree.removeLastBytes(used, of: closerNode)
        tree.wrap(after: openerNode, before: closerNode, in: isTilde ? .strikethrough : used == 2 ? .strong : .emphasis)
        delimiters.removeBetween(opener, closer)
        if delimiters[opener].count == 0 {
            tree.remove(openerNode)
            delimiters.remove(opener)
        }
        guard delimiters[closer].count == 0 else { return closer }
        let next = delimiters[closer].next
        tree.remove(closerNode)
        delimiters.remove(closer)
        return next
    }
}

// The character classes the flanking rules need, read around a delimiter run.
extension InlineParser {
    static func scalar(startingAt index: Int, in text: [UInt8]) -> Unicode.Scalar? {
        guard index < text.count else { return nil }
        var end = index + 1
        while end < text.count, text[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: text[index..<end], as: UTF8.self).unicodeScalars.first
    }

    static func scalar(endingAt index: Int, in text: [UInt8]) -> Unicode.Scalar? {
        guard index > 0 else { return nil }
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: text[start..<index], as: UTF8.self).unicodeScalars.first
    }

    /// Unicode whitespace as CommonMark defines it: Zs, tab, line feed, form feed, carriage return.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\u{C}" || scalar == "\r"
            || scalar.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation as CommonMark 0.31 defines it: categories P and S.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            true
        default:
            false
        }
    }
}
