import Domain
import Fluent
import Foundation
import Routes
import Vapor
import Views

/// A file sent in a conversation: readable by whoever may read the conversation, no one else.
final class ChatFileRecord: Model, @unchecked Sendable {
    static let schema = "chat_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "blob") var blob: String
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "uploaded_by") var uploadedBy: UUID
    /// The message that carries it: once that is deleted, the file is no longer served.
    @OptionalField(key: "message_id") var messageID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var fileType: FileType? { FileType(mediaType: contentType) }
}

struct CreateChatFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("chat_files")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("conversation_id", .uuid, .required, .references("conversations", "id", onDelete: .cascade))
            .field("blob", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("uploaded_by", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("message_id", .uuid)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("chat_files").delete()
    }
}

/// Sending an image or a PDF in a conversation (streamed to the blob store, its type checked by
/// its bytes), and serving it to the conversation's readers.
struct ChatFilesController: RouteCollection {
    static let fileField = "file"

    func boot(routes: any RoutesBuilder) throws {
        let org = routes.grouped("orgs", ":orgID")
        org.on(.POST, "conversations", ":conversationID", "files", body: .stream, use: upload).checkingCSRFInHandler()
        org.get("chat-files", ":fileID", ":filename", use: serve)
    }

    func upload(req: Request) async throws -> Response {
        // Who and where first: nothing of the body is read for someone who may not write here.
        let context = try await req.organizationContext()
        guard let id = req.parameters.get("conversationID").flatMap(UUID.init(uuidString:)),
              let conversation = try await ChatStore.readable(id, personID: context.user.person.id.uuid, organizationID: context.organizationID,
                                                              roles: context.roles, on: req.db) else { throw AppError.notFound() }
        guard req.application.realtime.hub.allowSend(by: context.user.person.id.uuid) else {
            throw AppError(status: .tooManyRequests, code: "rate_limited", message: "You are sending messages too fast; wait a moment.")
        }
        let limit = req.atelierConfig.uploadLimits.otherBytes
        let record: ChatFileRecord, caption: String
        do {
            let accepted = try await StreamedUpload.receiveAccepted(req, fileField: Self.fileField, limit: limit, store: req.blobStore) {
                ChatAttachment.accept(sniffed: $0, byteCount: $1, limit: limit)
            }
            let upload = accepted.form, type = accepted.type, draft = accepted.draft
            var v = Validator()
            caption = v.text(upload.fields["caption"], field: "caption", max: 500, required: false, multiline: true)
            guard v.errors.isEmpty else {
                await draft.discard()
                throw ValidationErrors(v.errors)
            }
            record = ChatFileRecord()
            record.organizationID = context.organizationID
            record.conversationID = conversation.id!
            record.blob = try await draft.commit().hex
            record.filename = FileName.sanitize(upload.filename, as: type)
            record.contentType = type.mediaType
            record.byteCount = upload.byteCount
            record.uploadedBy = context.user.person.id.uuid
            try await record.create(on: req.db)
        } catch let refusal as UploadRefusal {
            let status: HTTPResponseStatus = if case .tooLarge = refusal { .payloadTooLarge } else { .unprocessableEntity }
            throw AppError(status: status, code: "file_refused", message: UploadText.chatRefusal(refusal), field: Self.fileField)
        } catch is StreamedUpload.Malformed {
            throw AppError.badRequest("malformed_upload", "Send the file as multipart/form-data, in a field named “file”.", field: Self.fileField)
        } catch let invalid as ValidationErrors {
            let problem = invalid.errors.first.map(Messages.text(for:)) ?? "The caption is not valid."
            throw AppError(status: .unprocessableEntity, code: "invalid_caption", message: "\(problem) Nothing was sent.",
                           field: "caption")
        }
        let path = SiteRoute.chatFile(context.organization.id, record.id!.lowercasedText, filename: record.filename).path
        let body = ChatAttachment.markdown(caption: caption, filename: record.filename, path: path, type: record.fileType ?? .pdf,
                                           size: UploadText.size(record.byteCount))
        let message = try await ChatStore.send(body, to: conversation, author: context.user.person, on: req.db,
                                               broadcaster: req.application.realtime.broadcaster, caches: req.application.readCaches,
                                               writes: req.application.realtime.writes, afterwork: req.application.realtime.afterwork)
        record.messageID = message.id.uuid
        try await record.save(on: req.db)
        return req.redirect(to: SiteRoute.conversation(context.organization.id, .init(conversation.id!)).path + "#message-\(message.sequence)")
    }

    func serve(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        guard let id = req.parameters.get("fileID").flatMap(UUID.init(uuidString:)),
              let file = try await ChatFileRecord.find(id, on: req.db), file.organizationID == context.organizationID,
              try await ChatStore.readable(file.conversationID, personID: context.user.person.id.uuid, organizationID: context.organizationID,
                                           roles: context.roles, on: req.db) != nil,
              let key = BlobKey(hex: file.blob), let type = file.fileType else { throw AppError.notFound() }
        // Its message deleted by its author: the file goes with it.
        if let messageID = file.messageID, try await MessageRecord.find(messageID, on: req.db)?.deletedAt != nil { throw AppError.notFound() }
        guard try await req.blobStore.size(of: key) == file.byteCount else {
            req.logger.error("Chat file \(id) names blob \(key), which the store does not hold whole")
            throw AppError.notFound()
        }
        return BlobResponse.make(req, .init(key: key, byteCount: file.byteCount, mediaType: type.mediaType, filename: file.filename,
                                            inline: type.kind.isInline), store: req.blobStore)
    }
}
