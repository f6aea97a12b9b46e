import Domain
import Fluent
import Foundation

/// A file uploaded to a course: which blob holds its bytes, and how it is named and served.
/// The course decides who may read it (`CourseVisibility`); a copy of the course gets rows of
/// its own naming the same blobs.
final class UploadRecord: Model, @unchecked Sendable {
    static let schema = "uploads"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "course_id") var courseID: UUID
    /// The lesson whose editor it was uploaded from (its images are listed there).
    @OptionalField(key: "activity_id") var activityID: UUID?
    @Field(key: "blob") var blob: String
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "kind") var kind: UploadKind
    /// An image's alt text, as the author described it when uploading.
    @OptionalField(key: "description") var description: String?
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, organizationID: UUID, courseID: UUID, activityID: UUID?, blob: BlobKey, type: FileType,
         filename: String, byteCount: Int, uploadedBy: UUID?) {
        self.id = id
        self.organizationID = organizationID
        self.courseID = courseID
        self.activityID = activityID
        self.blob = blob.hex
        self.filename = filename
        self.contentType = type.mediaType
        self.byteCount = byteCount
        self.kind = type.kind
        self.uploadedBy = uploadedBy
    }

    /// The same file named by another course (a copy): a new row, the same blob.
    func copy(to courseID: UUID, activityID: UUID?) -> UploadRecord {
        let copy = UploadRecord()
        copy.id = UUID()
        copy.organizationID = organizationID
        copy.courseID = courseID
        copy.activityID = activityID
        copy.blob = blob
        copy.filename = filename
        copy.contentType = contentType
        copy.byteCount = byteCount
        copy.kind = kind
        copy.description = description
        copy.uploadedBy = uploadedBy
        return copy
    }

    var fileType: FileType? { FileType(mediaType: contentType) }

    func domain() -> Upload {
        Upload(id: .init(id!), kind: kind, type: fileType ?? .text, filename: filename, byteCount: byteCount,
               description: description ?? "")
    }

    var blobKey: BlobKey? { BlobKey(hex: blob) }
}

/// One file offered for download under a lesson, in the order the author added them.
final class LessonAttachmentRecord: Model, @unchecked Sendable {
    static let schema = "lesson_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "upload_id") var uploadID: UUID
    @Field(key: "position") var position: Int

    init() {}

    init(activityID: UUID, uploadID: UUID, position: Int) {
        self.activityID = activityID
        self.uploadID = uploadID
        self.position = position
    }
}
