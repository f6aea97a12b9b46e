/// Whether learners can see a course. Cohorts run published courses; drafts are for authors.
public enum PublicationStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case published
}

/// The kinds of activity a module holds. Each kind keeps its content in its own table; the frame
/// (title, duration, required, order, due date, progress) is shared. Later kinds join this enum.
public enum ActivityKind: String, Sendable, Codable, CaseIterable {
    case lesson
    /// Questions from the course's bank, for self-assessment.
    case quiz
    /// Learners hand in work and assess each other's against a rubric.
    case peerAssignment = "peer_assignment"
    /// A live class: what to prepare (like a lesson's text and files), scheduled by each cohort's
    /// trainers; done for a learner who attended it.
    case liveSession = "live_session"
}

/// A part of a course: activities in order, opened to a cohort on its unlock day.
public struct CourseModule: Hashable, Sendable {
    public typealias ID = Identifier<CourseModule>
    public let id: ID
    public var title: String
    public var position: Int
    /// Nil: open from the cohort's start.
    public var unlock: ScheduleOffset?

    public init(id: ID, title: String, position: Int, unlock: ScheduleOffset?) {
        self.id = id
        self.title = title
        self.position = position
        self.unlock = unlock
    }
}

/// One thing a learner does in a module: read a lesson, take a quiz…
public struct Activity: Hashable, Sendable {
    public typealias ID = Identifier<Activity>
    public let id: ID
    public let moduleID: CourseModule.ID
    public var kind: ActivityKind
    public var title: String
    public var estimatedMinutes: Int
    /// Whether the course counts as complete only once this is done.
    public var required: Bool
    public var position: Int
    public var due: ScheduleOffset?

    public init(id: ID, moduleID: CourseModule.ID, kind: ActivityKind, title: String, estimatedMinutes: Int,
                required: Bool, position: Int, due: ScheduleOffset?) {
        self.id = id
        self.moduleID = moduleID
        self.kind = kind
        self.title = title
        self.estimatedMinutes = estimatedMinutes
        self.required = required
        self.position = position
        self.due = due
    }
}

/// Moving an item one place up or down in an ordered list: the positions to write, or nil when
/// it is already at that end. Positions are renumbered 0, 1, 2… so gaps left by deletions heal.
public enum Reordering {
    public enum Direction: String, Sendable { case up, down }

    public static func move<ID: Hashable>(_ id: ID, _ direction: Direction, in ordered: [ID]) -> [ID: Int]? {
        guard let index = ordered.firstIndex(of: id) else { return nil }
        let target = direction == .up ? index - 1 : index + 1
        guard ordered.indices.contains(target) else { return nil }
        var items = ordered
        items.swapAt(index, target)
        return Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
    }
}
