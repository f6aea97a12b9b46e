import Domain
import Fluent
import Vapor

/// Reads of uploaded files: who may see one, what a lesson shows, what a course holds.
enum UploadQueries {
    /// An upload of that course, or 404.
    static func find(_ text: String?, in course: CourseRecord, on db: any Database) async throws -> UploadRecord {
        guard let text, let id = UUID(uuidString: text),
              let upload = try await UploadRecord.query(on: db).filter(\.$id == id)
                .filter(\.$courseID == course.id!).first() else { throw AppError.notFound() }
        return upload
    }

    /// The upload named in a file path, if the person may see its course (`CourseVisibility`);
    /// 404 for everything else: another organization's file, another cohort's, a draft's.
    static func visible(_ text: String?, to context: OrganizationContext, on db: any Database) async throws -> UploadRecord {
        guard let text, let id = UUID(uuidString: text),
              let upload = try await UploadRecord.query(on: db).filter(\.$id == id)
                .filter(\.$organizationID == context.organizationID).first(),
              let course = try await CourseRecord.find(upload.courseID, on: db) else { throw AppError.notFound() }
        let cohortRoles = Permission.can(.manageCourses, context.roles) ? [] :
            try await CohortMemberRecord.query(on: db)
                .join(CohortRecord.self, on: \CohortMemberRecord.$cohort.$id == \CohortRecord.$id)
                .filter(CohortRecord.self, \.$course.$id == upload.courseID)
                .filter(\.$person.$id == context.user.person.id.uuid)
                .all().map(\.cohortRole)
        guard CourseVisibility.canSee(roles: context.roles, cohortRoles: cohortRoles,
                                      isPublished: course.status == .published) else { throw AppError.notFound() }
        return upload
    }

    /// A lesson's uploaded video and attachments, in two queries at most.
    static func media(of lesson: LessonRecord?, on db: any Database) async throws -> LessonMedia {
        guard let lesson else { return .none }
        let links = try await LessonAttachmentRecord.query(on: db).filter(\.$activityID == lesson.$activity.id)
            .sort(\.$position).all()
        let ids = links.map(\.uploadID) + (lesson.videoUploadID.map { [$0] } ?? [])
        let uploads = ids.isEmpty ? [:] : Dictionary(
            try await UploadRecord.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.domain()) },
            uniquingKeysWith: { first, _ in first })
        return LessonMedia(video: lesson.videoUploadID.flatMap { uploads[$0] }, videoAutoDone: lesson.videoAutoDone,
                           attachments: links.compactMap { uploads[$0.uploadID] })
    }

    /// The images uploaded from a lesson's editor, newest first (the editor lists them to insert).
    static func images(uploadedFrom activityID: UUID, on db: any Database) async throws -> [Upload] {
        try await UploadRecord.query(on: db).filter(\.$activityID == activityID).filter(\.$kind == .image)
            .sort(\.$createdAt, .descending).limit(50).all().map { $0.domain() }
    }

    /// A page of a course's files, newest first, and their number.
    static func files(of courseID: UUID, page: Int, per: Int, on db: any Database) async throws -> (items: [UploadRecord], total: Int) {
        let query = UploadRecord.query(on: db).filter(\.$courseID == courseID)
        let total = try await query.count()
        let items = try await query.sort(\.$createdAt, .descending).sort(\.$id).range((page - 1) * per ..< page * per).all()
        return (items, total)
    }
}
