/// Why a GIFT file could not be imported, and where: `line` and `column` are 1-based and count
/// characters (grapheme clusters) as a text editor shows them, so a trainer can go straight to
/// the spot. A byte-order mark at the start of the file is not counted (editors hide it).
///
/// The message says what the importer expected there, e.g. "expected `}` to close the answers
/// opened at line 2, column 30"; `description` puts the position in front of it.
public struct GIFTError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
