import Domain
import Fluent
import Foundation
import Views

/// A cohort's course seen by one person: the outline and their progress (both usually from the
/// `ReadCaches`), and what the outline and lesson pages derive from them.
struct LearnerView {
    struct Located {
        let module: CourseModule
        let activity: Activity
        let index: Int
        let previous: (module: CourseModule, activity: Activity)?
        let next: (module: CourseModule, activity: Activity)?
    }

    let outline: CourseQueries.Outline
    let rows: [UUID: ProgressStore.Row]

    var states: [Activity.ID: ActivityState] {
        Dictionary(uniqueKeysWithValues: rows.map { (Activity.ID($0.key), $0.value.state) })
    }

    static func load(_ access: LearningAccess, caches: ReadCaches, on db: any Database) async throws -> LearnerView {
        async let outline = CourseQueries.cachedOutline(of: access.courseID, caches: caches, on: db)
        let rows = access.isLearner ? try await ProgressStore.rows(access, caches: caches, on: db) : [:]
        return LearnerView(outline: try await outline, rows: rows)
    }

    /// The activity named in the path, with its neighbours in course order; nil if not in this course.
    func locate(_ text: String?) -> Located? {
        guard let text, let id = Activity.ID(text) else { return nil }
        let flat = outline.flatMap { entry in entry.activities.map { (module: entry.module, activity: $0) } }
        guard let index = flat.firstIndex(where: { $0.activity.id == id }) else { return nil }
        return Located(module: flat[index].module, activity: flat[index].activity, index: index,
                       previous: index > 0 ? flat[index - 1] : nil,
                       next: index + 1 < flat.count ? flat[index + 1] : nil)
    }

    var activityCount: Int { outline.reduce(0) { $0 + $1.activities.count } }

    func outlineModel(_ access: LearningAccess) -> CourseOutlineModel {
        let states = self.states
        let progress = CourseProgress(outline: outline, states: states)
        let lastVisited = rows.values.max { $0.lastVisitedAt < $1.lastVisitedAt }.map { Activity.ID($0.activityID) }
        let resumeID = CourseProgress.resume(outline: outline, states: states, lastVisited: lastVisited, isOpen: access.isOpen)
        let all = outline.flatMap(\.activities)
        let resume = resumeID.flatMap { id in all.first { $0.id == id } }
            .map { (id: $0.id, title: $0.title, started: states[$0.id] != nil || lastVisited != nil) }
        let nextDue = all.filter { states[$0.id] != .done }
            .compactMap { activity in access.dueDay(of: activity).map { (title: activity.title, day: $0) } }
            .min { $0.day < $1.day }
        let snapshot = access.snapshot
        return CourseOutlineModel(
            organizationID: access.context.organization.id, cohortID: .init(access.cohortID), cohortName: access.cohort.name,
            courseName: snapshot.courseName, courseDescription: snapshot.courseDescription, isPublished: snapshot.courseStatus == .published,
            isLearner: access.isLearner, progress: progress.course, isComplete: progress.isComplete,
            modules: outline.map { entry in
                CourseOutlineModel.Module(module: entry.module, unlocks: access.unlockDay(of: entry.module), isOpen: access.isOpen(entry.module),
                                          progress: progress.modules[entry.module.id] ?? .init(done: 0, total: 0),
                                          items: entry.activities.map { .init(activity: $0, state: states[$0.id] ?? .notStarted,
                                                                              due: access.dueDay(of: $0)) })
            },
            resume: resume, nextDue: nextDue, today: access.today)
    }

    func lessonModel(_ access: LearningAccess, _ located: Located, html: TrustedHTML, video: VideoSource?) -> LessonPageModel {
        let neighbour = { (entry: (module: CourseModule, activity: Activity)?) -> LessonPageModel.Neighbour? in
            guard let entry, access.isOpen(entry.module) else { return nil }
            return .init(id: entry.activity.id, title: entry.activity.title)
        }
        return LessonPageModel(
            organizationID: access.context.organization.id, cohortID: .init(access.cohortID), courseName: access.snapshot.courseName,
            moduleTitle: located.module.title, activity: located.activity, html: html, video: video,
            state: rows[located.activity.id.uuid]?.state ?? .notStarted, due: access.dueDay(of: located.activity),
            number: located.index + 1, count: activityCount, previous: neighbour(located.previous), next: neighbour(located.next),
            isLearner: access.isLearner)
    }
}
