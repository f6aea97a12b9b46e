import Fluent

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
    ]
}
