import Domain
import Fluent
import Vapor

/// Serves uploaded files to who may see their course: its authors and the organization's admins,
/// the staff of cohorts running it, and their learners once it is published. Everyone else,
/// signed in or not, in this organization or another, gets 404: a file's existence never leaks.
struct FilesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // The name segment is only for people and downloads: the id alone finds the file.
        routes.get("orgs", ":orgID", "files", ":uploadID", ":filename", use: serve)
    }

    func serve(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        let upload = try await UploadQueries.visible(req.parameters.get("uploadID"), to: context, on: req.db)
        guard let key = upload.blobKey, let type = upload.fileType else { throw AppError.notFound() }
        // Checked before the headers go: a blob missing from the store (a database restored
        // without its data directory) is a clear 404 and a log line, not a cut-off download.
        guard try await req.blobStore.size(of: key) == upload.byteCount else {
            req.logger.error("Upload \(upload.id!) names blob \(key), which the store does not hold whole")
            throw AppError.notFound()
        }
        let file = BlobResponse.File(key: key, byteCount: upload.byteCount, mediaType: type.mediaType,
                                     filename: upload.filename, inline: type.kind.isInline)
        return BlobResponse.make(req, file, store: req.blobStore)
    }
}
