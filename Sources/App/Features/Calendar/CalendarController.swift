import Domain
import Fluent
import Routes
import Vapor
import Views

/// A cohort's calendar page, moving its schedule, and each person's iCalendar feed.
struct CalendarController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        cohort.get("calendar", use: page)
        cohort.post("schedule", use: shift)
        routes.get("calendar", ":file", use: feed)
        routes.post("calendar-feed", "reset", use: resetFeed)
    }

    struct ShiftForm: Content { var shift_days: String? }
    static let shiftRange = -365...365

    func page(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        return try await render(req, access, state: .empty, status: .ok)
    }

    private func render(_ req: Request, _ access: LearningAccess, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let view = try await LearnerView.load(access, caches: req.application.readCaches, on: req.db)
        let states = view.states
        let cohort = access.cohort
        var entries: [CohortCalendarModel.Entry] = [.init(day: cohort.startDate, kind: .start, title: "The cohort starts"),
                                                    .init(day: cohort.endDate, kind: .end, title: "The cohort ends")]
        if access.canSeeContent {
            for (module, activities) in view.outline {
                if let day = access.unlockDay(of: module) { entries.append(.init(day: day, kind: .opens, title: module.title)) }
                for activity in activities {
                    guard let day = access.dueDay(of: activity) else { continue }
                    entries.append(.init(day: day, kind: .due, title: activity.title, activityID: activity.id,
                                         done: states[activity.id] == .done))
                }
            }
        }
        for session in try await LiveSessionStore.sessions(of: access.cohortID, on: req.db).map({ $0.domain() }) where !session.isCancelled {
            var entry = CohortCalendarModel.Entry(day: session.localStart.day, kind: .live, title: session.title)
            entry.link = SiteRoute.live(access.context.organization.id, session.cohortID, .session(session.id.description)).path
            entry.time = "\(session.localStart.time) (\(session.timeZone))"
            entries.append(entry)
        }
        // Stable order: by day, the cohort's start first and its end last on their days.
        let rank: (CohortCalendarModel.Kind) -> Int = { [.start: 0, .opens: 1, .live: 2, .due: 3, .end: 4][$0] ?? 3 }
        entries.sort { ($0.day, rank($0.kind)) < ($1.day, rank($1.kind)) }
        let feed = try await CalendarFeeds.token(for: access.personID, on: req.db)
        let model = CohortCalendarModel(
            organizationID: access.context.organization.id, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
            courseName: access.snapshot.courseName, entries: entries, today: access.today, isLearner: access.isLearner,
            canShift: Self.canShift(access), shiftDays: access.snapshot.shiftDays,
            feedURL: req.atelierConfig.publicURL + SiteRoute.calendarFeed(token: feed).path, state: state)
        return .page(CohortCalendarPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    static func canShift(_ access: LearningAccess) -> Bool {
        access.role == .trainer || Permission.can(.manageCohorts, access.context.roles)
    }

    func shift(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard Self.canShift(access) else { throw AppError.notFound() }
        let text = try req.content.decode(ShiftForm.self).shift_days?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let days = Int(text), Self.shiftRange.contains(days) else {
            return try await render(req, access, state: Form.State(values: ["shift_days": text], errors: [FieldError("shift_days", .outOfRange)]),
                                    status: .unprocessableEntity)
        }
        guard let cohort = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
        cohort.scheduleShiftDays = days
        try await cohort.save(on: req.db)
        return req.redirect(to: SiteRoute.cohortCalendar(access.context.organization.id, .init(access.cohortID)).path,
                            flash: .scheduleShifted(days: days))
    }

    /// `GET /calendar/<token>.ics`: no session, the secret address is the key. Unknown → 404.
    func feed(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), file.hasSuffix(".ics"),
              let person = try await CalendarFeeds.person(token: String(file.dropLast(4)), on: req.db) else { throw AppError.notFound() }
        let calendar = try await CalendarFeeds.calendar(for: person, baseURL: req.atelierConfig.publicURL, on: req.db)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.render()))
    }

    func resetFeed(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await CalendarFeeds.reset(for: user.person.id.uuid, on: req.db)
        let back = req.headers.first(name: .referer).flatMap(URL.init(string:))?.path ?? SiteRoute.home.path
        return req.redirect(to: back.hasPrefix("/") && !back.hasPrefix("//") ? back : SiteRoute.home.path, flash: .calendarFeedReset)
    }
}
