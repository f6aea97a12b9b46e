import Domain
import Fluent
import Routes
import Vapor
import Views

/// Who attended a live class: every member of the cohort with their time in, the computed
/// answer and the staff's corrections, which win. For the cohort's trainers, facilitators and
/// admins; everyone else gets 404.
struct LiveAttendanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let page = routes.grouped("orgs", ":orgID", "cohorts", ":cohortID", "live", ":sessionID", "attendance")
        page.get(use: show)
        page.post(use: correct)
    }

    func show(req: Request) async throws -> Response {
        let (access, record) = try await load(req)
        let now = Date()
        let session = record.domain()
        let members = try await CohortMemberRecord.query(on: req.db).filter(\.$cohort.$id == access.cohortID).with(\.$person).all()
        let events = try await LivePresenceRecord.query(on: req.db).filter(\.$sessionID == record.id!).all()
        let attendance = try await Self.attendance(of: record, events: events, expected: members.map { .init($0.$person.id) }, now: now,
                                                   on: req.db)
        let firstJoin = Dictionary(events.map { ($0.personID, $0.at) }, uniquingKeysWith: min)
        var seen = Set<UUID>()
        let rows = members.filter { seen.insert($0.$person.id).inserted }.compactMap { member -> LiveAttendanceModel.Row? in
            guard let entry = attendance[.init(member.$person.id)] else { return nil }
            return .init(personID: .init(member.$person.id), name: member.person.name, role: member.cohortRole,
                         attendance: entry, firstJoin: firstJoin[member.$person.id])
        }.sorted { ($0.role == .learner ? 1 : 0, $0.name) < ($1.role == .learner ? 1 : 0, $1.name) }
        let card = LiveSessionCard(session: session, organizationID: .init(access.context.organizationID),
                                   cohortName: access.cohort.name, hostNames: [], now: now)
        let model = LiveAttendanceModel(card: card, rows: rows, thresholdPercent: Int(AttendanceRules.defaultThreshold * 100))
        return .page(LiveAttendancePage.render(model, req.layout(access.context, section: .home)), request: req)
    }

    /// Saves each `p-<person id>` = `auto` / `yes` / `no`; a person not in the cohort, or a value
    /// other than these, refuses the whole form and changes nothing.
    func correct(req: Request) async throws -> Response {
        let (access, record) = try await load(req)
        let fields = req.formFields.filter { $0.name.hasPrefix("p-") }
        let members = Set(try await CohortQueries.memberIDs(of: access.cohortID, on: req.db))
        var choices: [UUID: Bool?] = [:]
        for field in fields {
            guard let person = UUID(uuidString: String(field.name.dropFirst(2))), members.contains(person) else {
                throw Abort(.badRequest, reason: "Only members of this cohort have an attendance to correct.")
            }
            switch field.value {
            case "auto": choices[person] = .some(nil)
            case "yes": choices[person] = true
            case "no": choices[person] = false
            default: throw Abort(.badRequest, reason: "Attendance is auto, yes or no.")
            }
        }
        let now = Date()
        let sessionID = record.id!, me = access.personID, chosen = choices
        try await req.db.writeTransaction { db in
            let existing = try await LiveAttendanceCorrectionRecord.query(on: db).filter(\.$sessionID == sessionID).all()
            let byPerson = Dictionary(uniqueKeysWithValues: existing.map { ($0.personID, $0) })
            for (person, choice) in chosen {
                switch (choice, byPerson[person]) {
                case (nil, let old?): try await old.delete(on: db)
                case (let value?, let old?) where old.attended != value:
                    old.attended = value
                    old.correctedBy = me
                    old.correctedAt = now
                    try await old.save(on: db)
                case (let value?, nil):
                    try await LiveAttendanceCorrectionRecord(sessionID: sessionID, personID: person, attended: value,
                                                             correctedBy: me, at: now).create(on: db)
                default: break
                }
            }
        }
        if record.domain().state(at: now) == .ended {
            try await LiveActivity.count(record, now: now, caches: req.application.readCaches, on: req.db)
        }
        return req.redirect(to: SiteRoute.live(access.context.organization.id, .init(access.cohortID), .attendance(sessionID.uuidString)).path,
                            flash: .attendanceSaved)
    }

    private func load(_ req: Request) async throws -> (LearningAccess, LiveSessionRecord) {
        let access = try await LearningAccess.load(req)
        guard access.runsCohort else { throw AppError.notFound() }
        let record = try await LiveSessionStore.find(req.parameters.get("sessionID"), in: access.cohortID, on: req.db)
        return (access, record)
    }

    /// Everyone's attendance at a session at `now`, corrections applied; `events` when the
    /// caller has read them already.
    static func attendance(of record: LiveSessionRecord, events known: [LivePresenceRecord]? = nil, expected: [Person.ID], now: Date,
                           on db: any Database) async throws -> [Person.ID: Attendance] {
        let events = if let known { known } else { try await LivePresenceRecord.query(on: db).filter(\.$sessionID == record.id!).all() }
        let corrections = try await LiveAttendanceCorrectionRecord.query(on: db).filter(\.$sessionID == record.id!).all()
        return AttendanceRules.compute(
            session: record.domain(), events: events.map { $0.domain() }, now: now,
            corrections: Dictionary(corrections.map { (Person.ID($0.personID), $0.attended) }, uniquingKeysWith: { $1 }),
            expected: expected)
    }
}
