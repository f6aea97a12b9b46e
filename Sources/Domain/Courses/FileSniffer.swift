/// Decides what an uploaded file is from its bytes. The name a browser sent only chooses between
/// types the bytes already allow (CSV or plain text; which legacy Office program), never alone:
/// a `.png` that holds HTML is HTML, and refused.
public enum FileSniffer {
    /// How many leading bytes `detect` needs: enough to find an OOXML zip's part names.
    public static let headLength = 65_536

    /// - Parameters:
    ///   - head: the first `headLength` bytes (all of them for a smaller file).
    ///   - isText: whether the whole file is UTF-8 without NUL (`TextScan`).
    ///   - filename: the name the uploader gave.
    public static func detect(head: [UInt8], isText: Bool, filename: String) -> Result<FileType, UploadRefusal> {
        if head.isEmpty { return .failure(.empty) }
        if let type = binary(head) { return .success(type) }
        let declared = FileType.declared(by: filename)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return zip(head, declared: declared) }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // Compound files are also installers and mail stores: only the three Office ones pass.
            guard let declared, [.doc, .xls, .ppt].contains(declared) else { return .failure(.unsupported) }
            return .success(declared)
        }
        guard isText else { return .failure(.unsupported) }
        if looksLikeMarkup(head) { return .failure(.markup) }
        return .success(declared == .csv ? .csv : .text)
    }

    static func binary(_ head: [UInt8]) -> FileType? {
        func ascii(_ text: String, at offset: Int = 0) -> Bool {
            let bytes = Array(text.utf8)
            return head.count >= offset + bytes.count && Array(head[offset ..< offset + bytes.count]) == bytes
        }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if ascii("GIF87a") || ascii("GIF89a") { return .gif }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return .webp }
        if ascii("%PDF-") { return .pdf }
        if ascii("ftyp", at: 4), isPlayableMP4(head) { return .mp4 }
        if head.starts(with: [0x1A, 0x45, 0xDF, 0xA3]), isWebM(head) { return .webm }
        return nil
    }

    /// An ISO media file browsers play as MP4; not QuickTime, HEIF images or audio-only M4A,
    /// which share the `ftyp` box.
    static func isPlayableMP4(_ head: [UInt8]) -> Bool {
        guard head.count >= 16 else { return false }
        let boxSize = Int(head[0]) << 24 | Int(head[1]) << 16 | Int(head[2]) << 8 | Int(head[3])
        let end = min(head.count, max(16, boxSize))
        let brands = stride(from: 8, to: end - 3, by: 4).map { String(decoding: head[$0 ..< $0 + 4], as: UTF8.self) }
            .enumerated().filter { $0.offset != 1 }.map(\.element)   // the second word is the minor version
        let video: Set<String> = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP", "dash", "mmp4", "MSNV"]
        let notVideo: Set<String> = ["qt  ", "heic", "heix", "mif1", "msf1", "avif", "M4A ", "M4B "]
        guard let major = brands.first, !notVideo.contains(major) else { return false }
        return brands.contains { video.contains($0) }
    }

    /// EBML whose DocType is `webm` (other Matroska files do not play in browsers).
    static func isWebM(_ head: [UInt8]) -> Bool {
        let window = Array(head.prefix(64))
        let docType: [UInt8] = [0x42, 0x82, 0x84] + Array("webm".utf8)
        return window.indices.contains { window[$0...].starts(with: docType) }
    }

    /// A ZIP is accepted only as an office document: ODF by its leading `mimetype` entry, OOXML by
    /// its part names (or, when a writer put them past the head, its extension).
    static func zip(_ head: [UInt8], declared: FileType?) -> Result<FileType, UploadRefusal> {
        let entries = ZipEntries(head)
        if let mimetype = entries.storedMimetype {
            switch mimetype {
            case FileType.odt.mediaType: return .success(.odt)
            case FileType.ods.mediaType: return .success(.ods)
            case FileType.odp.mediaType: return .success(.odp)
            default: return .failure(.archive)
            }
        }
        for (prefix, type) in [("word/", FileType.docx), ("ppt/", .pptx), ("xl/", .xlsx)]
        where entries.names.contains(where: { $0.hasPrefix(prefix) }) {
            return .success(type)
        }
        if let declared, [.docx, .pptx, .xlsx].contains(declared) { return .success(declared) }
        return .failure(.archive)
    }

    /// Text that a browser would take for a page or an image with script: starts with a tag, or
    /// holds one of the tags that make old browsers sniff HTML.
    static func looksLikeMarkup(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head.prefix(1024), as: UTF8.self).lowercased()
        let start = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if start.first == "<" { return true }
        return ["<script", "<html", "<svg", "<!doctype", "<iframe", "<body", "<?xml"].contains { text.contains($0) }
    }
}
