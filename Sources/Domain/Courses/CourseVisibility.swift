/// Who may see a course's content, its lessons and the files they show, outside the editor.
/// The lesson pages and the file downloads ask the same question, so a file is never readable by
/// someone the lesson showing it would turn away.
public enum CourseVisibility {
    /// - Parameters:
    ///   - roles: the person's roles in the course's organization.
    ///   - cohortRoles: their places in the cohorts running this course (none if they are in none).
    ///   - isPublished: whether the course is published; learners see nothing of a draft.
    public static func canSee(roles: Set<Role>, cohortRoles: [CohortRole], isPublished: Bool) -> Bool {
        // Authors and admins build and check every course of the organization.
        if Permission.can(.manageCourses, roles) || Permission.can(.viewAllCohorts, roles) { return true }
        if cohortRoles.contains(where: { $0 != .learner }) { return true }
        return isPublished && cohortRoles.contains(.learner)
    }

    /// Inside one cohort: staff see the course as it is, drafts included; learners once it is published.
    public static func canSeeContent(asLearner: Bool, isPublished: Bool) -> Bool {
        !asLearner || isPublished
    }
}
