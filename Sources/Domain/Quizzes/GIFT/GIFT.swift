/// Moodle's GIFT, the plain-text quiz format trainers already write their banks in, read into
/// `Question`s and written back.
///
/// Import is all or nothing: a file with one bad question gives an error pointing at it and no
/// questions at all, so a bank is never half imported. What is read follows Moodle's
/// documentation and, where the documentation is silent, the GIFT-grammar-PEG.js reference parser
/// (texts are trimmed; outside `[html]` and `[markdown]` line breaks and runs of spaces become one
/// space; options, feedback and matching prompts without a `[format]` marker take the format of
/// the question text).
///
/// Where Moodle accepts more than the reference parser, so does Atelier: a `//` line is a comment
/// anywhere (even between answers), a lone `:` needs no escape, `{t}`/`{true}` are true/false.
/// A block whose first answer is `=prompt -> answer` is matching, and then every answer must be
/// such a pair (a `~` or a missing `->` is an error); otherwise `->` is plain text.
///
/// Two things GIFT cannot say, so `export` cannot either:
/// - ordering questions: they are written as a `//` comment block saying they were left out,
///   which `parse` skips;
/// - case-sensitive short answers: GIFT has no flag for it, so `parse` always gives
///   `caseSensitive == false`.
/// For every other question `parse(export(bank)) == bank`, within the limits listed on `export`.
public enum GIFT {
    /// Reads every question of a GIFT file, or throws the first error with its line and column.
    ///
    /// Accepts Windows and old Mac line endings and a UTF-8 byte-order mark. `$CATEGORY:` lines
    /// set the `category` of the questions after them (an empty one returns to none);
    /// `// [id:…]` and `// [tag:…]` comments before a question give its `reference` and `tags`.
    public static func parse(_ text: String) throws(GIFTError) -> [Question] {
        var questions: [Question] = []
        for block in GIFTSource.blocks(of: text) {
            var parser = GIFTQuestionParser(block.chars)
            var question = try parser.question()
            question.category = block.category
            question.reference = block.reference
            question.tags = block.tags
            questions.append(question)
        }
        return questions
    }

    /// Writes the questions as GIFT that `parse` reads back to the same questions.
    ///
    /// Every text is escaped (`\~ \= \# \{ \} \: \\`, line breaks as `\n`); a `[format]` marker
    /// is written where a text's format differs from what it would inherit, or where the text
    /// starts with something GIFT would read as syntax (`[`, `%`, `/`). `$CATEGORY:` is written
    /// when the category changes.
    ///
    /// Limits, where GIFT has no way to write a value (`parse` would read something else back):
    /// texts outside `[html]`/`[markdown]` must not hold runs of spaces, and no text may hold a
    /// carriage return or start with a combining mark; an embedded blank is the first `_____`
    /// of the stem; a matching prompt cannot hold `->`; a single-choice question needs two
    /// options; numeric ranges are finite or the whole line (Moodle's `*`, "any other answer").
    public static func export(_ questions: [Question]) -> String {
        GIFTExporter.export(questions)
    }
}
