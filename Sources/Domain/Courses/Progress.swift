/// Where one learner stands in an activity.
public enum ActivityState: String, Sendable, Codable {
    case notStarted = "not_started"
    case started
    case done
}

/// Where one learner stands in a course, computed from the course's outline as it is now and the
/// states of their activities. States of activities an author removed are ignored; an activity
/// added later counts as not done.
public struct CourseProgress: Equatable, Sendable {
    public struct Part: Equatable, Sendable {
        public let done: Int
        public let total: Int
        public init(done: Int, total: Int) {
            self.done = done
            self.total = total
        }
        /// Rounded down, so 100 only when everything is done.
        public var percent: Int { total == 0 ? 0 : done * 100 / total }
    }

    /// Every activity of each module, required or not.
    public let modules: [CourseModule.ID: Part]
    /// The activities that count for completion: the required ones, or all of them when the
    /// author marked none as required.
    public let course: Part
    public var isComplete: Bool { course.total > 0 && course.done == course.total }

    /// `outline` is the modules in order, each with its activities in order.
    public init(outline: [(module: CourseModule, activities: [Activity])], states: [Activity.ID: ActivityState]) {
        var modules: [CourseModule.ID: Part] = [:]
        var all = (done: 0, total: 0)
        var required = (done: 0, total: 0)
        for (module, activities) in outline {
            let done = activities.filter { states[$0.id] == .done }.count
            modules[module.id] = Part(done: done, total: activities.count)
            all.done += done
            all.total += activities.count
            for activity in activities where activity.required {
                required.total += 1
                if states[activity.id] == .done { required.done += 1 }
            }
        }
        self.modules = modules
        self.course = required.total > 0 ? Part(done: required.done, total: required.total) : Part(done: all.done, total: all.total)
    }

    /// What "Continue where I left off" opens: the activity last visited if it is not done, else
    /// the first one after it that is not done, else the first not done from the start; only
    /// among `open` modules. Nil when nothing open is left to do.
    public static func resume(outline: [(module: CourseModule, activities: [Activity])], states: [Activity.ID: ActivityState],
                              lastVisited: Activity.ID?, isOpen: (CourseModule) -> Bool) -> Activity.ID? {
        let ordered = outline.filter { isOpen($0.module) }.flatMap(\.activities).map(\.id)
        let pending = { (id: Activity.ID) in states[id] != .done }
        if let last = lastVisited, let index = ordered.firstIndex(of: last) {
            if pending(last) { return last }
            if let next = ordered[(index + 1)...].first(where: pending) { return next }
        }
        return ordered.first(where: pending)
    }
}
