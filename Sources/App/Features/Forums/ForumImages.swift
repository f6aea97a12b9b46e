import Domain
import Fluent
import Foundation
import Routes
import Vapor
import Views

/// An image posted in a forum thread: served to the cohort's readers while its post shows it.
final class ForumImageRecord: Model, @unchecked Sendable {
    static let schema = "forum_images"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "thread_id") var threadID: UUID
    @Field(key: "blob") var blob: String
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "uploaded_by") var uploadedBy: UUID
    /// The post that shows it: deleted, or hidden from the reader, and the image is not served.
    @OptionalField(key: "post_id") var postID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var fileType: FileType? { FileType(mediaType: contentType) }
}

struct CreateForumImages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("forum_images")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("thread_id", .uuid, .required, .references("forum_threads", "id", onDelete: .cascade))
            .field("blob", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("uploaded_by", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("post_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("forum_images").delete()
    }
}

/// Posting an image in a thread (streamed to the blob store, its type checked by its bytes; the
/// text beside it is the post's), and serving it.
struct ForumImagesController: RouteCollection {
    static let fileField = "file"

    func boot(routes: any RoutesBuilder) throws {
        let forum = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "forum")
        forum.on(.POST, "threads", ":threadID", "images", body: .stream, use: upload).checkingCSRFInHandler()
        forum.get("images", ":imageID", ":filename", use: serve)
    }

    func upload(req: Request) async throws -> Response {
        // Who and where first: nothing of the body is read for someone who may not post here.
        let access = try await ForumController.access(req)
        let thread = try await ForumController.threadInPath(req, access)
        guard ForumPolicy.can(.reply, as: access.role, locked: thread.locked) else {
            throw AppError(status: .forbidden, code: "locked", message: "This thread is locked: no new replies. Nothing was posted.")
        }
        let limit = req.atelierConfig.uploadLimits.otherBytes
        let record = ForumImageRecord()
        let caption: String, anonymous: Bool
        do {
            let accepted = try await StreamedUpload.receiveAccepted(req, fileField: Self.fileField, limit: limit, store: req.blobStore) {
                ForumAttachment.accept(sniffed: $0, byteCount: $1, limit: limit)
            }
            let upload = accepted.form, type = accepted.type, draft = accepted.draft
            var v = Validator()
            caption = v.text(upload.fields["body"], field: "body", max: ForumInput.maximumBody - 300, required: false, multiline: true)
            do {
                anonymous = try await access.anonymous(upload.fields["anonymous"], on: req.db)
            } catch {
                await draft.discard()
                throw error
            }
            guard v.errors.isEmpty else {
                await draft.discard()
                throw ValidationErrors(v.errors)
            }
            record.organizationID = thread.organizationID
            record.cohortID = thread.cohortID
            record.threadID = thread.id!
            record.blob = try await draft.commit().hex
            // An anonymous post does not carry the file's own name (it could name its author).
            record.filename = FileName.sanitize(anonymous ? "image" : upload.filename, as: type)
            record.contentType = type.mediaType
            record.byteCount = upload.byteCount
            record.uploadedBy = access.me
            try await record.create(on: req.db)
        } catch let refusal as UploadRefusal {
            let status: HTTPResponseStatus = if case .tooLarge = refusal { .payloadTooLarge } else { .unprocessableEntity }
            throw AppError(status: status, code: "file_refused", message: ForumAttachment.refusalText(refusal, limit: UploadText.size(limit)),
                           field: Self.fileField)
        } catch is StreamedUpload.Malformed {
            throw AppError.badRequest("malformed_upload", "Send the image as multipart/form-data, in a field named “file”.", field: Self.fileField)
        } catch let invalid as ValidationErrors {
            let problem = invalid.errors.first.map(Messages.text(for:)) ?? "The text is not valid."
            throw AppError(status: .unprocessableEntity, code: "invalid", message: "\(problem) Nothing was posted.", field: "body")
        }
        let path = SiteRoute.forumImage(access.context.organization.id, .init(access.cohort.id!), record.id!.lowercasedText,
                                        filename: record.filename).path
        let body = ChatAttachment.markdown(caption: caption, filename: record.filename, path: path, type: record.fileType ?? .png, size: "")
        let number = try await ForumStore.reply(to: thread, body: body, author: access.me, anonymous: anonymous, on: req.db,
                                                broadcaster: req.application.realtime.broadcaster)
        record.postID = try await ForumPostChanges.post(number, in: thread, on: req.db)?.id
        try await record.save(on: req.db)
        return req.redirect(to: access.threadPath(thread.id!, post: number))
    }

    func serve(req: Request) async throws -> Response {
        let access = try await ForumController.access(req)
        guard let id = req.parameters.get("imageID").flatMap(UUID.init(uuidString:)),
              let image = try await ForumImageRecord.find(id, on: req.db), image.cohortID == access.cohort.id!,
              let key = BlobKey(hex: image.blob), let type = image.fileType else { throw AppError.notFound() }
        // Only while its post shows it to this reader.
        guard let postID = image.postID, let post = try await ForumPostRecord.find(postID, on: req.db),
              post.display(to: access.role, reader: access.me).showsText else { throw AppError.notFound() }
        guard try await req.blobStore.size(of: key) == image.byteCount else {
            req.logger.error("Forum image \(id) names blob \(key), which the store does not hold whole")
            throw AppError.notFound()
        }
        return BlobResponse.make(req, .init(key: key, byteCount: image.byteCount, mediaType: type.mediaType, filename: image.filename, inline: true),
                                 store: req.blobStore)
    }
}
