/// The pages of a cohort's live classes, under `/orgs/<org>/cohorts/<cohort>/live`.
public enum LiveRoute: Hashable, Sendable {
    /// Upcoming and past sessions; staff schedule a new one (POST).
    case list
    /// The scheduling form.
    case new
    /// One session: when, where, the agenda, Join; staff save their changes to it (POST).
    case session(SiteRoute.UUIDText)
    case edit(SiteRoute.UUIDText)
    case cancel(SiteRoute.UUIDText)
    /// A click on Join: counted for attendance, then on to the meeting.
    case join(SiteRoute.UUIDText)
    /// The session as one iCalendar event, for "Add to my calendar".
    case calendar(SiteRoute.UUIDText)
    /// Who attended, and how long; trainers correct it (POST).
    case attendance(SiteRoute.UUIDText)
    /// The built-in room's page, and its signalling WebSocket.
    case room(SiteRoute.UUIDText)
    case signal(SiteRoute.UUIDText)

    var suffix: String {
        switch self {
        case .list: ""
        case .new: "/new"
        case .session(let id): "/\(id)"
        case .edit(let id): "/\(id)/edit"
        case .cancel(let id): "/\(id)/cancel"
        case .join(let id): "/\(id)/join"
        case .calendar(let id): "/\(id)/calendar.ics"
        case .attendance(let id): "/\(id)/attendance"
        case .room(let id): "/\(id)/room"
        case .signal(let id): "/\(id)/signal"
        }
    }
}
