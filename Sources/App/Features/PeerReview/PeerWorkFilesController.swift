import Domain
import Fluent
import Routes
import Vapor
import Views

/// A learner adds files to their work and takes them off (while it may change), and whoever may
/// read the work downloads them: its author and the cohort's staff by their own names, a peer
/// reviewer by the names `PeerWorkFiles` gives them. Anyone else gets 404.
struct PeerWorkFilesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.on(.POST, "activities", ":activityID", "submission", "files", body: .stream, use: add).checkingCSRFInHandler()
        cohort.post("activities", ":activityID", "submission", "files", ":fileID", "delete", use: remove)
        // The name segment is only for people and downloads: the id alone finds the file.
        cohort.get("peer-files", ":fileID", ":filename", use: serve)
    }

    private func learner(_ req: Request) async throws -> PeerReviewController.Located { try await PeerReviewController.learner(req) }

    private func activityPath(_ at: PeerReviewController.Located) -> String { at.activityPath + "#work-heading" }

    func add(req: Request) async throws -> Response {
        // Who and where first: nothing of the body is read for someone who may not hand in here.
        let at = try await learner(req)
        let me = at.access.personID, now = Date()
        let limit = req.atelierConfig.uploadLimits.otherBytes
        do {
            // Read before the rules are checked, so a browser posting the form sees the answer, not a cut connection.
            let accepted = try await StreamedUpload.receiveAccepted(req, fileField: CourseUploads.fileField, limit: limit, store: req.blobStore) {
                PeerSubmissionFiles.accept(sniffed: $0, byteCount: $1, limit: limit)
            }
            do {
                try await PeerWorkFiles.checkChangeable(by: me, in: at.place, now: now, on: req.db)
            } catch {
                await accepted.draft.discard()
                throw error
            }
            let record = try await PeerWorkFiles.add(accepted, by: me, in: at.place, now: now, on: req.db)
            let handedIn = try await PeerReviewStore.submission(of: me, in: at.place, on: req.db) != nil
            return req.redirect(to: activityPath(at), flash: .workFileAdded(name: record.filename, handedIn: handedIn))
        } catch let error as PeerReviewError {
            return try await PeerReviewController.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(error),
                                                       status: .unprocessableEntity)
        } catch let refusal as UploadRefusal {
            let status: HTTPResponseStatus = if case .tooLarge = refusal { .payloadTooLarge } else { .unprocessableEntity }
            return try await PeerReviewController.page(req, at.access, at.view, at.located, problem: UploadText.workRefusal(refusal),
                                                       status: status)
        } catch is StreamedUpload.Malformed {
            throw AppError.badRequest("malformed_upload", "Send the file as multipart/form-data, in a field named “file”.",
                                      field: CourseUploads.fileField)
        }
    }

    func remove(req: Request) async throws -> Response {
        let at = try await learner(req)
        guard let fileID = req.parameters.get("fileID").flatMap(UUID.init(uuidString:)) else { throw AppError.notFound() }
        do {
            try await PeerWorkFiles.checkChangeable(by: at.access.personID, in: at.place, now: Date(), on: req.db)
            let file = try await PeerWorkFiles.remove(fileID, by: at.access.personID, in: at.place, on: req.db)
            return req.redirect(to: activityPath(at), flash: .workFileRemoved(name: file.filename))
        } catch let error as PeerReviewError {
            return try await PeerReviewController.page(req, at.access, at.view, at.located, problem: PeerReviewText.message(error),
                                                       status: .unprocessableEntity)
        }
    }

    func serve(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard let id = req.parameters.get("fileID").flatMap(UUID.init(uuidString:)),
              let file = try await PeerSubmissionFileRecord.find(id, on: req.db),
              file.organizationID == access.context.organizationID, file.cohortID == access.cohortID else { throw AppError.notFound() }
        let at = try await PeerReviewController.locate(req, access, activityID: file.activityID.lowercasedText)
        let reader = try await Self.reader(of: file, access, at.place, on: req.db)
        let files = try await PeerWorkFiles.files(of: file.personID, in: at.place, on: req.db)
        guard let shown = PeerWorkFiles.shown(files, to: reader, organizationID: access.context.organization.id,
                                              cohortID: .init(access.cohortID)).first(where: { $0.id == id.lowercasedText }),
              let key = BlobKey(hex: file.blob) else { throw AppError.notFound() }
        guard try await req.blobStore.size(of: key) == file.byteCount else {
            req.logger.error("Peer work file \(id) names blob \(key), which the store does not hold whole")
            throw AppError.notFound()
        }
        return BlobResponse.make(req, .init(key: key, byteCount: file.byteCount, mediaType: shown.type.mediaType, filename: shown.name,
                                            inline: shown.type.kind.isInline), store: req.blobStore)
    }

    /// Its author; once handed in, the cohort's staff and whoever was given the work to review.
    private static func reader(of file: PeerSubmissionFileRecord, _ access: LearningAccess, _ place: PeerReviewStore.Place,
                               on db: any Database) async throws -> PeerWorkFiles.Reader {
        if file.personID == access.personID { return .author }
        guard let submission = try await PeerReviewStore.submission(of: file.personID, in: place, on: db) else { throw AppError.notFound() }
        if access.isStaff { return .staff }
        let reviews = try await PeerReviewRecord.query(on: db).filter(\.$submissionID == submission.id!)
            .filter(\.$reviewerID == access.personID).filter(\.$kind != .self).count()
        guard reviews > 0 else { throw AppError.notFound() }
        return .reviewer(anonymous: place.settings.anonymous)
    }
}
