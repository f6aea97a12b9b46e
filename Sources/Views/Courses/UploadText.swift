import Domain
import Routes

/// The words about uploaded files: sizes, refusals, and the Markdown that shows an image.
public enum UploadText {
    /// "850 KB", "12.4 MB": what people read next to a download.
    public static func size(_ bytes: Int) -> String {
        if bytes < 1_024 { return "\(bytes) bytes" }
        if bytes < 1_048_576 { return "\(max(1, (bytes + 512) / 1_024)) KB" }
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 || tenths >= 1_000 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }

    /// What each kind accepts, for hints and refusals.
    public static func accepted(_ kind: UploadKind) -> String {
        switch kind {
        case .image: "PNG, JPEG, GIF or WebP"
        case .video: "MP4 or WebM"
        case .attachment: "PDF, Word, PowerPoint, Excel, OpenDocument, CSV or plain text"
        }
    }

    /// The `accept` attribute of a file input: a hint for the picker only; the server decides.
    public static func acceptAttribute(_ kind: UploadKind) -> String {
        FileType.allCases.filter { $0.kind == kind }.flatMap { $0.extensions.map { "." + $0 } }.joined(separator: ",")
    }

    public static func refusal(_ refusal: UploadRefusal, kind: UploadKind) -> String {
        switch refusal {
        case .empty:
            return "Choose a file to upload (an empty file cannot be used). Nothing was stored."
        case .tooLarge(let limit):
            return "That file is too large: \(kind == .video ? "videos" : "images and documents") may be up to \(size(limit)). Nothing was stored."
        case .markup:
            return "HTML, SVG and XML files are refused: they can carry scripts. Save it as \(kind == .image ? "PNG or JPEG" : "PDF") instead. Nothing was stored."
        case .archive:
            return "ZIP archives are refused: upload the documents themselves (\(accepted(.attachment))). Nothing was stored."
        case .unsupported:
            return "That file is not \(kind == .attachment ? "a" : "an") \(accepted(kind)) file, whatever its name says. Nothing was stored."
        case .wrongKind(let expected, let found):
            let place = switch found.kind {
            case .image: "as an image"
            case .video: "as the lesson's video"
            case .attachment: "as an attachment"
            }
            return "That file is a \(found.label), not \(expected == .image ? "an image" : expected == .video ? "a video" : "a document"): upload it \(place). Nothing was stored."
        }
    }

    /// Why a file added to a learner's work was refused.
    public static func workRefusal(_ refusal: UploadRefusal) -> String {
        switch refusal {
        case .empty: "Choose a file to add (an empty file cannot be used). Nothing was stored."
        case .tooLarge(let limit): "That file is too large: each file may be up to \(size(limit)). Nothing was stored."
        case .markup: "HTML, SVG and XML files are refused: they can carry scripts. Save it as PDF instead. Nothing was stored."
        case .archive: "ZIP archives are refused: add the documents themselves (at most \(PeerReviewLimits.filesPerSubmission)). Nothing was stored."
        default: "Add documents (\(accepted(.attachment))) or images (\(accepted(.image))); other files are refused. Nothing was stored."
        }
    }

    /// Why a file sent in a conversation was refused.
    public static func chatRefusal(_ refusal: UploadRefusal) -> String {
        switch refusal {
        case .empty: "Choose a file to send (an empty file cannot be sent). Nothing was sent."
        case .tooLarge(let limit): "That file is too large: files sent in a conversation may be up to \(size(limit)). Nothing was sent."
        default: "Only images (\(accepted(.image))) and PDF files can be sent in a conversation. Nothing was sent."
        }
    }

    /// `![alt](/orgs/…/files/<id>/<name>)`: a relative link, which the Markdown URL policy keeps.
    /// Brackets, backslashes and line breaks leave the alt text, so it cannot end the image early.
    public static func markdown(for upload: Upload, in organization: Organization.ID) -> String {
        let fallback = upload.filename.split(separator: ".").dropLast().joined(separator: ".")
        let text = (upload.description.isEmpty ? fallback : upload.description).unicodeScalars
            .filter { !"[]\\\r\n".unicodeScalars.contains($0) && $0.properties.generalCategory != .control }
        return "![\(String(String.UnicodeScalarView(text)).prefix(200))](\(SiteRoute.file(organization, upload.id, filename: upload.filename).path))"
    }
}
