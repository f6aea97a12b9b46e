import Domain
import Fluent
import Routes
import Vapor
import Views

/// Files in the lesson editor: upload a video, an image or a document; remove them. The upload
/// route streams its body (a 200 MB video is written to disk as it comes, never held in memory)
/// and answers JSON to `uploads.js`, or the editor page to a plain form.
struct UploadsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let activity = routes.grouped("orgs", ":orgID", "courses", ":courseID", "activities", ":activityID")
        activity.on(.POST, "uploads", ":kind", body: .stream, use: upload).checkingCSRFInHandler()
        activity.post("attachments", ":uploadID", "remove", use: removeAttachment)
        activity.post("video", "remove", use: removeVideo)
    }

    func upload(req: Request) async throws -> Response {
        // Who and where first: nothing of the body is read for someone who may not author here.
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        guard let kind = req.parameters.get("kind").flatMap(UploadKind.init(rawValue:)) else { throw AppError.notFound() }
        // Not `== .json`: Vapor's media types match wildcards, and browsers send `*/*`.
        let wantsJSON = req.headers.accept.contains { $0.mediaType.type == "application" && $0.mediaType.subType == "json" }
        do {
            let record = try await CourseUploads.receive(req, kind: kind, course: course, activity: activity,
                                                                  by: context.user.person.id.uuid)
            if wantsJSON {
                var dto = UploadDTO(record, organizationID: context.organization.id, activityID: activity.id!)
                dto.message = Flash.fileUploaded(name: record.filename, kind: kind).text
                return try await dto.encodeResponse(status: .created, for: req)
            }
            let editor = SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path
            return req.redirect(to: editor + "#uploads-\(kind.rawValue)", flash: .fileUploaded(name: record.filename, kind: kind))
        } catch let refusal as UploadRefusal {
            let problem = Self.problem(refusal, kind: kind)
            if wantsJSON { return AppErrorMiddleware.json(problem, request: req) }
            return try await LessonEditorController.renderSaved(req, context, course, activity,
                                                                problem: .init(kind: kind, message: problem.message), status: problem.status)
        } catch is StreamedUpload.Malformed {
            throw AppError.badRequest("malformed_upload", "Send the file as multipart/form-data, in a field named “file”.", field: "file")
        }
    }

    /// 413 for a file over its limit, 422 for one of a type we refuse; the words come from Views.
    static func problem(_ refusal: UploadRefusal, kind: UploadKind) -> AppError {
        let code = switch refusal {
        case .empty: "empty_file"
        case .tooLarge: "file_too_large"
        case .markup: "markup_refused"
        case .archive: "archive_refused"
        case .unsupported: "unsupported_type"
        case .wrongKind: "wrong_kind"
        }
        let status: HTTPResponseStatus = if case .tooLarge = refusal { .payloadTooLarge } else { .unprocessableEntity }
        return AppError(status: status, code: code, message: UploadText.refusal(refusal, kind: kind), field: CourseUploads.fileField)
    }

    func removeAttachment(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        let upload = try await UploadQueries.find(req.parameters.get("uploadID"), in: course, on: req.db)
        try await CourseUploads.removeAttachment(upload, from: activity, on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#uploads-attachment",
                            flash: .deleted(title: upload.filename))
    }

    func removeVideo(req: Request) async throws -> Response {
        let (context, course) = try await CourseEditorController.authoring(req)
        let activity = try await CourseQueries.activity(req.parameters.get("activityID"), of: course, on: req.db)
        let removed = try await CourseUploads.removeVideo(of: activity, on: req.db)
        return req.redirect(to: SiteRoute.activityEdit(context.organization.id, .init(course.id!), .init(activity.id!)).path + "#uploads-video",
                            flash: removed.map { .deleted(title: $0.filename) })
    }
}
