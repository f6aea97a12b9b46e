/// Every type of file a course accepts, with the media type it is served as. Anything else is
/// refused, SVG and HTML explicitly: a browser runs script from them.
public enum FileType: String, Sendable, Hashable, CaseIterable, Codable {
    case png, jpeg, gif, webp
    case mp4, webm
    case pdf
    case docx, pptx, xlsx
    case odt, ods, odp
    case doc, xls, ppt
    case csv, text

    public var kind: UploadKind {
        switch self {
        case .png, .jpeg, .gif, .webp: .image
        case .mp4, .webm: .video
        default: .attachment
        }
    }

    /// The type stored as `mediaType` (what a file's row keeps); nil for one no longer known.
    public init?(mediaType: String) {
        guard let type = Self.allCases.first(where: { $0.mediaType == mediaType }) else { return nil }
        self = type
    }

    /// The `Content-Type` it is served with (never the one the uploader declared).
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .doc: "application/msword"
        case .xls: "application/vnd.ms-excel"
        case .ppt: "application/vnd.ms-powerpoint"
        case .csv: "text/csv; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// Extensions a file of this type may keep; the first is added to a name that has none of them,
    /// so a download opens in the right program.
    public var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        case .text: ["txt", "md", "text", "log"]
        default: [rawValue]
        }
    }

    /// Words for people: "PDF", "Word document".
    public var label: String {
        switch self {
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .gif: "GIF image"
        case .webp: "WebP image"
        case .mp4: "MP4 video"
        case .webm: "WebM video"
        case .pdf: "PDF"
        case .docx, .odt, .doc: "document"
        case .pptx, .odp, .ppt: "presentation"
        case .xlsx, .ods, .xls: "spreadsheet"
        case .csv: "CSV file"
        case .text: "text file"
        }
    }

    /// The type an extension announces, if it names one of ours (only to choose between types
    /// the bytes allow: CSV or plain text, which legacy Office format, an OOXML zip written
    /// without its parts first).
    static func declared(by filename: String) -> FileType? {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return nil }
        let ext = filename[filename.index(after: dot)...].lowercased()
        return FileType.allCases.first { $0.extensions.contains(ext) }
    }
}
