import Domain
import Testing

/// What an upload is, decided by its bytes: every accepted type, and the files that must be
/// refused whatever they are called.
@Suite struct FileSnifferTests {
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A ZIP's local file headers (stored entries), enough for the sniffer's reading.
    static func zip(_ entries: [(name: String, data: String)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            let name = ascii(entry.name), data = ascii(entry.data)
            func le(_ value: Int, _ count: Int) -> [UInt8] { (0 ..< count).map { UInt8((value >> (8 * $0)) & 0xFF) } }
            bytes += [0x50, 0x4B, 0x03, 0x04] + le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4)
            bytes += le(data.count, 4) + le(data.count, 4) + le(name.count, 2) + le(0, 2) + name + data
        }
        return bytes + [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)
    }

    static let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
    static func mp4(_ brands: String...) -> [UInt8] {
        let body = brands.enumerated().flatMap { $0.offset == 1 ? [0, 0, 2, 0] : ascii($0.element) }
        let size = 8 + body.count
        return [0, 0, 0, UInt8(size)] + ascii("ftyp") + body + ascii("\0\0\0\u{8}free")
    }
    static let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84] + ascii("webm") + [0x42, 0x87, 0x81, 0x04]
    static let matroska: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x82, 0x88] + ascii("matroska")

    static let accepted: [(String, [UInt8], String, FileType)] = [
        ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "a.png", .png),
        ("PNG named .jpg", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "a.jpg", .png),
        ("JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + ascii("JFIF"), "a.jpeg", .jpeg),
        ("GIF87a", ascii("GIF87a\u{1}\0"), "a.gif", .gif),
        ("GIF89a", ascii("GIF89a\u{1}\0"), "a.gif", .gif),
        ("WebP", ascii("RIFF\u{1A}\0\0\0WEBPVP8 "), "a.webp", .webp),
        ("MP4 isom", mp4("isom", "", "isom", "iso2", "mp41"), "a.mp4", .mp4),
        ("MP4 mp42 without extension", mp4("mp42", "", "mp42", "isom"), "video", .mp4),
        ("WebM", webm, "a.webm", .webm),
        ("PDF", ascii("%PDF-1.7\n%âãÏÓ\n"), "a.pdf", .pdf),
        ("docx", zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")]), "a.docx", .docx),
        ("pptx named .zip", zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")]), "a.zip", .pptx),
        ("xlsx", zip([("_rels/.rels", "<r/>"), ("xl/workbook.xml", "<w/>")]), "a.xlsx", .xlsx),
        ("OOXML whose parts come late", zip([("docProps/app.xml", "<a/>")]), "report.docx", .docx),
        ("odt", zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<c/>")]), "a.odt", .odt),
        ("ods", zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet")]), "a.ods", .ods),
        ("odp named .pdf", zip([("mimetype", "application/vnd.oasis.opendocument.presentation")]), "a.pdf", .odp),
        ("doc", ole, "a.doc", .doc),
        ("xls", ole, "a.XLS", .xls),
        ("ppt", ole, "a.ppt", .ppt),
        ("CSV", ascii("name,email\nAda,ada@example.com\n"), "people.csv", .csv),
        ("text", ascii("Notes: café, naïve, 日本\n"), "notes.txt", .text),
        ("text with a BOM", [0xEF, 0xBB, 0xBF] + ascii("hello"), "notes.md", .text),
        ("text named .png", ascii("just words"), "x.png", .text),
        ("CSV with a comparison", ascii("a,b\n1 < 2,3\n"), "x.csv", .csv),
    ]

    @Test(arguments: accepted.map(\.0))
    func acceptedTypes(_ name: String) throws {
        let (_, bytes, filename, expected) = try #require(Self.accepted.first { $0.0 == name })
        #expect(FileSniffer.detect(head: bytes, isText: Self.isText(bytes), filename: filename) == .success(expected))
    }

    static let refused: [(String, [UInt8], String, UploadRefusal)] = [
        ("empty", [], "a.png", .empty),
        ("HTML named .png", ascii("<!DOCTYPE html><html><script>alert(1)</script>"), "a.png", .markup),
        ("HTML with leading space and BOM", [0xEF, 0xBB, 0xBF] + ascii("  \n<html>"), "a.txt", .markup),
        ("SVG", ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "a.svg", .markup),
        ("SVG behind an XML declaration", ascii("<?xml version=\"1.0\"?><svg/>"), "a.png", .markup),
        ("script later in text", ascii("hello\n<script>alert(1)</script>"), "a.txt", .markup),
        ("text with NUL", ascii("abc\0def"), "a.txt", .unsupported),
        ("invalid UTF-8", [0x61, 0xC3, 0x28], "a.csv", .unsupported),
        ("plain ZIP", zip([("a.txt", "x")]), "a.zip", .archive),
        ("EPUB", zip([("mimetype", "application/epub+zip")]), "a.odt", .archive),
        ("OLE named .msi", ole, "setup.msi", .unsupported),
        ("OLE named .png", ole, "a.png", .unsupported),
        ("QuickTime", mp4("qt  ", "", "qt  "), "a.mov", .unsupported),
        ("HEIC", mp4("heic", "", "mif1", "heic"), "a.heic", .unsupported),
        ("M4A audio", mp4("M4A ", "", "M4A ", "mp42", "isom"), "a.m4a", .unsupported),
        ("Matroska", matroska, "a.webm", .unsupported),
        ("ELF", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "a.pdf", .unsupported),
        ("gzip", [0x1F, 0x8B, 0x08, 0x00], "a.svgz", .unsupported),
        ("Windows executable", ascii("MZ\u{90}\0") + [0xFF, 0xFE], "a.doc", .unsupported),
    ]

    @Test(arguments: refused.map(\.0))
    func refusedTypes(_ name: String) throws {
        let (_, bytes, filename, expected) = try #require(Self.refused.first { $0.0 == name })
        #expect(FileSniffer.detect(head: bytes, isText: Self.isText(bytes), filename: filename) == .failure(expected))
    }

    static func isText(_ bytes: [UInt8]) -> Bool {
        var scan = TextScan()
        scan.feed(bytes)
        return scan.isText
    }

    @Test func everyTypeHasAKindAMediaTypeAndAnExtension() {
        for type in FileType.allCases {
            #expect(!type.extensions.isEmpty)
            #expect(type.mediaType.hasPrefix(type.kind == .image ? "image/" : type.kind == .video ? "video/" : ""))
            #expect(!type.mediaType.contains("html") && !type.mediaType.contains("svg"))
        }
    }
}
