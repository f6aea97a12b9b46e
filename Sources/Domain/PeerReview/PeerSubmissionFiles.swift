import Foundation

extension PeerAssignmentSettings.SubmissionKind {
    public var takesText: Bool { self != .files }
    public var takesFiles: Bool { self != .text }

    /// What a learner must hand in, in the editor's words.
    public var label: String {
        switch self {
        case .text: "A text (Markdown)"
        case .files: "Files (documents or images)"
        case .textAndFiles: "A text and/or files"
        }
    }

    /// Whether work made of `text` (trimmed) and `fileCount` files may be handed in: text for a
    /// text assignment, a file for a files one, either (or both) when both are asked.
    public func check(text: String, fileCount: Int) throws(PeerReviewError) {
        let hasText = takesText && !text.isEmpty, hasFiles = takesFiles && fileCount > 0
        guard hasText || hasFiles else { throw self == .files ? .noFiles : .emptySubmission }
    }
}

/// The files a learner hands in with their work: documents and images, judged by their bytes
/// like a lesson's attachments, at most `PeerReviewLimits.filesPerSubmission` of them.
public enum PeerSubmissionFiles {
    /// Documents (PDF, office files, CSV, text) and images; a video belongs in a lesson, and is
    /// too large for reviewers to download on a phone.
    public static func accepts(_ type: FileType) -> Bool { type.kind != .video }

    /// The type a handed-in file is stored as, or why it is refused (nothing is stored then).
    public static func accept(sniffed: Result<FileType, UploadRefusal>, byteCount: Int, limit: Int) -> Result<FileType, UploadRefusal> {
        if byteCount == 0 { return .failure(.empty) }
        if byteCount > limit { return .failure(.tooLarge(limit: limit)) }
        return sniffed.flatMap { accepts($0) ? .success($0) : .failure(.unsupported) }
    }

    /// The name a file goes by for someone who must not learn who handed it in: its own name
    /// could carry its author's ("lea-martin-case.pdf"). `position` counts from 1.
    public static func anonymousName(position: Int, type: FileType) -> String {
        "work-file-\(position).\(type.extensions.first ?? "bin")"
    }
}
