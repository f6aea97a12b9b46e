/// The pages of a cohort's help requests, under `/orgs/<org>/cohorts/<cohort>/help`.
public enum HelpRoute: Hashable, Sendable {
    /// Staff: the queue, longest waiting first. Learners: their own requests. A learner asks (POST).
    case list
    /// A trainer's private answer (POST), which continues in their conversation.
    case answer(SiteRoute.UUIDText)
    /// The learner's "it is sorted" and "I still need help" (POST).
    case resolve(SiteRoute.UUIDText)
    case reopen(SiteRoute.UUIDText)
    /// A trainer suggests asking the whole group instead (POST, with an optional note).
    case proposeForum(SiteRoute.UUIDText)
    /// The learner's choice (POST): ask it in the forum (a question thread), or keep it private.
    case postToForum(SiteRoute.UUIDText)
    case declineForum(SiteRoute.UUIDText)

    var suffix: String {
        switch self {
        case .list: ""
        case .answer(let id): "/\(id)/answer"
        case .resolve(let id): "/\(id)/resolve"
        case .reopen(let id): "/\(id)/reopen"
        case .proposeForum(let id): "/\(id)/forum/propose"
        case .postToForum(let id): "/\(id)/forum/post"
        case .declineForum(let id): "/\(id)/forum/decline"
        }
    }
}

/// A cohort's announcements, under `/orgs/<org>/cohorts/<cohort>/announcements`.
public enum AnnouncementRoute: Hashable, Sendable {
    /// All of them, newest first; staff post one (POST).
    case list
    /// Pin or unpin (POST), delete (POST).
    case pin(SiteRoute.UUIDText)
    case delete(SiteRoute.UUIDText)

    var suffix: String {
        switch self {
        case .list: ""
        case .pin(let id): "/\(id)/pin"
        case .delete(let id): "/\(id)/delete"
        }
    }
}
