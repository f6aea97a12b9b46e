import Fluent
import SQLKit

/// The ordered list of migrations; append only, never reorder.
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganizations(),   // companies
        CreatePeople(),          // accounts
        CreateMemberships(),     // person × organization → roles
        CreateCourses(),         // course outlines
        CreateCohorts(),         // runs of a course
        CreateCohortMembers(),   // learners and staff of a cohort
        CreateInvitations(),     // single-use invitation links
        CreateSessions(),        // signed-in browsers
        CreatePasswordResets(),  // forgot-password links
        CreateAPITokens(),       // personal API tokens
        CreateSignInFailures(),  // throttling
        CreateOutboxMails(),     // mail waiting to be sent
        CreateCourseContent(),   // modules, activities, lessons; course status
        CreateActivityProgress(),  // learners' progress; cohort schedule shift
        CreateCalendarFeeds(),   // secret iCalendar addresses
        CreateUploads(),         // uploaded files; lesson attachments and videos
        CreateChat(),            // conversations and their messages
        AddConversationLastAuthor(),  // who wrote each conversation's latest message
        CreateNotifications(),   // the bell, e-mail preferences, installation secrets
        AddMessageChanges(),     // messages edited or deleted by their authors
        CreatePresence(),        // who has a tab open, per node
        CreateChatFiles(),       // images and PDFs sent in conversations
        AddMessageClientRef(),   // senders' references: a message sent twice is saved once
        CreateForums(),          // cohort forums: spaces, threads, posts, read positions
        AddForumModeration(),    // forum edits, deletions, hiding, upvotes, reports, follows, anonymity, search
        CreateForumImages(),     // images posted in forum threads
        CreateQuestionBank(),    // courses' quiz questions; lessons that teach each topic
        CreateQuizzes(),         // quiz activities' settings, learners' attempts and answers
        AddQuizGrading(),        // trainers' grades and comments on written answers
        CreateQuizTopicScores(), // mastery per learner and topic, as running sums
        CreatePeerReview(),      // peer assignments, learners' submissions and their reviews
        CreatePeerSubmissionFiles(), // files learners hand in with their peer-assessed work
        CreateLiveSessions(),    // live classes, who joined them, trainers' attendance corrections; cohorts' time zones
        CreateHelpRequests(),    // learners' "I'm stuck" requests to their trainers
        CreateAnnouncements(),   // staff's announcements to a cohort, pinned or not
        CreateFollowUpDashboard(), // cohorts' risk thresholds, learners' time per day, trainers' private notes
        CreateJobs(),            // background jobs, claimed by one runner at a time
        CreateNudges(),          // nudges sent to learners, learners' mutes, cohorts' automatic nudge settings
        UpdateHelpRequestsForumProposal(), // trainers' suggestions to ask a help request in the forum, learners' choices
        AddDashboardCoveringIndexes(), // the dashboard's whole-cohort reads of quiz attempts and forum posts from indexes alone
        CreateQuizStandings(),   // each learner's standing at each quiz (best score, failures since a pass), kept as attempts are graded
        AddQuizAttemptRevision(), // attempts' revision, moved on by trainers' grades (a result page is cached per revision)
    ]
}

/// The trainer's dashboard reads every submitted quiz attempt of a cohort, in order, and counts
/// every forum post of its threads per author. With only `(cohort_id, person_id)` on attempts, each
/// attempt was a lookup in the table, whose rows hold the attempt's questions (2 kB for 5
/// questions, one row a page): 64,000 attempts took 0.5 s on SQLite. These indexes hold every
/// column those two queries read, in the order they want (bench/dashboard.sh).
struct AddDashboardCoveringIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "quiz_attempts_submitted_by_cohort").on("quiz_attempts")
            .column("cohort_id").column("submitted_at").column("id").column("person_id").column("activity_id")
            .column("earned").column("possible").column("pending").run()
        try await sql.create(index: "forum_posts_by_thread_author").on("forum_posts")
            .column("thread_id").column("deleted_at").column("author_id").column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "forum_posts_by_thread_author").run()
        try await sql.drop(index: "quiz_attempts_submitted_by_cohort").run()
    }
}
