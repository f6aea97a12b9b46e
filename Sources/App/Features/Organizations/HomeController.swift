import Domain
import Fluent
import Routes
import Vapor
import Views

/// The home page (a person's trainings, the cohorts they run, an admin's overview) and the
/// organization switcher.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("orgs", ":orgID", use: switchOrganization)
    }

    func home(req: Request) async throws -> Response {
        guard let user = req.auth.get(CurrentUser.self) else {
            let empty = try await OrganizationRecord.query(on: req.db).count() == 0
            return req.redirect(to: empty ? SiteRoute.setup.path : SiteRoute.signIn.path)
        }
        guard let context = try await req.currentOrganizationContext() else {
            return .page(ErrorPage.render(status: 404, message: "You are not a member of any organization any more. Ask an admin to invite you again.",
                                          req.layout(nil, section: .home)), request: req)
        }
        let today = Day.today()
        let key = "\(user.person.id)/\(context.organizationID)/\(today)"
        let cohorts = try await req.application.readCaches.homeCohorts.value(for: key) {
            try await CohortQueries.cohorts(of: user.person.id.uuid, in: context.organizationID, today: today, on: req.db)
        }
        var admin: HomePageModel.AdminSummary?
        if Permission.can(.viewReports, context.roles) {
            admin = try await summary(of: context.organizationID, on: req.db)
        }
        var model = HomePageModel(organization: context.organization, personName: user.person.name,
                                  learning: cohorts.learning, running: cohorts.running, admin: admin)
        let mine = cohorts.learning + cohorts.running
        if !cohorts.learning.isEmpty {
            let names = Dictionary(cohorts.learning.map { ($0.id.uuid, $0.name) }, uniquingKeysWith: { first, _ in first })
            model.help = try await HelpRequestRecord.query(on: req.db).filter(\.$personID == user.person.id.uuid)
                .filter(\.$cohortID ~~ Array(names.keys)).filter(\.$status != HelpRequest.Status.resolved.rawValue)
                .sort(\.$createdAt, .descending).limit(5).all().map {
                    HomeHelp(id: .init($0.id!), cohortID: .init($0.cohortID), cohortName: names[$0.cohortID] ?? "",
                             excerpt: plainExcerpt($0.text, limit: 80), status: HelpRequest.Status(rawValue: $0.status) ?? .open)
                }
        }
        if !cohorts.learning.isEmpty {
            try await Self.learnerDay(&model, person: user.person.id.uuid, cohorts: cohorts.learning, caches: req.application.readCaches,
                                      on: req.db)
        }
        let live = try await LiveSessionStore.upcoming(in: mine.map(\.id.uuid), now: Date(), limit: 4, on: req.db)
        model.upcomingLive = try await LiveSessionStore.cards(
            live, cohortNames: Dictionary(mine.map { ($0.id.uuid, $0.name) }, uniquingKeysWith: { first, _ in first }),
            organizationID: context.organizationID, now: Date(), on: req.db)
        return .page(HomePage.render(model, req.layout(context, section: .home)), request: req)
    }

    /// What is due next and where the learner stands in each cohort (from the cached outlines and
    /// one query for their progress), and their unread messages.
    static func learnerDay(_ model: inout HomePageModel, person: UUID, cohorts: [HomePageModel.CohortCard], caches: ReadCaches,
                           on db: any Database) async throws {
        let ids = cohorts.map(\.id.uuid)
        let records = try await CohortRecord.query(on: db).filter(\.$id ~~ ids).with(\.$course).all()
        let rows = try await ProgressRecord.query(on: db).filter(\.$personID == person).filter(\.$cohortID ~~ ids).all()
        let states = Dictionary(grouping: rows, by: \.cohortID)
        let today = Day.today()
        var due: [HomeDue] = []
        for record in records where record.course.status == .published {
            let scope = CohortDashboard.Scope(record)
            let outline = try await CourseQueries.cachedOutline(of: scope.courseID, caches: caches, on: db)
            let mine = Dictionary((states[record.id!] ?? []).map { (Activity.ID($0.activityID), $0.state) }, uniquingKeysWith: { a, _ in a })
            model.progress[.init(record.id!)] = CourseProgress(outline: outline, states: mine).course
            for (module, activities) in outline where scope.isOpen(module, today: today) {
                for activity in activities where mine[activity.id] != .done {
                    if let day = scope.dueDay(of: activity) {
                        due.append(HomeDue(cohortID: .init(record.id!), cohortName: record.name, activityID: activity.id, title: activity.title,
                                            due: day, overdue: day < today))
                    }
                }
            }
        }
        model.dueNext = Array(due.sorted { ($0.due, $0.title) < ($1.due, $1.title) }.prefix(5))
        model.unreadMessages = try await ChatStore.unreadTotal(personID: person, on: db)
    }

    private func summary(of org: UUID, on db: any Database) async throws -> HomePageModel.AdminSummary {
        async let courses = CourseRecord.query(on: db).filter(\.$organization.$id == org).count()
        async let cohorts = CohortRecord.query(on: db).filter(\.$organization.$id == org).count()
        async let members = MembershipRecord.query(on: db).filter(\.$organization.$id == org).count()
        async let pending = InvitationRecord.query(on: db).filter(\.$organization.$id == org)
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > Date()).count()
        let recent = try await CohortQueries.organizationCohorts(org, today: .today(), on: db, limit: 6)
        return try await .init(courses: courses, cohorts: cohorts, members: members, pendingInvitations: pending,
                               recentCohorts: recent)
    }

    func switchOrganization(req: Request) async throws -> Response {
        let context = try await req.organizationContext()
        if let sessionID = context.user.sessionID {
            try await SessionRecord.query(on: req.db).filter(\.$id == sessionID)
                .set(\.$organizationID, to: context.organizationID).update()
            // A GET that writes: the sign-in context the cache holds changed.
            req.application.readCaches.invalidateAll()
        }
        return req.redirect(to: SiteRoute.home.path, flash: .switched(organization: context.organization.name))
    }
}
