import Domain

/// What a learner (or a trainer looking over their shoulder) sees of a cohort's course.
public struct CourseOutlineModel: Sendable {
    public struct Item: Sendable {
        public let activity: Activity
        public let state: ActivityState
        public let due: Day?
        public init(activity: Activity, state: ActivityState, due: Day?) {
            self.activity = activity; self.state = state; self.due = due
        }
    }

    public struct Module: Sendable {
        public let module: CourseModule
        public let unlocks: Day?
        public let isOpen: Bool
        public let progress: CourseProgress.Part
        public let items: [Item]
        public init(module: CourseModule, unlocks: Day?, isOpen: Bool, progress: CourseProgress.Part, items: [Item]) {
            self.module = module; self.unlocks = unlocks; self.isOpen = isOpen; self.progress = progress; self.items = items
        }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var cohortName: String
    public var courseName: String
    public var courseDescription: String
    public var isPublished: Bool
    public var isLearner: Bool
    public var progress: CourseProgress.Part
    public var isComplete: Bool
    public var modules: [Module]
    /// The activity "Continue where I left off" opens; nil when everything open is done.
    public var resume: (id: Activity.ID, title: String, started: Bool)?
    /// The next due date among activities not done yet.
    public var nextDue: (title: String, day: Day)?
    public var today: Day

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, cohortName: String, courseName: String,
                courseDescription: String, isPublished: Bool, isLearner: Bool, progress: CourseProgress.Part, isComplete: Bool,
                modules: [Module], resume: (id: Activity.ID, title: String, started: Bool)?, nextDue: (title: String, day: Day)?,
                today: Day) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.cohortName = cohortName
        self.courseName = courseName; self.courseDescription = courseDescription; self.isPublished = isPublished
        self.isLearner = isLearner; self.progress = progress; self.isComplete = isComplete; self.modules = modules
        self.resume = resume; self.nextDue = nextDue; self.today = today
    }
}

/// One lesson, as a learner reads it.
public struct LessonPageModel: Sendable {
    public struct Neighbour: Sendable {
        public let id: Activity.ID
        public let title: String
        public init(id: Activity.ID, title: String) { self.id = id; self.title = title }
    }

    public var organizationID: Organization.ID
    public var cohortID: Cohort.ID
    public var courseName: String
    public var moduleTitle: String
    public var activity: Activity
    public var html: TrustedHTML
    public var video: VideoSource?
    public var state: ActivityState
    public var due: Day?
    /// "Lesson 3 of 12".
    public var number: Int
    public var count: Int
    public var previous: Neighbour?
    public var next: Neighbour?
    public var isLearner: Bool
    /// An uploaded video (played here, from our own server) and the files to download.
    public var media: LessonMedia = .none
    /// How many posts the cohort's "Discuss this" thread about it has; nil before the first.
    public var discussionPosts: Int?
    /// For a live class: its sessions in this cohort, and the staff's way to schedule one.
    public var live: LiveActivityPart?

    public init(organizationID: Organization.ID, cohortID: Cohort.ID, courseName: String, moduleTitle: String, activity: Activity,
                html: TrustedHTML, video: VideoSource?, state: ActivityState, due: Day?, number: Int, count: Int,
                previous: Neighbour?, next: Neighbour?, isLearner: Bool) {
        self.organizationID = organizationID; self.cohortID = cohortID; self.courseName = courseName
        self.moduleTitle = moduleTitle; self.activity = activity; self.html = html; self.video = video; self.state = state
        self.due = due; self.number = number; self.count = count; self.previous = previous; self.next = next
        self.isLearner = isLearner
    }
}

/// What a live class's page adds to its text: when it takes place in this cohort.
public struct LiveActivityPart: Sendable {
    public let cards: [LiveSessionCard]
    /// For the cohort's staff: the scheduling form, filled in for this activity.
    public let scheduleURL: String?
    /// Whether the learner attended one of its sessions (attendance or a trainer's word).
    public let attended: Bool

    public init(cards: [LiveSessionCard], scheduleURL: String?, attended: Bool) {
        self.cards = cards; self.scheduleURL = scheduleURL; self.attended = attended
    }
}
