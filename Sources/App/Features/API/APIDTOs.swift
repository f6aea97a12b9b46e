import Domain
import Vapor

// What the JSON API returns: plain DTOs, never Fluent records.

struct OrganizationDTO: Content {
    let id: UUID
    let name: String
    let roles: [String]
}

struct MeDTO: Content {
    let id: UUID
    let name: String
    let email: String
    let organizations: [OrganizationDTO]
}

struct MemberDTO: Content {
    let id: UUID
    let name: String
    let email: String
    let roles: [String]
}

struct CourseDTO: Content {
    let id: UUID
    let name: String
    let description: String
    let status: String

    init(_ course: CourseRecord) {
        id = course.id!
        name = course.name
        description = course.description
        status = course.status.rawValue
    }
}

struct CohortDTO: Content {
    let id: UUID
    let name: String
    let course_id: UUID
    let start_date: String
    let end_date: String
    let capacity: Int
    let status: String
}

struct EnrollmentDTO: Content {
    let person_id: UUID
    let name: String
    /// Nil for learners looking at other learners.
    let email: String?
    let role: String
}

struct InvitationDTO: Content {
    let id: UUID
    let name: String
    let email: String
    let role: String
    let cohort_id: UUID?
    let expires_at: Date
    /// Only when no mail server is configured, and only in the answer that created it.
    let link: String?
}

/// A page of a list: `?page=1&per=50` (at most 100).
struct PageDTO<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
}

// What the JSON API accepts. Optional fields so a missing one is a clear "required" error.

struct CreateCourseRequest: Content {
    var name: String?
    var description: String?
}

struct CreateCohortRequest: Content {
    var name: String?
    var course_id: String?
    var start_date: String?
    var end_date: String?
    var capacity: Int?
}

struct CreateEnrollmentRequest: Content {
    var person_id: String?
}

struct CreateInvitationRequest: Content {
    var name: String?
    var email: String?
    var role: String?
    var cohort_id: String?
}

extension CohortRecord {
    func dto(today: Day) -> CohortDTO {
        let cohort = domain()
        return CohortDTO(id: id!, name: name, course_id: $course.id, start_date: startDate, end_date: endDate,
                         capacity: capacity, status: cohort.status(today: today).rawValue)
    }
}

extension InvitationRecord {
    func dto(link: String?) -> InvitationDTO {
        InvitationDTO(id: id!, name: name, email: email, role: role, cohort_id: cohortID, expires_at: expiresAt, link: link)
    }
}
