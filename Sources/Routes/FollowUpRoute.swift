/// A cohort's follow-up pages for its staff, under `/orgs/<org>/cohorts/<cohort>`.
public enum FollowUpRoute: Hashable, Sendable {
    /// Every learner in one table (`?sort=…&risk=…&q=…`).
    case dashboard
    /// The same rows as CSV.
    case dashboardCSV
    /// The cohort's risk thresholds (POST).
    case rules
    /// One learner for staff: figures, timeline, private notes.
    case learner(SiteRoute.UUIDText)
    /// A private note about that learner (POST), and its deletion (POST).
    case notes(SiteRoute.UUIDText)
    case noteDelete(SiteRoute.UUIDText, note: SiteRoute.UUIDText)
    /// The cohort as a whole: completion by module, topics the group struggles with, forum
    /// activity per week, attendance per live class.
    case insights
    /// Nudges: the automatic ones' settings and the log (GET, POST settings); a personal nudge to
    /// the learners picked on the dashboard (POST); a learner muting automatic ones (POST).
    case nudges
    case nudgesSend
    case nudgesMute

    var suffix: String {
        switch self {
        case .dashboard: "/dashboard"
        case .dashboardCSV: "/dashboard.csv"
        case .rules: "/dashboard/rules"
        case .learner(let id): "/learners/\(id)"
        case .notes(let id): "/learners/\(id)/notes"
        case .noteDelete(let id, let note): "/learners/\(id)/notes/\(note)/delete"
        case .insights: "/insights"
        case .nudges: "/nudges"
        case .nudgesSend: "/nudges/send"
        case .nudgesMute: "/nudges/mute"
        }
    }
}
