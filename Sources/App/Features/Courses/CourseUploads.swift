import Domain
import Fluent
import Vapor

/// Receiving a file for a course: streamed to a draft, judged by its bytes, then either stored
/// (the blob, its row, and its place in the lesson, together) or refused with nothing kept.
enum CourseUploads {
    /// The form field that carries the file, in the editor's forms and the API.
    static let fileField = "file"

    /// Stores the upload in the request's body for `course`, attached to `activity` as `kind`
    /// says (a lesson's video, one more attachment, or an image its text may show).
    /// An image may come with its alt text (field `alt`). Throws `UploadRefusal` (nothing
    /// stored), `StreamedUpload.Malformed`, or a CSRF 403.
    static func receive(_ req: Request, kind: UploadKind, course: CourseRecord, activity: ActivityRecord?,
                        by personID: UUID) async throws -> UploadRecord {
        let limits = req.atelierConfig.uploadLimits
        let accepted = try await StreamedUpload.receiveAccepted(req, fileField: fileField, limit: limits.bytes(for: kind), store: req.blobStore) {
            limits.accept(kind, sniffed: $0, byteCount: $1)
        }
        let upload = accepted.form, type = accepted.type
        let key = try await accepted.draft.commit()
        let record = UploadRecord(organizationID: course.$organization.id, courseID: course.id!, activityID: activity?.id, blob: key,
                                  type: type, filename: FileName.sanitize(upload.filename, as: type),
                                  byteCount: upload.byteCount, uploadedBy: personID)
        if kind == .image {
            var v = Validator()
            let alt = v.text(upload.fields["alt"], field: "alt", max: Upload.maximumDescriptionLength, required: false)
            record.description = v.errors.isEmpty && !alt.isEmpty ? alt : nil
        }
        // If this fails the blob stays unnamed on disk: harmless, and the same upload retried reuses it.
        try await req.db.writeTransaction { db in
            try await record.create(on: db)
            guard let activity else { return }
            try await attach(record, as: kind, to: activity, on: db)
        }
        return record
    }

    private static func attach(_ record: UploadRecord, as kind: UploadKind, to activity: ActivityRecord, on db: any Database) async throws {
        switch kind {
        case .image:
            return
        case .video:
            // One video per lesson: the file replaces a link, and a previous file.
            let lesson = try await CourseAuthoring.lesson(of: activity, on: db)
            let previous = lesson.videoUploadID
            lesson.videoUploadID = record.id
            lesson.video = nil
            try await lesson.save(on: db)
            if let previous { try await UploadRecord.query(on: db).filter(\.$id == previous).delete() }
        case .attachment:
            let last = try await LessonAttachmentRecord.query(on: db).filter(\.$activityID == activity.id!).max(\.$position)
            try await LessonAttachmentRecord(activityID: activity.id!, uploadID: record.id!, position: (last ?? -1) + 1).create(on: db)
        }
    }

    /// Takes a file off a lesson's list, and forgets it: nothing else names an attachment.
    static func removeAttachment(_ upload: UploadRecord, from activity: ActivityRecord, on db: any Database) async throws {
        let link = LessonAttachmentRecord.query(on: db).filter(\.$activityID == activity.id!).filter(\.$uploadID == upload.id!)
        // Only a file of this lesson's list: an image or another lesson's file is not removed from here.
        guard try await link.count() == 1 else { throw AppError.notFound() }
        try await db.writeTransaction { db in
            try await LessonAttachmentRecord.query(on: db).filter(\.$activityID == activity.id!)
                .filter(\.$uploadID == upload.id!).delete()
            try await upload.delete(on: db)
        }
    }

    /// The lesson keeps no video (a link can be added again in the form).
    static func removeVideo(of activity: ActivityRecord, on db: any Database) async throws -> UploadRecord? {
        try await db.writeTransaction { db in
            let lesson = try await CourseAuthoring.lesson(of: activity, on: db)
            guard let id = lesson.videoUploadID else { return nil }
            lesson.videoUploadID = nil
            try await lesson.save(on: db)
            let upload = try await UploadRecord.find(id, on: db)
            try await upload?.delete(on: db)
            return upload
        }
    }
}
