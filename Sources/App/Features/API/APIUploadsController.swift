import Domain
import Fluent
import Routes
import Vapor
import Views

/// A course's files as JSON: upload one (multipart, streamed like the editor's) and list them.
struct APIUploadsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let course = routes.grouped("courses", ":courseID")
        course.on(.POST, "files", body: .stream, use: upload)
        course.get("files", use: list)
    }

    struct UploadQuery: Content {
        var kind: String?
        var activity_id: String?
    }

    /// `?kind=image|video|attachment` (the size limit), and `?activity_id=` to make it that
    /// lesson's video or add it to its attachments.
    func upload(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let query = try req.query.decode(UploadQuery.self)
        guard let kind = query.kind.flatMap(UploadKind.init(rawValue:)) else {
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "kind must be image, video or attachment.", field: "kind")
        }
        var activity: ActivityRecord?
        if let id = query.activity_id { activity = try await CourseQueries.activity(id, of: course, on: req.db) }
        do {
            let record = try await CourseUploads.receive(req, kind: kind, course: course, activity: activity,
                                                                  by: context.user.person.id.uuid)
            return try await UploadDTO(record, organizationID: context.organization.id, activityID: nil)
                .encodeResponse(status: .created, for: req)
        } catch let refusal as UploadRefusal {
            throw UploadsController.problem(refusal, kind: kind)
        } catch is StreamedUpload.Malformed {
            throw AppError.badRequest("malformed_upload", "Send the file as multipart/form-data, in a field named “file”.", field: "file")
        }
    }

    func list(req: Request) async throws -> PageDTO<UploadDTO> {
        let (context, course) = try await CourseEditorController.authoring(req)
        let (page, per) = req.paging()
        let (items, total) = try await UploadQueries.files(of: course.id!, page: page, per: per, on: req.db)
        return PageDTO(items: items.map { UploadDTO($0, organizationID: context.organization.id, activityID: nil) },
                       page: page, per: per, total: total)
    }
}

/// An uploaded file. `markdown` shows an image in a lesson; `remove_url` is the editor's form
/// that takes an attachment off its lesson (for the page's script only).
struct UploadDTO: Content {
    let id: UUID
    let kind: String
    let filename: String
    let content_type: String
    let byte_count: Int
    let url: String
    let markdown: String?
    let size_text: String
    let remove_url: String?
    let created_at: Date?
    /// What happened, in words, for the editor's script to show.
    var message: String?

    init(_ record: UploadRecord, organizationID: Organization.ID, activityID: UUID?) {
        let upload = record.domain()
        id = record.id!
        kind = record.kind.rawValue
        filename = record.filename
        content_type = record.contentType
        byte_count = record.byteCount
        url = SiteRoute.file(organizationID, upload.id, filename: upload.filename).path
        markdown = record.kind == .image ? UploadText.markdown(for: upload, in: organizationID) : nil
        size_text = UploadText.size(record.byteCount)
        remove_url = activityID.flatMap { activity in
            record.kind == .attachment
                ? SiteRoute.activityAttachmentRemove(organizationID, .init(record.courseID), .init(activity), upload.id).path : nil
        }
        created_at = record.createdAt
    }
}
