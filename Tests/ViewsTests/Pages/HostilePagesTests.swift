import Domain
import Foundation
import Testing
@testable import Views

/// Renders every page with hostile strings in every field of its model and proves no markup escapes.
@Suite struct HostilePagesTests {
    static let evil = #"<script>alert(1)</script>"'><img src=x onerror=alert(2)>&amp;"#
    static let org = Organization.ID(UUID())
    static let cohortID = Cohort.ID(UUID())

    static var context: LayoutContext {
        LayoutContext(csrfToken: evil, flash: .courseCreated(name: evil), personName: evil,
                      organizations: [.init(id: org, name: evil), .init(id: .init(UUID()), name: evil)],
                      current: .init(id: org, name: evil), roles: Set(Role.allCases), section: .home)
    }

    static var state: Form.State {
        Form.State(values: ["name": evil, "email": evil, "description": evil, "organization_name": evil, "capacity": evil,
                            "start_date": evil, "end_date": evil, "role": evil, "cohort_id": evil],
                   errors: [FieldError("name", .required), FieldError("email", .invalidEmail)])
    }

    static var card: HomePageModel.CohortCard {
        .init(id: cohortID, name: evil, courseName: evil, dates: evil, status: .running, learners: 3)
    }

    static var pages: [(String, [UInt8])] {
        let cohort = Cohort(id: cohortID, organizationID: org, courseID: .init(UUID()), name: evil,
                            startDate: Day("2027-01-01")!, endDate: Day("2027-02-01")!, capacity: 5)
        let member = PeoplePageModel.Member(id: .init(UUID()), name: evil, email: evil, roles: [.learner])
        let invitation = PeoplePageModel.PendingInvitation(id: .init(UUID()), name: evil, email: evil, role: .trainer,
                                                           cohortName: evil, expires: evil)
        return [
            ("setup", AuthPages.setup(context, state: state)),
            ("sign-in", AuthPages.signIn(context, email: evil, failure: evil)),
            ("forgot", AuthPages.forgotPassword(context, state: state)),
            ("reset", AuthPages.resetPassword(context, token: evil, state: state)),
            ("unusable", AuthPages.linkUnusable(context, what: evil)),
            ("throttled", AuthPages.tooManyAttempts(context, retryAfter: 61)),
            ("home", HomePage.render(HomePageModel(organization: Organization(id: org, name: evil), personName: evil,
                                                   learning: [card], running: [card],
                                                   admin: .init(courses: 0, cohorts: 1, members: 2, pendingInvitations: 3)), context)),
            ("people", PeoplePage.render(PeoplePageModel(organizationID: org, members: [member], invitations: [invitation],
                                                         cohorts: [(cohortID, evil)], inviteState: state, importErrors: [evil],
                                                         freshLinks: [(evil, evil)], mailConfigured: false), context)),
            ("courses", CoursesPage.render(CoursesPageModel(organizationID: org, courses: [.init(id: .init(UUID()), name: evil, description: evil,
                                                                                                     status: .published, modules: 3, cohorts: 2)],
                                                            state: state), context)),
            ("cohorts", CohortsPage.render(CohortsPageModel(organizationID: org, cohorts: [card], courses: [(.init(UUID()), evil)],
                                                            state: state), context)),
            ("cohort", CohortPage.render(CohortPageModel(cohort: cohort, courseName: evil, status: .upcoming,
                                                         members: [.init(id: .init(UUID()), name: evil, email: evil, role: .learner),
                                                                   .init(id: .init(UUID()), name: evil, email: evil, role: .trainer)],
                                                         candidates: [(.init(UUID()), evil)], canManage: true), context)),
            ("profile", ProfilePage.render(ProfilePageModel(name: evil, email: evil, memberships: [(.init(id: org, name: evil), [.admin])],
                                                            tokens: [.init(id: evil, name: evil, created: evil, lastUsed: evil)],
                                                            profileState: state, passwordState: state), context)),
            ("accept", AcceptInvitationPage.render(token: evil, organizationName: evil, name: evil, email: evil,
                                                   existingAccount: false, state: state, context)),
            ("error", ErrorPage.render(status: 404, message: evil, context)),
            ("course-editor", CourseEditorPage.render(courseEditor, context)),
            ("lesson-editor", LessonEditorPage.render(lessonEditor, context)),
            ("outline", CourseOutlinePage.render(outline, context)),
            ("lesson", LessonPage.render(lesson, context)),
            ("calendar", CohortCalendarPage.render(calendar, context)),
            ("question-bank", QuestionBankPage.render(questionBank, context)),
            ("question-edit", QuestionEditPage.render(questionEdit, context)),
            ("quiz-editor", QuizEditorPage.render(quizEditor, context)),
            ("quiz-start", QuizStartPage.render(quizStart(learner: true), context)),
            ("quiz-staff", QuizStartPage.render(quizStart(learner: false), context)),
            ("quiz-attempt", QuizAttemptPage.render(quizAttempt, context)),
            ("quiz-result", QuizResultPage.render(quizResult, context)),
            ("cohort-quizzes", CohortPage.render(cohortWithQuizzes(cohort), context)),
        ] + peerPages + followUpPages
    }

    static var outline: CourseOutlineModel {
        let module = CourseModule(id: .init(UUID()), title: evil, position: 0, unlock: ScheduleOffset(week: 3, weekday: 1))
        let item = CourseOutlineModel.Item(activity: activity, state: .started, due: Day("2027-01-04"))
        return CourseOutlineModel(organizationID: org, cohortID: cohortID, cohortName: evil, courseName: evil, courseDescription: evil,
                                  isPublished: true, isLearner: true, progress: .init(done: 1, total: 3), isComplete: false,
                                  modules: [.init(module: module, unlocks: Day("2027-01-18"), isOpen: false, progress: .init(done: 0, total: 1),
                                                  items: [item]),
                                            .init(module: module, unlocks: nil, isOpen: true, progress: .init(done: 1, total: 1), items: [item])],
                                  resume: (activity.id, evil, true), nextDue: (evil, Day("2027-01-04")!), today: Day("2027-01-10")!)
    }

    static var lesson: LessonPageModel {
        var model = LessonPageModel(organizationID: org, cohortID: cohortID, courseName: evil, moduleTitle: evil, activity: activity,
                                    html: Markdown.render(evil), video: .youtube(id: "dQw4w9WgXcQ"), state: .started, due: Day("2027-01-04"),
                                    number: 2, count: 5, previous: .init(id: activity.id, title: evil), next: .init(id: activity.id, title: evil),
                                    isLearner: true)
        model.media = media
        return model
    }

    /// Uploaded files whose every text is hostile.
    static var media: LessonMedia {
        LessonMedia(video: upload(.webm), videoAutoDone: true, attachments: [upload(.pdf), upload(.csv)])
    }

    static func upload(_ type: FileType) -> Upload {
        Upload(id: .init(UUID()), kind: type.kind, type: type, filename: evil, byteCount: 123_456, description: evil)
    }

    static var calendar: CohortCalendarModel {
        CohortCalendarModel(organizationID: org, cohortID: cohortID, cohortName: evil, courseName: evil,
                            entries: [.init(day: Day("2027-01-04")!, kind: .due, title: evil, activityID: activity.id, done: true),
                                      .init(day: Day("2027-01-05")!, kind: .opens, title: evil)],
                            today: Day("2027-01-10")!, isLearner: true, canShift: true, shiftDays: 3,
                            feedURL: "https://x.test/calendar/" + evil + ".ics", state: state)
    }

    static var activity: Activity {
        Activity(id: .init(UUID()), moduleID: .init(UUID()), kind: .lesson, title: evil, estimatedMinutes: 15, required: true,
                 position: 0, due: ScheduleOffset(week: 2, weekday: 1))
    }

    static var courseEditor: CourseEditorModel {
        let module = CourseModule(id: .init(UUID()), title: evil, position: 0, unlock: ScheduleOffset(week: 1, weekday: 3))
        return CourseEditorModel(organizationID: org, course: Course(id: .init(UUID()), organizationID: org, name: evil, description: evil),
                                 status: .draft, modules: [.init(module: module, activities: [activity, activity])], cohorts: 1,
                                 detailsState: state, moduleState: state)
    }

    static var lessonEditor: LessonEditorModel {
        var model = LessonEditorModel(organizationID: org, courseID: .init(UUID()), courseName: evil, moduleTitle: evil, activity: activity,
                                      markdown: evil, videoLink: evil, preview: Markdown.render(evil), state: state)
        model.media = media
        model.images = [upload(.png), upload(.gif)]
        model.uploadProblem = .init(kind: .image, message: evil)
        return model
    }

    @Test(arguments: pages.map(\.0))
    func noMarkupEscapes(page name: String) throws {
        let html = String(decoding: try #require(Self.pages.first { $0.0 == name }).1, as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("'><img"))
        #expect(!html.contains("\"'>"))
        #expect(html.contains("&lt;script&gt;") || name == "throttled")
        // Only our own script tags, each with a src from /js/.
        let scripts = html.components(separatedBy: "<script").dropFirst()
        #expect(!scripts.isEmpty)
        #expect(scripts.allSatisfy { $0.hasPrefix(#" src="/js/"#) })
        #expect(html.components(separatedBy: "<h1").count == 2, "exactly one h1")
        #expect(html.contains("<main id=\"main\""))
    }

    @Test func formsCarryLabelsAndTieErrorsToTheirFields() {
        let html = String(decoding: AuthPages.setup(Self.context, state: Self.state), as: UTF8.self)
        #expect(html.contains(#"<label for="email">Email</label>"#))
        #expect(html.contains(#"aria-invalid="true""#))
        #expect(html.contains(#"aria-describedby="email-error""#))
        #expect(html.contains(#"id="email-error">Enter an e-mail address like name@example.com.</p>"#))
        #expect(html.contains(#"role="alert""#))
    }

    @Test func navigationShowsOnlyWhatTheRolesAllow() {
        var context = Self.context
        context.roles = [.learner]
        let learner = String(decoding: ErrorPage.render(status: 404, message: "x", context), as: UTF8.self)
        #expect(learner.contains(">Home<"))
        #expect(learner.contains(">Profile<"))
        #expect(!learner.contains(">People<"))
        #expect(!learner.contains(">Cohorts<"))
        context.roles = [.admin]
        let admin = String(decoding: ErrorPage.render(status: 404, message: "x", context), as: UTF8.self)
        for label in [">Courses<", ">Cohorts<", ">People<", "Sign out"] { #expect(admin.contains(label)) }
    }
}
