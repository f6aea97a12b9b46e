/// What an uploaded file is for: shown in the text (an image), played at the top of a lesson (a
/// video) or offered for download (an attachment). The kind decides the size limit.
public enum UploadKind: String, Sendable, Hashable, CaseIterable, Codable {
    case image, video, attachment

    /// Images and videos are shown in the page; documents are only ever downloaded, so a browser
    /// never renders a file an author uploaded as if it were part of the site.
    public var isInline: Bool { self != .attachment }
}

/// A file uploaded to a course, as lessons show it. Its bytes live in the blob store, once per
/// content, whatever the number of uploads (or course copies) naming them.
public struct Upload: Hashable, Sendable {
    public typealias ID = Identifier<Upload>
    public let id: ID
    public let kind: UploadKind
    public let type: FileType
    public let filename: String
    public let byteCount: Int
    /// What an image shows, for people who cannot see it (its alt text); may be empty.
    public let description: String

    public static let maximumDescriptionLength = 200

    public init(id: ID, kind: UploadKind, type: FileType, filename: String, byteCount: Int, description: String = "") {
        self.id = id
        self.kind = kind
        self.type = type
        self.filename = filename
        self.byteCount = byteCount
        self.description = description
    }
}

/// Why an upload is refused. Nothing is stored when any of these is raised.
public enum UploadRefusal: Error, Hashable, Sendable {
    case empty
    /// Bigger than the limit for its kind (in bytes).
    case tooLarge(limit: Int)
    /// HTML, SVG or XML: markup a browser could run script from.
    case markup
    /// A ZIP archive that is not an office document.
    case archive
    /// Bytes of no type we accept, whatever the file is called.
    case unsupported
    /// A real file of an accepted type, sent where another kind was expected (a PDF as an image).
    case wrongKind(expected: UploadKind, found: FileType)
}

/// The size limits and the one check that combines them with the type found in the bytes.
public struct UploadLimits: Sendable, Equatable {
    public var videoBytes: Int
    public var otherBytes: Int

    public static let standard = UploadLimits(videoBytes: 200 * 1_048_576, otherBytes: 20 * 1_048_576)

    public init(videoBytes: Int, otherBytes: Int) {
        self.videoBytes = videoBytes
        self.otherBytes = otherBytes
    }

    public func bytes(for kind: UploadKind) -> Int { kind == .video ? videoBytes : otherBytes }

    /// The type an upload of `kind` is stored as, or why it is refused. `sniffed` is what the
    /// bytes are (`FileSniffer.detect`); the size is checked again here, whatever the stream did.
    public func accept(_ kind: UploadKind, sniffed: Result<FileType, UploadRefusal>, byteCount: Int) -> Result<FileType, UploadRefusal> {
        if byteCount == 0 { return .failure(.empty) }
        if byteCount > bytes(for: kind) { return .failure(.tooLarge(limit: bytes(for: kind))) }
        return sniffed.flatMap { type in
            type.kind == kind ? .success(type) : .failure(.wrongKind(expected: kind, found: type))
        }
    }
}

/// The lesson rule for uploaded videos: watched to this share, the lesson is done (when its
/// author left the option on).
public enum VideoCompletion {
    public static let watchedShare = 0.9

    /// `played` is the seconds actually played (seeking past a part does not count it).
    public static func isWatched(played: Double, duration: Double) -> Bool {
        duration > 0 && played >= duration * watchedShare
    }
}

/// What a lesson shows besides its text: an uploaded video (or none) and its attachments in order.
public struct LessonMedia: Sendable, Hashable {
    public var video: Upload?
    /// Watching `video` to `VideoCompletion.watchedShare` marks the lesson done.
    public var videoAutoDone: Bool
    public var attachments: [Upload]

    public static let none = LessonMedia(video: nil, videoAutoDone: true, attachments: [])

    public init(video: Upload?, videoAutoDone: Bool, attachments: [Upload]) {
        self.video = video
        self.videoAutoDone = videoAutoDone
        self.attachments = attachments
    }
}
