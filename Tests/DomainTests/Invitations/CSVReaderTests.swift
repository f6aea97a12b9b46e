import Testing
@testable import Domain

@Suite struct CSVReaderTests {
    private func read(_ text: String) throws -> [[String]] { try CSVReader.records(text).map(\.fields) }
    private func lines(_ text: String) throws -> [Int] { try CSVReader.records(text).map(\.line) }

    @Test func plainFieldsAndLines() throws {
        let records = try CSVReader.records("name,email\nAda,ada@x.io\nBob,bob@x.io")
        #expect(records == [CSVReader.Record(line: 1, fields: ["name", "email"]),
                            CSVReader.Record(line: 2, fields: ["Ada", "ada@x.io"]),
                            CSVReader.Record(line: 3, fields: ["Bob", "bob@x.io"])])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try read("a,,c\n,b,\n,") == [["a", "", "c"], ["", "b", ""], ["", ""]])
    }

    @Test func spacesAreKeptAsTyped() throws {
        #expect(try read(" a , b ") == [[" a ", " b "]])
    }

    @Test func quotedFieldsMayHoldCommasAndEscapedQuotes() throws {
        let text = #""Lovelace, Ada","say ""hi""","","""","a""b","""""",end"#
        #expect(try read(text + "\n") == [["Lovelace, Ada", #"say "hi""#, "", #"""#, #"a"b"#, #""""#, "end"]])
    }

    @Test func newlinesInsideQuotesKeepTheLineNumbersOfWhatFollows() throws {
        let text = "h1,h2\n\"two\nlines\",x\n\"three\r\nlines\nhere\",y\nlast,z\n"
        let records = try CSVReader.records(text)
        #expect(records.map(\.fields) == [["h1", "h2"], ["two\nlines", "x"], ["three\r\nlines\nhere", "y"], ["last", "z"]])
        #expect(records.map(\.line) == [1, 2, 4, 7])
    }

    @Test func crlfAndLoneCRLineEnds() throws {
        #expect(try read("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]])
        #expect(try lines("a\r\nb\r\nc") == [1, 2, 3])
        #expect(try lines("a\rb\nc") == [1, 2, 3])
    }

    @Test func byteOrderMarkIsDropped() throws {
        #expect(try read("\u{FEFF}name,email\nAda,a@x.io") == [["name", "email"], ["Ada", "a@x.io"]])
        #expect(try read("\u{FEFF}\"name\",email") == [["name", "email"]])
        // Only at the very start: elsewhere it is data.
        #expect(try read("a\n\u{FEFF}b") == [["a"], ["\u{FEFF}b"]])
    }

    @Test func blankLinesAreSkippedButCountedAsLines() throws {
        let records = try CSVReader.records("\n\na,b\n\nc,d\n\n\r\n\n")
        #expect(records == [CSVReader.Record(line: 3, fields: ["a", "b"]), CSVReader.Record(line: 5, fields: ["c", "d"])])
    }

    @Test(arguments: ["", "\n", "\r\n\r\n", "\u{FEFF}", "\u{FEFF}\n\n"])
    func nothingButBlankLinesHasNoRecords(text: String) throws {
        #expect(try read(text).isEmpty)
    }

    @Test func lastRecordNeedsNoLineEnd() throws {
        #expect(try read("a,b\nc,d") == [["a", "b"], ["c", "d"]])
        #expect(try read("a,\"b\"") == [["a", "b"]])
        #expect(try read("a,b,") == [["a", "b", ""]])
    }

    @Test func unicodeIsKept() throws {
        #expect(try read("Zoë,🙂,日本\n\"é\nñ\",x") == [["Zoë", "🙂", "日本"], ["é\nñ", "x"]])
    }

    @Test func unterminatedQuoteReportsTheLineItStartsOn() {
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 1)) { try CSVReader.records("\"abc") }
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 3)) {
            try CSVReader.records("h\nok\n\"open,\nstill open\nto the end")
        }
        #expect(throws: CSVReader.Failure.unterminatedQuote(line: 2)) { try CSVReader.records("a\nb,\"c\"\"") }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsData() throws {
        #expect(try read("5\" screen,x") == [["5\" screen", "x"]])
    }
}
