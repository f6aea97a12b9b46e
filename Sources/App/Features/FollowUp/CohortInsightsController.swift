import Domain
import Routes
import Vapor
import Views

/// The cohort as a whole (`SiteRoute.followUp(_, _, .insights)`): completion by module, quiz
/// topics the group struggles with, forum activity per week, attendance per live class. The
/// cohort's staff and the organization's admins only; learners and everyone else get 404.
struct CohortInsightsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("orgs", ":orgID", "cohorts", ":cohortID").get("insights", use: insights)
    }

    func insights(req: Request) async throws -> Response {
        let access = try await FollowUpController.staff(req)
        let now = Date()
        let facts = try await CohortInsights.load(access, now: now, caches: req.application.readCaches, on: req.db)
        return .page(InsightsPage.render(Self.model(facts, access, now: now), req.layout(access.context, section: .home)), request: req)
    }

    static func model(_ facts: CohortInsights.Facts, _ access: LearningAccess, now: Date) -> InsightsModel {
        let organization = access.context.organization.id
        let cohort = Cohort.ID(access.cohortID)
        let modules = zip(facts.outline, facts.funnel.modules).map { InsightsModel.Module(title: $0.module.title, step: $1) }
        let topics = facts.topics.map { topic in
            InsightsModel.Topic(summary: topic, lessons: (facts.lessons[topic.topic] ?? []).map {
                .init(title: $0.title, url: SiteRoute.cohortActivity(organization, cohort, $0.id).path)
            })
        }
        let classes = facts.classes.reversed().map { session, attended in
            InsightsModel.LiveClass(title: session.title, start: session.start,
                                    url: SiteRoute.live(organization, cohort, .session(session.id.description)).path,
                                    attended: attended, expected: facts.learners)
        }
        return InsightsModel(organizationID: organization, cohortID: cohort, cohortName: access.cohort.name, learners: facts.learners,
                             modules: modules, course: facts.funnel.course, topics: topics, weeks: facts.weeks, classes: classes,
                             now: now)
    }
}
