import Domain
import Foundation

/// Every page of the site. Controllers register these paths and views link to them through
/// `path`, so a link can never point at a route that does not exist (a test walks them all).
public enum SiteRoute: Hashable, Sendable {
    case home
    case setup
    case signIn
    case signOut
    case forgotPassword
    case resetPassword(token: String)
    case invitation(token: String)
    case profile
    case profilePassword
    case profileTokens
    case profileTokenDelete(UUIDText)
    case organization(Organization.ID)
    case people(Organization.ID)
    case invitations(Organization.ID)
    case invitationImport(Organization.ID)
    case invitationRevoke(Organization.ID, Invitation.ID)
    case memberRoles(Organization.ID, Person.ID)
    case courses(Organization.ID)
    case course(Organization.ID, Course.ID)
    case courseStatus(Organization.ID, Course.ID)
    case courseDuplicate(Organization.ID, Course.ID)
    case courseModules(Organization.ID, Course.ID)
    case courseModule(Organization.ID, Course.ID, CourseModule.ID)
    case courseModuleMove(Organization.ID, Course.ID, CourseModule.ID)
    case courseModuleDelete(Organization.ID, Course.ID, CourseModule.ID)
    case moduleActivities(Organization.ID, Course.ID, CourseModule.ID)
    case activityEdit(Organization.ID, Course.ID, Activity.ID)
    case activityMove(Organization.ID, Course.ID, Activity.ID)
    case activityDelete(Organization.ID, Course.ID, Activity.ID)
    case activityUpload(Organization.ID, Course.ID, Activity.ID, UploadKind)
    case activityAttachmentRemove(Organization.ID, Course.ID, Activity.ID, Upload.ID)
    case activityVideoRemove(Organization.ID, Course.ID, Activity.ID)
    /// A peer assignment's graded examples, for calibration.
    case peerExamples(Organization.ID, Course.ID, Activity.ID)
    case peerExampleDelete(Organization.ID, Course.ID, Activity.ID, UUIDText)
    case questionBank(Organization.ID, Course.ID)
    case questionImport(Organization.ID, Course.ID)
    /// The whole bank as a GIFT file.
    case questionExport(Organization.ID, Course.ID)
    case question(Organization.ID, Course.ID, UUIDText)
    case questionDelete(Organization.ID, Course.ID, UUIDText)
    /// Saving which lessons teach a topic.
    case questionTopic(Organization.ID, Course.ID)
    /// An uploaded file; the name is only for people and downloads (the id finds the file).
    case file(Organization.ID, Upload.ID, filename: String)
    case markdownPreview(Organization.ID)
    case cohortCourse(Organization.ID, Cohort.ID)
    case cohortContinue(Organization.ID, Cohort.ID)
    case cohortCalendar(Organization.ID, Cohort.ID)
    case cohortSchedule(Organization.ID, Cohort.ID)
    /// The group's time zone, in which its live classes are scheduled.
    case cohortTimeZone(Organization.ID, Cohort.ID)
    /// A cohort's live classes: `LiveRoute` names each page.
    case live(Organization.ID, Cohort.ID, LiveRoute)
    /// Learners' help requests in a cohort: `HelpRoute` names each page.
    case help(Organization.ID, Cohort.ID, HelpRoute)
    case announcements(Organization.ID, Cohort.ID, AnnouncementRoute)
    /// The cohort's follow-up for its staff: `FollowUpRoute` names each page.
    case followUp(Organization.ID, Cohort.ID, FollowUpRoute)
    case calendarFeed(token: String)
    case calendarFeedReset
    case cohortActivity(Organization.ID, Cohort.ID, Activity.ID)
    case cohortActivityDone(Organization.ID, Cohort.ID, Activity.ID)
    case cohortActivityHeartbeat(Organization.ID, Cohort.ID, Activity.ID)
    /// Starting (or resuming) an attempt at a quiz.
    case quizAttempts(Organization.ID, Cohort.ID, Activity.ID)
    case quizAttempt(Organization.ID, Cohort.ID, UUIDText)
    /// Answers saved as the learner goes (scripts), without submitting.
    case quizAttemptAnswers(Organization.ID, Cohort.ID, UUIDText)
    case quizAttemptSubmit(Organization.ID, Cohort.ID, UUIDText)
    case quizAttemptResult(Organization.ID, Cohort.ID, UUIDText)
    /// A trainer grading the written answer at `position`.
    case quizAttemptGrade(Organization.ID, Cohort.ID, UUIDText, position: Int)
    /// A learner handing in (or editing) their work for a peer assignment.
    case peerSubmission(Organization.ID, Cohort.ID, Activity.ID)
    /// Adding a file to one's work (multipart), and taking one off.
    case peerSubmissionFiles(Organization.ID, Cohort.ID, Activity.ID)
    case peerSubmissionFileRemove(Organization.ID, Cohort.ID, Activity.ID, UUIDText)
    /// A cohort's trainers grading the assignment's calibration examples (shared by the course).
    case peerCohortExamples(Organization.ID, Cohort.ID, Activity.ID)
    case peerCohortExampleDelete(Organization.ID, Cohort.ID, Activity.ID, UUIDText)
    /// A file of a learner's work, named as its reader may see it.
    case peerFile(Organization.ID, Cohort.ID, UUIDText, filename: String)
    /// Asking for a peer's work to review (the one that most needs a review).
    case peerReviews(Organization.ID, Cohort.ID, Activity.ID)
    case peerSelfReview(Organization.ID, Cohort.ID, Activity.ID)
    /// Offering (or no longer) to review more than one's share when work runs short.
    case peerVolunteer(Organization.ID, Cohort.ID, Activity.ID)
    /// A learner assessing one of the trainer's graded examples before reviewing peers.
    case peerCalibration(Organization.ID, Cohort.ID, Activity.ID)
    case peerReview(Organization.ID, Cohort.ID, UUIDText)
    /// The author rating the helpfulness of a review of their work, or flagging it as unfair.
    case peerReviewRating(Organization.ID, Cohort.ID, UUIDText)
    case peerReviewFlag(Organization.ID, Cohort.ID, UUIDText)
    /// Staff answering a flag: set the review aside (not counted), keep it, or count it again.
    case peerReviewModeration(Organization.ID, Cohort.ID, UUIDText)
    /// Staff: one learner's submission with every review and who wrote it.
    case peerSubmissionDetail(Organization.ID, Cohort.ID, UUIDText)
    case peerGradeOverride(Organization.ID, Cohort.ID, UUIDText)
    case cohorts(Organization.ID)
    case cohort(Organization.ID, Cohort.ID)
    case cohortStaff(Organization.ID, Cohort.ID)
    case cohortEnrollments(Organization.ID, Cohort.ID)
    case cohortMemberRemove(Organization.ID, Cohort.ID, Person.ID)
    case cohortChannel(Organization.ID, Cohort.ID)
    case cohortChatSettings(Organization.ID, Cohort.ID)
    case messages(Organization.ID)
    case directMessage(Organization.ID)
    case conversation(Organization.ID, Conversation.ID)
    case conversationMessages(Organization.ID, Conversation.ID)
    case conversationOlder(Organization.ID, Conversation.ID, before: Int)
    case messageEdit(Organization.ID, Conversation.ID, sequence: Int)
    case conversationFiles(Organization.ID, Conversation.ID)
    case chatFile(Organization.ID, UUIDText, filename: String)
    case messageDelete(Organization.ID, Conversation.ID, sequence: Int)
    case realtime
    case forum(Organization.ID, Cohort.ID)
    case forumSpaces(Organization.ID, Cohort.ID)
    case forumSpace(Organization.ID, Cohort.ID, UUIDText)
    case forumThreads(Organization.ID, Cohort.ID, UUIDText)
    case forumThread(Organization.ID, Cohort.ID, UUIDText)
    case forumPosts(Organization.ID, Cohort.ID, UUIDText)
    case forumThreadAccept(Organization.ID, Cohort.ID, UUIDText)
    case forumThreadPin(Organization.ID, Cohort.ID, UUIDText)
    case forumThreadLock(Organization.ID, Cohort.ID, UUIDText)
    /// Staff moving a thread, anyone following it or marking it read (live posts).
    case forumThreadAction(Organization.ID, Cohort.ID, UUIDText, ForumThreadAction)
    case forumSpaceFollow(Organization.ID, Cohort.ID, UUIDText)
    case forumPost(Organization.ID, Cohort.ID, UUIDText, number: Int, ForumPostAction)
    case forumReports(Organization.ID, Cohort.ID)
    case forumReportDismiss(Organization.ID, Cohort.ID, UUIDText)
    case forumSettings(Organization.ID, Cohort.ID)
    case forumSearch(Organization.ID, Cohort.ID)
    case forumPreview(Organization.ID, Cohort.ID)
    case forumPeople(Organization.ID, Cohort.ID)
    case forumImages(Organization.ID, Cohort.ID, UUIDText)
    case forumImage(Organization.ID, Cohort.ID, UUIDText, filename: String)
    case forumDiscuss(Organization.ID, Cohort.ID, Activity.ID)
    case notifications
    case notificationRead(UUIDText)
    case notificationsReadAll
    case profileNotifications
    case unsubscribe(token: String)

    /// An opaque id typed as text (API token ids are never looked up across types).
    public typealias UUIDText = String

    /// A name as one path segment: only unreserved characters stay, so it can never add a
    /// segment, a query, or close a Markdown link; an empty name becomes "file".
    static func pathSegment(_ name: String) -> String {
        let encoded = percentEncoded(name)
        return encoded.isEmpty || encoded == "." || encoded == ".." ? "file" : encoded
    }

    /// Every character but the unreserved ones (letters, digits, `-._~`) percent-encoded: safe
    /// as a path segment or a query value. Byte by byte, as Foundation's `addingPercentEncoding`
    /// spells it (upper-case hex): that one builds its character set and goes through NSString
    /// each call, and a result page's links called it for every weak topic.
    public static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parameters as a query: names and values `percentEncoded` (so `+` stays a plus, not a
    /// space), in the order given.
    public static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { percentEncoded($0.0) + "=" + percentEncoded($0.1) }.joined(separator: "&")
    }

    /// `.forumPost`'s path from its thread's: a page of fifty posts builds its thread's path once.
    public static func forumPostPath(inThread threadPath: String, number: Int, _ action: ForumPostAction) -> String {
        "\(threadPath)/posts/\(number)/\(action.rawValue)"
    }

    public var path: String {
        switch self {
        case .home: "/"
        case .setup: "/setup"
        case .signIn: "/sign-in"
        case .signOut: "/sign-out"
        case .forgotPassword: "/forgot-password"
        case .resetPassword(let token): "/reset-password/\(token)"
        case .invitation(let token): "/invitations/\(token)"
        case .profile: "/profile"
        case .profilePassword: "/profile/password"
        case .profileTokens: "/profile/tokens"
        case .profileTokenDelete(let id): "/profile/tokens/\(id)/delete"
        case .organization(let org): "/orgs/\(org)"
        case .people(let org): "/orgs/\(org)/people"
        case .invitations(let org): "/orgs/\(org)/invitations"
        case .invitationImport(let org): "/orgs/\(org)/invitations/import"
        case .invitationRevoke(let org, let id): "/orgs/\(org)/invitations/\(id)/revoke"
        case .memberRoles(let org, let person): "/orgs/\(org)/people/\(person)/roles"
        case .courses(let org): "/orgs/\(org)/courses"
        case .course(let org, let course): "/orgs/\(org)/courses/\(course)"
        case .courseStatus(let org, let course): "/orgs/\(org)/courses/\(course)/status"
        case .courseDuplicate(let org, let course): "/orgs/\(org)/courses/\(course)/duplicate"
        case .courseModules(let org, let course): "/orgs/\(org)/courses/\(course)/modules"
        case .courseModule(let org, let course, let module): "/orgs/\(org)/courses/\(course)/modules/\(module)"
        case .courseModuleMove(let org, let course, let module): "/orgs/\(org)/courses/\(course)/modules/\(module)/move"
        case .courseModuleDelete(let org, let course, let module): "/orgs/\(org)/courses/\(course)/modules/\(module)/delete"
        case .moduleActivities(let org, let course, let module): "/orgs/\(org)/courses/\(course)/modules/\(module)/activities"
        case .activityEdit(let org, let course, let activity): "/orgs/\(org)/courses/\(course)/activities/\(activity)"
        case .activityMove(let org, let course, let activity): "/orgs/\(org)/courses/\(course)/activities/\(activity)/move"
        case .activityDelete(let org, let course, let activity): "/orgs/\(org)/courses/\(course)/activities/\(activity)/delete"
        case .activityUpload(let org, let course, let activity, let kind): "/orgs/\(org)/courses/\(course)/activities/\(activity)/uploads/\(kind.rawValue)"
        case .activityAttachmentRemove(let org, let course, let activity, let upload):
            "/orgs/\(org)/courses/\(course)/activities/\(activity)/attachments/\(upload)/remove"
        case .activityVideoRemove(let org, let course, let activity): "/orgs/\(org)/courses/\(course)/activities/\(activity)/video/remove"
        case .questionBank(let org, let course): "/orgs/\(org)/courses/\(course)/questions"
        case .questionImport(let org, let course): "/orgs/\(org)/courses/\(course)/questions/import"
        case .questionExport(let org, let course): "/orgs/\(org)/courses/\(course)/questions/export.gift"
        case .question(let org, let course, let question): "/orgs/\(org)/courses/\(course)/questions/\(question)"
        case .questionDelete(let org, let course, let question): "/orgs/\(org)/courses/\(course)/questions/\(question)/delete"
        case .questionTopic(let org, let course): "/orgs/\(org)/courses/\(course)/questions/topics"
        case .file(let org, let upload, let filename): "/orgs/\(org)/files/\(upload)/\(Self.pathSegment(filename))"
        case .markdownPreview(let org): "/orgs/\(org)/markdown-preview"
        case .cohortCourse(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/course"
        case .cohortContinue(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/continue"
        case .cohortCalendar(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/calendar"
        case .cohortTimeZone(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/time-zone"
        case .live(let org, let cohort, let page): "/orgs/\(org)/cohorts/\(cohort)/live" + page.suffix
        case .help(let org, let cohort, let page): "/orgs/\(org)/cohorts/\(cohort)/help" + page.suffix
        case .announcements(let org, let cohort, let page): "/orgs/\(org)/cohorts/\(cohort)/announcements" + page.suffix
        case .followUp(let org, let cohort, let page): "/orgs/\(org)/cohorts/\(cohort)" + page.suffix
        case .cohortSchedule(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/schedule"
        case .calendarFeed(let token): "/calendar/\(token).ics"
        case .calendarFeedReset: "/calendar-feed/reset"
        case .cohortActivity(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)"
        case .cohortActivityDone(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/done"
        case .cohortActivityHeartbeat(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/heartbeat"
        case .quizAttempts(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/attempts"
        case .quizAttempt(let org, let cohort, let attempt): "/orgs/\(org)/cohorts/\(cohort)/attempts/\(attempt)"
        case .quizAttemptAnswers(let org, let cohort, let attempt): "/orgs/\(org)/cohorts/\(cohort)/attempts/\(attempt)/answers"
        case .quizAttemptSubmit(let org, let cohort, let attempt): "/orgs/\(org)/cohorts/\(cohort)/attempts/\(attempt)/submit"
        case .quizAttemptResult(let org, let cohort, let attempt): "/orgs/\(org)/cohorts/\(cohort)/attempts/\(attempt)/result"
        case .quizAttemptGrade(let org, let cohort, let attempt, let position):
            "/orgs/\(org)/cohorts/\(cohort)/attempts/\(attempt)/grades/\(position)"
        case .peerSubmission(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/submission"
        case .peerSubmissionFiles(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/submission/files"
        case .peerSubmissionFileRemove(let org, let cohort, let activity, let file):
            "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/submission/files/\(file)/delete"
        case .peerCohortExamples(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/examples"
        case .peerCohortExampleDelete(let org, let cohort, let activity, let example):
            "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/examples/\(example)/delete"
        case .peerFile(let org, let cohort, let id, let filename): "/orgs/\(org)/cohorts/\(cohort)/peer-files/\(id)/\(Self.pathSegment(filename))"
        case .peerReviews(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/reviews"
        case .peerSelfReview(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/self-review"
        case .peerVolunteer(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/volunteer"
        case .peerReview(let org, let cohort, let review): "/orgs/\(org)/cohorts/\(cohort)/reviews/\(review)"
        case .peerCalibration(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/activities/\(activity)/calibration"
        case .peerExamples(let org, let course, let activity): "/orgs/\(org)/courses/\(course)/activities/\(activity)/examples"
        case .peerExampleDelete(let org, let course, let activity, let example):
            "/orgs/\(org)/courses/\(course)/activities/\(activity)/examples/\(example)/delete"
        case .peerReviewRating(let org, let cohort, let review): "/orgs/\(org)/cohorts/\(cohort)/reviews/\(review)/rating"
        case .peerReviewFlag(let org, let cohort, let review): "/orgs/\(org)/cohorts/\(cohort)/reviews/\(review)/flag"
        case .peerReviewModeration(let org, let cohort, let review): "/orgs/\(org)/cohorts/\(cohort)/reviews/\(review)/moderation"
        case .peerSubmissionDetail(let org, let cohort, let submission): "/orgs/\(org)/cohorts/\(cohort)/submissions/\(submission)"
        case .peerGradeOverride(let org, let cohort, let submission): "/orgs/\(org)/cohorts/\(cohort)/submissions/\(submission)/grade"
        case .cohorts(let org): "/orgs/\(org)/cohorts"
        case .cohort(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)"
        case .cohortStaff(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/staff"
        case .cohortEnrollments(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/enrollments"
        case .cohortMemberRemove(let org, let cohort, let person): "/orgs/\(org)/cohorts/\(cohort)/members/\(person)/remove"
        case .cohortChannel(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/channel"
        case .cohortChatSettings(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/chat-settings"
        case .messages(let org): "/orgs/\(org)/messages"
        case .directMessage(let org): "/orgs/\(org)/messages/direct"
        case .conversation(let org, let conversation): "/orgs/\(org)/conversations/\(conversation)"
        case .conversationMessages(let org, let conversation): "/orgs/\(org)/conversations/\(conversation)/messages"
        case .conversationOlder(let org, let conversation, let before): "/orgs/\(org)/conversations/\(conversation)?before=\(before)"
        case .messageEdit(let org, let conversation, let sequence): "/orgs/\(org)/conversations/\(conversation)/messages/\(sequence)/edit"
        case .messageDelete(let org, let conversation, let sequence): "/orgs/\(org)/conversations/\(conversation)/messages/\(sequence)/delete"
        case .conversationFiles(let org, let conversation): "/orgs/\(org)/conversations/\(conversation)/files"
        case .chatFile(let org, let id, let filename): "/orgs/\(org)/chat-files/\(id)/\(Self.pathSegment(filename))"
        case .realtime: "/ws"
        case .forum(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum"
        case .forumSpaces(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/spaces"
        case .forumSpace(let org, let cohort, let space): "/orgs/\(org)/cohorts/\(cohort)/forum/spaces/\(space)"
        case .forumThreads(let org, let cohort, let space): "/orgs/\(org)/cohorts/\(cohort)/forum/spaces/\(space)/threads"
        case .forumThread(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)"
        case .forumPosts(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/posts"
        case .forumThreadAccept(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/accept"
        case .forumThreadPin(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/pin"
        case .forumThreadLock(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/lock"
        case .forumThreadAction(let org, let cohort, let thread, let action):
            "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/\(action.rawValue)"
        case .forumSpaceFollow(let org, let cohort, let space): "/orgs/\(org)/cohorts/\(cohort)/forum/spaces/\(space)/follow"
        case .forumPost(let org, let cohort, let thread, let number, let action):
            Self.forumPostPath(inThread: SiteRoute.forumThread(org, cohort, thread).path, number: number, action)
        case .forumReports(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/reports"
        case .forumReportDismiss(let org, let cohort, let report): "/orgs/\(org)/cohorts/\(cohort)/forum/reports/\(report)/dismiss"
        case .forumSettings(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/settings"
        case .forumSearch(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/search"
        case .forumPreview(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/preview"
        case .forumPeople(let org, let cohort): "/orgs/\(org)/cohorts/\(cohort)/forum/people"
        case .forumImages(let org, let cohort, let thread): "/orgs/\(org)/cohorts/\(cohort)/forum/threads/\(thread)/images"
        case .forumImage(let org, let cohort, let id, let filename): "/orgs/\(org)/cohorts/\(cohort)/forum/images/\(id)/\(Self.pathSegment(filename))"
        case .forumDiscuss(let org, let cohort, let activity): "/orgs/\(org)/cohorts/\(cohort)/forum/discuss/\(activity)"
        case .notifications: "/notifications"
        case .notificationRead(let id): "/notifications/\(id)/read"
        case .notificationsReadAll: "/notifications/read-all"
        case .profileNotifications: "/profile/notifications"
        case .unsubscribe(let token): "/unsubscribe/\(token)"
        }
    }
}

/// The paths of the JSON API, under `/api/v1`.
public enum APIRoute {
    public static let openAPI = "/api/openapi.json"
}

public enum ForumThreadAction: String, Sendable, CaseIterable {
    case move, follow, read
}

public enum ForumPostAction: String, Sendable, CaseIterable {
    case edit, delete, upvote, report, hide, unhide, history
}
