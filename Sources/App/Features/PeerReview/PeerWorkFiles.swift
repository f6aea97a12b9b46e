import Domain
import Fluent
import Foundation
import Routes
import SQLKit
import Views

/// A file of a learner's work on a peer assignment in a cohort. It belongs to the work, not to
/// the submission row: files may be added before handing in (the row, once there, has the same
/// cohort, activity and person), and change with the work until reviewing starts.
final class PeerSubmissionFileRecord: Model, @unchecked Sendable {
    static let schema = "peer_submission_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "organization_id") var organizationID: UUID
    @Field(key: "cohort_id") var cohortID: UUID
    @Field(key: "activity_id") var activityID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "blob") var blob: String
    /// The name it was uploaded with, shown to its author and the staff only.
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "added_at") var addedAt: Date

    init() {}

    init(in place: PeerReviewStore.Place, personID: UUID, blob: BlobKey, type: FileType, filename: String, byteCount: Int, at now: Date) {
        organizationID = place.organizationID
        cohortID = place.cohortID
        activityID = place.activityID
        self.personID = personID
        self.blob = blob.hex
        self.filename = FileName.sanitize(filename, as: type)
        contentType = type.mediaType
        self.byteCount = byteCount
        addedAt = now
    }

    var fileType: FileType? { FileType(mediaType: contentType) }
}

struct CreatePeerSubmissionFiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("peer_submission_files")
            .id()
            .field("organization_id", .uuid, .required, .references("organizations", "id", onDelete: .cascade))
            .field("cohort_id", .uuid, .required, .references("cohorts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("blob", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("added_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "peer_submission_files_work_idx").on("peer_submission_files")
            .column("activity_id").column("cohort_id").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("peer_submission_files").delete()
    }
}

/// Reading and changing the files of learners' work, and deciding how each reader sees them:
/// their author and the staff by the names they were uploaded with, a peer reviewer of an
/// anonymous assignment as "work-file-1.pdf" (a file's own name may carry its author's).
enum PeerWorkFiles {
    /// Who is looking at a piece of work.
    enum Reader {
        case author, staff
        case reviewer(anonymous: Bool)

        var seesNames: Bool {
            if case .reviewer(let anonymous) = self { return !anonymous }
            return true
        }
    }

    /// The files of `personID`'s work, in the order they were added; none while the assignment
    /// takes no files (an author who switched it to text: files added before are no longer part
    /// of the work, for anyone, and are not served).
    static func files(of personID: UUID, in place: PeerReviewStore.Place, on db: any Database) async throws -> [PeerSubmissionFileRecord] {
        guard place.settings.submissionKind.takesFiles else { return [] }
        return try await PeerSubmissionFileRecord.query(on: db).filter(\.$activityID == place.activityID).filter(\.$cohortID == place.cohortID)
            .filter(\.$personID == personID).sort(\.$addedAt).sort(\.$id).all()
    }

    /// The files as `reader` sees them, in the order they were added.
    static func shown(_ files: [PeerSubmissionFileRecord], to reader: Reader, organizationID: Organization.ID,
                      cohortID: Cohort.ID) -> [SubmittedFile] {
        files.enumerated().compactMap { index, file in
            guard let type = file.fileType else { return nil }
            let name = reader.seesNames ? file.filename : PeerSubmissionFiles.anonymousName(position: index + 1, type: type)
            let id = file.id!.lowercasedText
            return SubmittedFile(id: id, name: name, type: type, byteCount: file.byteCount,
                                 href: SiteRoute.peerFile(organizationID, cohortID, id, filename: name).path)
        }
    }

    /// Throws unless `personID` may change their work now: before the deadline (or after it
    /// when late work is accepted), and only while nobody has started reviewing it.
    static func checkChangeable(by personID: UUID, in place: PeerReviewStore.Place, now: Date, on db: any Database) async throws {
        guard place.settings.submissionKind.takesFiles else { throw PeerReviewError.filesNotAccepted }
        if let deadline = place.deadlines.submission, now >= deadline, !place.settings.acceptsLate { throw PeerReviewError.submissionClosed }
        let submission = try await PeerReviewStore.submission(of: personID, in: place, on: db)
        if let submission, try await PeerReviewStore.reviewingStarted(on: submission.id!, on: db) { throw PeerReviewError.alreadyReviewed }
    }

    /// Keeps an accepted upload as one more file of the work; refused past the limit, counting
    /// the files added meanwhile (two tabs at once: then no row is kept, though the blob written
    /// meanwhile stays unnamed in the store, as any upload that fails after it was stored).
    static func add(_ accepted: StreamedUpload.Accepted, by personID: UUID, in place: PeerReviewStore.Place,
                    now: Date, on db: any Database) async throws -> PeerSubmissionFileRecord {
        guard try await files(of: personID, in: place, on: db).count < PeerReviewLimits.filesPerSubmission else {
            await accepted.draft.discard()
            throw PeerReviewError.tooManyFiles
        }
        let record = PeerSubmissionFileRecord(in: place, personID: personID, blob: try await accepted.draft.commit(), type: accepted.type,
                                              filename: accepted.form.filename, byteCount: accepted.form.byteCount, at: now)
        try await record.create(on: db)
        if try await files(of: personID, in: place, on: db).count > PeerReviewLimits.filesPerSubmission {
            try await record.delete(on: db)
            throw PeerReviewError.tooManyFiles
        }
        return record
    }

    /// Takes a file off the work. Handed-in work keeps what its kind asks for: the last file of
    /// work that has no text stays until another is added.
    static func remove(_ fileID: UUID, by personID: UUID, in place: PeerReviewStore.Place, on db: any Database) async throws
        -> PeerSubmissionFileRecord {
        let files = try await files(of: personID, in: place, on: db)
        guard let file = files.first(where: { $0.id == fileID }) else { throw AppError.notFound() }
        if let submission = try await PeerReviewStore.submission(of: personID, in: place, on: db) {
            do {
                try place.settings.submissionKind.check(text: submission.text, fileCount: files.count - 1)
            } catch {
                throw PeerReviewError.lastFile
            }
        }
        try await file.delete(on: db)
        return file
    }
}
