import Domain

/// A "what happened" message shown once after a redirect. The words live here, in Views, so a
/// translation never touches a controller.
public enum Flash: Codable, Sendable, Equatable {
    case setupDone(organization: String)
    case signedOut
    case profileSaved
    case passwordChanged
    case passwordReset
    case resetMailSent
    case tokenCreated(token: String)
    case tokenDeleted
    case courseCreated(name: String)
    case courseSaved
    case coursePublished
    case courseUnpublished
    case courseDuplicated(name: String)
    case moduleAdded(title: String)
    case moduleSaved(title: String)
    case lessonAdded(title: String)
    case lessonSaved(title: String)
    case fileUploaded(name: String, kind: UploadKind)
    case moved(title: String)
    case deleted(title: String)
    case markedDone(title: String)
    case markedNotDone(title: String)
    case scheduleShifted(days: Int)
    case calendarFeedReset
    case chatSettingsSaved(learnersMayMessage: Bool)
    case notificationsRead
    case notificationSettingsSaved
    case cohortCreated(name: String)
    case invitationsQueued(count: Int, mailed: Bool)
    case invitationRevoked
    case rolesSaved(name: String)
    case staffAssigned(name: String)
    case learnerEnrolled(name: String)
    case memberRemoved(name: String)
    case joined(organization: String)
    case switched(organization: String)
    case postReported(again: Bool)
    case postHidden
    case threadMoved(space: String)
    case forumSettingsSaved(anonymousAllowed: Bool)
    case questionsImported(count: Int)
    case quizAdded(title: String)
    case quizSaved(title: String)
    case quizTimeUp
    case peerAssignmentAdded(title: String)
    case peerAssignmentSaved(title: String)
    case workSubmitted(edited: Bool)
    /// A file added to a learner's work (`handedIn`: the work was handed in already).
    case workFileAdded(name: String, handedIn: Bool)
    case workFileRemoved(name: String)
    case reviewSaved(done: Int, required: Int)
    case selfAssessmentSaved
    case reviewRated
    case reviewFlagged
    case volunteering(Bool)
    case gradeOverridden
    case noReviewAvailable
    case exampleSaved
    case reviewModerated
    case answerGraded
    case questionSaved
    case topicLessonsSaved(topic: String)
    case liveScheduled(title: String)
    case helpRequested
    case announced(pinned: Bool)
    case helpAnswered(learner: String)
    case helpResolved
    case helpReopened
    case liveActivityAdded(title: String)
    case liveSaved(title: String, told: Bool)
    case liveCancelled(title: String)
    case timeZoneSaved(zone: String)
    case attendanceSaved
    case riskRulesSaved
    case noteSaved
    case noteDeleted
    case nudgeSettingsSaved
    case nudged(count: Int)
    case nudgesMuted(Bool)
    case nudgeAlreadySent
    case failure(FailureText)

    /// Errors raised after a redirect that the next page must show as an alert.
    public enum FailureText: String, Codable, Sendable {
        case cohortFull, alreadyEnrolled, missingRole, noSuchPerson, tokenNameRequired, lastAdmin, noRoles, activityTitleRequired
        case liveNotOpenYet, liveOver, liveStarted, liveServerDown, helpTextInvalid, helpAnswerInvalid, helpClosed, helpLearnerLeft
        case noteInvalid, nudgeInvalid, nudgeNobody
    }

    public var isError: Bool { if case .failure = self { true } else { false } }

    public var text: String {
        switch self {
        case .setupDone(let org): "Welcome! \(org) is ready. Start by creating a course, then a cohort, then invite people."
        case .signedOut: "You are signed out."
        case .profileSaved: "Your profile is saved."
        case .passwordChanged: "Your password is changed. Other devices were signed out."
        case .passwordReset: "Your password is reset and you are signed in."
        case .resetMailSent: "If an account uses that address, a link to reset its password is on its way. It works for one hour."
        case .tokenCreated(let token): "Your new API token is \(token) — copy it now, it will not be shown again."
        case .tokenDeleted: "The API token is deleted; programs using it can no longer connect."
        case .courseCreated(let name): "Course “\(name)” created."
        case .courseSaved: "The course details are saved."
        case .coursePublished: "The course is published: learners of its cohorts can follow it."
        case .courseUnpublished: "The course is a draft again: learners no longer see it. Their progress is kept."
        case .courseDuplicated(let name): "“\(name)” is a draft copy; change it freely."
        case .moduleAdded(let title): "Module “\(title)” added. Add its first lesson below it."
        case .moduleSaved(let title): "Module “\(title)” saved."
        case .lessonAdded(let title): "Lesson “\(title)” added. Write its content here."
        case .lessonSaved(let title): "Lesson “\(title)” saved."
        case .fileUploaded(let name, let kind):
            switch kind {
            case .image: "“\(name)” uploaded. Insert it in the text with its Markdown below."
            case .video: "“\(name)” is the lesson's video now."
            case .attachment: "“\(name)” added to the files learners can download."
            }
        case .moved(let title): "“\(title)” moved."
        case .deleted(let title): "“\(title)” deleted."
        case .notificationsRead: "All notifications are marked as read."
        case .notificationSettingsSaved: "Your e-mail settings are saved."
        case .chatSettingsSaved(let allowed):
            allowed ? "Learners of this cohort may now write privately to each other." : "Learners of this cohort now write privately only to staff."
        case .markedDone(let title): "“\(title)” is done."
        case .markedNotDone(let title): "“\(title)” is marked as not done."
        case .scheduleShifted(let days):
            days == 0 ? "The schedule follows the course plan again." : "The schedule is moved by \(days) day\(abs(days) == 1 ? "" : "s"); learners see the new dates now."
        case .calendarFeedReset: "Your calendar has a new address; the old one no longer works. Subscribe again with the new one."
        case .cohortCreated(let name): "Cohort “\(name)” created. Invite learners from the People page or enroll members below."
        case .invitationsQueued(let count, let mailed):
            (count == 1 ? "1 invitation" : "\(count) invitations") + (mailed ? " queued for sending by e-mail." : " created. No mail server is set up: copy the links below and send them yourself.")
        case .invitationRevoked: "The invitation is revoked; its link no longer works."
        case .rolesSaved(let name): "Roles of \(name) saved."
        case .staffAssigned(let name): "\(name) now helps run this cohort."
        case .learnerEnrolled(let name): "\(name) is enrolled."
        case .memberRemoved(let name): "\(name) is removed from this cohort."
        case .joined(let org): "Welcome to \(org)!"
        case .switched(let org): "You are now in \(org)."
        case .postReported(let again):
            again ? "You had already reported this post; the moderators have it." : "Thank you: the moderators will look at this post."
        case .postHidden: "The post is hidden from learners; its author sees your reason."
        case .threadMoved(let space): "The thread is now in “\(space)”."
        case .forumSettingsSaved(let allowed):
            allowed ? "Learners may now post anonymously to each other; you still see who wrote." : "Learners now always post under their name."
        case .questionsImported(let count):
            count == 1 ? "1 question imported." : "\(count) questions imported."
        case .questionSaved: "The question is saved."
        case .answerGraded: "The grade is saved; the learner sees it with your comment."
        case .quizTimeUp: "The time was over: the answers saved in time were submitted."
        case .quizAdded(let title): "Quiz “\(title)” added. Choose its questions here."
        case .quizSaved(let title): "Quiz “\(title)” saved. Attempts already started keep their questions."
        case .peerAssignmentAdded(let title): "Peer assignment “\(title)” added. Write its instructions and rubric here."
        case .peerAssignmentSaved(let title): "Peer assignment “\(title)” saved."
        case .workSubmitted(let edited):
            edited ? "Your changes are saved. Reviewers will see this version." : "Your work is handed in. Now review your peers' work."
        case .workFileAdded(let name, let handedIn):
            handedIn ? "“\(name)” is added to your work. Reviewers will see it." : "“\(name)” is added. Hand in your work when it is ready."
        case .workFileRemoved(let name): "“\(name)” is removed from your work."
        case .reviewSaved(let done, let required):
            done >= required ? "Review saved. You have done your share (\(done) of \(required)); more reviews are welcome."
                : "Review saved: \(done) of \(required) done."
        case .selfAssessmentSaved: "Your self-assessment is saved. It is shown beside your grade, never counted in it."
        case .reviewRated: "Thank you: your rating helps grade the reviewers."
        case .reviewFlagged: "The review is flagged: a trainer will look at it."
        case .volunteering(let on):
            on ? "Thank you: you may be asked for an extra review if someone's work runs short of reviews." : "You will not be asked for extra reviews."
        case .gradeOverridden: "The grade is saved; the learner sees it with your comment."
        case .reviewModerated: "Saved: the grade follows the reviews that count."
        case .exampleSaved: "The example is saved: learners assess it before reviewing their peers."
        case .noReviewAvailable: "There is no work left for you to review right now. Come back later: more may be handed in."
        case .topicLessonsSaved(let topic): "Lessons for “\(topic)” saved: learners weak on it are sent there."
        case .liveScheduled(let title): "“\(title)” is scheduled. The cohort is invited in Atelier and by e-mail."
        case .announced(let pinned):
            pinned ? "Sent to the cohort, and pinned on its page." : "Sent to the cohort: everyone sees it in Atelier and by e-mail."
        case .riskRulesSaved: "The risk rules are saved; every learner's level follows them now."
        case .noteSaved: "Your note is saved. Only the cohort's staff can read it."
        case .noteDeleted: "The note is deleted."
        case .nudgeSettingsSaved: "The automatic nudges are set. The next round checks every learner within five minutes."
        case .nudged(let count): count == 1 ? "Nudge sent: it is in the learner's private messages." : "Nudges sent to \(count) learners, each in their private messages."
        case .nudgeAlreadySent: "These nudges were already sent from this form; nothing was sent twice."
        case .nudgesMuted(let muted): muted ? "Automatic reminders are off for you in this cohort. Your trainers can still write to you." : "Automatic reminders are on again."
        case .helpRequested: "Your trainers are told. Their answer comes as a private message; follow your request on your home page."
        case .helpAnswered(let learner): "Answered: your reply is in your private conversation with \(learner)."
        case .helpResolved: "Glad it is sorted. You can reopen it if it comes back."
        case .helpReopened: "Reopened: your trainers are told you still need help."
        case .liveActivityAdded(let title):
            "Live class “\(title)” added. Write what to prepare here; each cohort's trainers schedule it on its page."
        case .liveSaved(let title, let told):
            told ? "“\(title)” is saved. The cohort is told of the change and their calendars follow." : "“\(title)” is saved."
        case .liveCancelled(let title): "“\(title)” is cancelled. The cohort is told, and it leaves their calendars."
        case .timeZoneSaved(let zone): "The group's time zone is \(zone). New live classes are scheduled in it."
        case .attendanceSaved: "Attendance saved: your corrections count in progress."
        case .failure(let failure):
            switch failure {
            case .cohortFull: "This cohort is full. Raise its capacity or choose another cohort."
            case .alreadyEnrolled: "That person is already in this cohort."
            case .missingRole: "That person does not hold this role in the organization. Give them the role on the People page first."
            case .noSuchPerson: "That person is not a member of this organization."
            case .noRoles: "Tick at least one role. Nothing was changed."
            case .lastAdmin: "The organization needs at least one admin: give the role to someone else first."
            case .tokenNameRequired: "Give the token a name, so you know later what uses it."
            case .activityTitleRequired: "Give the lesson a title (at most 160 characters). Nothing was added."
            case .liveNotOpenYet: "The live class opens 10 minutes before its start. Come back then."
            case .liveOver: "This live class is over or was cancelled."
            case .liveStarted: "This live class has started: it can no longer be cancelled."
            case .liveServerDown: "The meeting server did not answer. Try again in a moment, or tell your trainer."
            case .noteInvalid: "Write the note (at most 4,000 characters). Nothing was saved."
            case .nudgeInvalid: "The message is empty, longer than 2,000 characters, or uses a placeholder other than {first name}, {next activity}, {due date} and {live class}. Nothing was sent."
            case .nudgeNobody: "Tick at least one learner (at most 200). Nothing was sent."
            case .helpTextInvalid: "Say in a few words what you are stuck on (at most 2,000 characters, the passage at most 1,000). Nothing was sent."
            case .helpAnswerInvalid: "Write your answer (at most 3,500 characters). Nothing was sent."
            case .helpClosed: "This request is resolved: the learner can reopen it if they still need help."
            case .helpLearnerLeft: "That learner is no longer in this cohort: nothing was sent."
            }
        }
    }
}
