import Domain
import Fluent
import Routes
import Vapor
import Views

/// A cohort's live classes: the list, scheduling and changing them (trainers, facilitators,
/// admins), one class's page, its calendar file, and Join. Everyone else gets 404.
struct LiveSessionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let cohort = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID")
        let live = cohort.grouped("live")
        live.get(use: list)
        live.post(use: create)
        live.get("new", use: newForm)
        live.get(":sessionID", use: show)
        live.post(":sessionID", use: update)
        live.get(":sessionID", "edit", use: edit)
        live.post(":sessionID", "cancel", use: cancel)
        live.get(":sessionID", "join", use: join)
        live.get(":sessionID", "calendar.ics", use: calendarFile)
        cohort.post("time-zone", use: setTimeZone)
    }

    struct SessionForm: Content {
        var title: String?
        var agenda: String?
        var date: String?
        var time: String?
        var time_zone: String?
        var duration: String?
        var provider: String?
        var link: String?
        var recording: String?
        var hosts: [String]?
        /// The course's live-class activity this session runs, when scheduled from its page.
        var activity_id: String?
    }

    struct TimeZoneForm: Content { var time_zone: String? }

    func list(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        return try await renderList(req, access, state: .empty, status: .ok)
    }

    private func renderList(_ req: Request, _ access: LearningAccess, state: Form.State, status: HTTPResponseStatus) async throws -> Response {
        let now = Date()
        async let cohort = CohortRecord.find(access.cohortID, on: req.db)
        let records = try await LiveSessionStore.sessions(of: access.cohortID, on: req.db)
        let cards = try await LiveSessionStore.cards(records, cohortNames: [access.cohortID: access.cohort.name],
                                                     organizationID: access.context.organizationID, now: now, on: req.db)
        let done: Set<LiveSession.State> = [.ended, .cancelled]
        let model = LiveSessionsPageModel(
            organizationID: access.context.organization.id, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
            courseName: access.snapshot.courseName, timeZone: try await cohort?.timeZone ?? Cohort.defaultTimeZone,
            upcoming: cards.filter { !done.contains($0.state) }, past: cards.filter { done.contains($0.state) }.reversed(),
            canSchedule: access.runsCohort, state: state)
        return .page(LiveSessionPages.list(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    func setTimeZone(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let text = try req.content.decode(TimeZoneForm.self).time_zone
        do {
            let zone = try Cohort.checkTimeZone(text)
            guard let cohort = try await CohortRecord.find(access.cohortID, on: req.db) else { throw AppError.notFound() }
            cohort.timeZone = zone
            try await cohort.save(on: req.db)
            return req.redirect(to: route(access, .list), flash: .timeZoneSaved(zone: zone))
        } catch let errors as ValidationErrors {
            return try await renderList(req, access, state: Form.State(values: ["time_zone": text ?? ""], errors: errors.errors),
                                        status: .unprocessableEntity)
        }
    }

    func newForm(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let zone = try await CohortRecord.find(access.cohortID, on: req.db)?.timeZone ?? Cohort.defaultTimeZone
        let staff = try await LiveSessionStore.staff(of: access.cohortID, on: req.db)
        let me = access.context.user.person.id
        var values = ["time_zone": zone, "duration": "60", "time": "10:00",
                      "provider": LiveSessionStore.providers(req.atelierConfig).first?.kind.rawValue ?? ""]
        if let activity = try await LiveActivity.activity(req.query["activity"], of: access, on: req.db) {
            values["title"] = activity.title
            values["duration"] = String(min(max(activity.estimatedMinutes, LiveSession.durations.lowerBound), LiveSession.durations.upperBound))
            values["activity_id"] = activity.id!.lowercasedText
        }
        return try await renderForm(req, access, session: nil, staff: staff, state: Form.State(values: values, errors: []),
                                    hosts: staff.contains { $0.id == me } ? [me.description] : [], status: .ok)
    }

    private func renderForm(_ req: Request, _ access: LearningAccess, session: LiveSession?, staff: [(id: Person.ID, name: String)]? = nil,
                            state: Form.State, hosts: Set<String>, status: HTTPResponseStatus) async throws -> Response {
        let staff = if let staff { staff } else { try await LiveSessionStore.staff(of: access.cohortID, on: req.db) }
        let model = LiveSessionFormModel(
            organizationID: access.context.organization.id, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
            sessionID: session?.id, staff: staff, providers: LiveSessionStore.providers(req.atelierConfig), state: state,
            hosts: hosts, isStarted: session.map { $0.start <= Date() } ?? false)
        return .page(LiveSessionFormPage.render(model, req.layout(access.context, section: .home)), status: status, request: req)
    }

    /// Checks the form against the cohort's staff and this server's providers.
    private func check(_ form: SessionForm, access: LearningAccess, req: Request) async throws -> LiveSessionInput {
        let staff = try await LiveSessionStore.staff(of: access.cohortID, on: req.db)
        let input = try LiveSessionInput.check(
            title: form.title, agenda: form.agenda, date: form.date, time: form.time, timeZone: form.time_zone,
            duration: form.duration, provider: form.provider, link: form.link, recording: form.recording,
            hosts: form.hosts ?? [], staff: Set(staff.map(\.id)))
        guard LiveSessionStore.providers(req.atelierConfig).contains(where: { $0.kind == input.provider.kind }) else {
            throw ValidationErrors([FieldError("provider", .invalid)])
        }
        return input
    }

    private func values(_ form: SessionForm) -> [String: String] {
        ["title": form.title ?? "", "agenda": form.agenda ?? "", "date": form.date ?? "", "time": form.time ?? "",
         "time_zone": form.time_zone ?? "", "duration": form.duration ?? "", "provider": form.provider ?? "",
         "link": form.link ?? "", "recording": form.recording ?? "", "activity_id": form.activity_id ?? ""]
    }

    func create(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let form = try req.content.decode(SessionForm.self)
        do {
            let input = try await check(form, access: access, req: req)
            let now = Date()
            var activityID: Activity.ID?
            if let text = form.activity_id, !text.isEmpty {
                guard let activity = try await LiveActivity.activity(text, of: access, on: req.db) else {
                    throw ValidationErrors([FieldError("activity_id", .invalid)])
                }
                activityID = .init(activity.id!)
            }
            let session = input.session(id: .init(UUID()), cohortID: .init(access.cohortID), activityID: activityID)
            let record = LiveSessionRecord(session, organizationID: access.context.organizationID, createdBy: access.personID)
            record.remindedAt = LiveSessionNotice.reminderState(for: session, now: now)
            try await record.create(on: req.db)
            try await LiveSessionNotice.tell(.scheduled, about: session, organizationID: access.context.organizationID,
                                             cohortName: access.cohort.name, except: access.personID, on: req.db,
                                             broadcaster: req.application.realtime.broadcaster)
            return req.redirect(to: route(access, .session(session.id.description)), flash: .liveScheduled(title: session.title))
        } catch let errors as ValidationErrors {
            return try await renderForm(req, access, session: nil, state: Form.State(values: values(form), errors: errors.errors),
                                        hosts: Set(form.hosts ?? []), status: .unprocessableEntity)
        }
    }

    func show(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        let now = Date()
        let card = try await LiveSessionStore.cards([record], cohortNames: [access.cohortID: access.cohort.name],
                                                    organizationID: access.context.organizationID, now: now, on: req.db)[0]
        let mine = try await LivePresenceRecord.query(on: req.db).filter(\.$sessionID == record.id!)
            .filter(\.$personID == access.personID).all().map { $0.domain() }
        let myMinutes = mine.isEmpty ? nil
            : AttendanceRules.compute(session: card.session, events: mine, now: now)[.init(access.personID)]?.minutes
        let model = LiveSessionPageModel(card: card, agenda: Markdown.render(card.session.agenda), canManage: access.runsCohort,
                                         whereText: LiveSessionStore.whereText(card.session, config: req.atelierConfig),
                                         myMinutes: card.state == .upcoming ? nil : myMinutes)
        return .page(LiveSessionPages.session(model, req.layout(access.context, section: .home)), request: req)
    }

    func edit(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let session = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db).domain()
        let local = session.localStart
        let values = ["title": session.title, "agenda": session.agenda, "date": local.day.description, "time": local.time.description,
                      "time_zone": session.timeZone, "duration": String(session.durationMinutes),
                      "provider": session.provider.kind.rawValue, "link": session.provider.link?.text ?? "",
                      "recording": session.recording?.text ?? ""]
        return try await renderForm(req, access, session: session, state: Form.State(values: values, errors: []),
                                    hosts: Set(session.hosts.map(\.description)), status: .ok)
    }

    func update(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        let before = record.domain()
        let form = try req.content.decode(SessionForm.self)
        let now = Date()
        do {
            let input = try await check(form, access: access, req: req)
            let after: LiveSession
            do { after = try before.updated(with: input, at: now) } catch { return req.redirect(to: route(access, .session(before.id.description)), flash: .failure(.liveOver)) }
            record.apply(after)
            if after.start != before.start { record.remindedAt = LiveSessionNotice.reminderState(for: after, now: now) }
            try await record.save(on: req.db)
            await LiveRoomSocket.refreshed(after, app: req.application, now: now)
            let told = after.differsOnCalendar(from: before)
            if told {
                try await LiveSessionNotice.tell(.changed, about: after, organizationID: access.context.organizationID,
                                                 cohortName: access.cohort.name, except: access.personID, on: req.db,
                                                 broadcaster: req.application.realtime.broadcaster)
            }
            return req.redirect(to: route(access, .session(after.id.description)), flash: .liveSaved(title: after.title, told: told))
        } catch let errors as ValidationErrors {
            return try await renderForm(req, access, session: before, state: Form.State(values: values(form), errors: errors.errors),
                                        hosts: Set(form.hosts ?? []), status: .unprocessableEntity)
        }
    }

    func cancel(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        let page = route(access, .session(record.id!.uuidString))
        let cancelled: LiveSession
        do { cancelled = try record.domain().cancelled(at: Date()) } catch {
            return req.redirect(to: page, flash: .failure(error == .alreadyStarted ? .liveStarted : .liveOver))
        }
        record.apply(cancelled)
        try await record.save(on: req.db)
        await LiveRoomSocket.refreshed(cancelled, app: req.application)
        try await LiveSessionNotice.tell(.cancelled, about: cancelled, organizationID: access.context.organizationID,
                                         cohortName: access.cohort.name, except: access.personID, on: req.db,
                                         broadcaster: req.application.realtime.broadcaster)
        return req.redirect(to: page, flash: .liveCancelled(title: cancelled.title))
    }

    /// Counts the click for attendance (a session held elsewhere has no leave: it counts to the
    /// end), then sends the person on to the meeting. A GET: browsers do not follow a form's
    /// redirect to another site under the pages' CSP (form-action 'self'); a stray visit only
    /// counts a member of the cohort as joining while the session is open. Before the room opens, after it ended, or
    /// with a provider this server no longer has, the session's page says why.
    func join(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        let session = record.domain()
        let now = Date()
        let page = route(access, .session(session.id.description))
        switch session.state(at: now) {
        case .upcoming: return req.redirect(to: page, flash: .failure(.liveNotOpenYet))
        case .ended, .cancelled: return req.redirect(to: page, flash: .failure(.liveOver))
        case .joinable, .live: break
        }
        // In the built-in room, attendance comes from the room's own connection.
        if session.provider == .builtInRoom { return req.redirect(to: route(access, .room(session.id.description))) }
        let me = Person.ID(access.personID), name = access.context.user.person.name, config = req.atelierConfig
        let url: String
        switch session.provider {
        case .builtInRoom: throw AppError.notFound()
        case .external(let link): url = link.text
        case .jitsi:
            guard let jitsi = config.jitsi else { throw AppError.notFound() }
            url = try await jitsi.url(session, name: name, person: me, moderator: session.isHost(me), now: now)
        case .bigBlueButton:
            guard let server = config.bigBlueButton else { throw AppError.notFound() }
            guard await server.create(session, returnTo: config.publicURL + page, client: req.client) else {
                return req.redirect(to: page, flash: .failure(.liveServerDown))
            }
            url = server.joinURL(session, name: name, person: me, moderator: session.isHost(me))
        }
        // Attendance is the cohort's: an admin looking in is not counted.
        if access.role != nil {
            let event = PresenceEvent(person: .init(access.personID), connection: .init(UUID()), kind: .join, at: now)
            try await LivePresenceRecord(sessionID: record.id!, event: event).create(on: req.db)
        }
        return req.redirect(to: url, redirectType: .normal)
    }

    /// The session as one iCalendar event; a cancelled one as its cancellation (METHOD:CANCEL).
    func calendarFile(req: Request) async throws -> Response {
        let access = try await LearningAccess.load(req)
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        let event = try await LiveCalendar.event(record.domain(), organizationID: access.context.organizationID,
                                                 cohortName: access.cohort.name, baseURL: req.atelierConfig.publicURL, on: req.db)
        let calendar = ICalendar(name: record.title, events: [event], method: event.isCancelled ? .cancel : .publish)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"live-class.ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.render()))
    }

    private func route(_ access: LearningAccess, _ page: LiveRoute) -> String {
        SiteRoute.live(access.context.organization.id, .init(access.cohortID), page).path
    }
}
