import Foundation

/// The cohort as a whole, for its staff: how far the group got in each module, the quiz topics
/// it struggles with, how busy its forum was week by week. Pure summaries of rows the App reads
/// for the whole cohort at once; the learners are passed in, so staff who post or try a quiz
/// never count as learners.
public enum InsightRules {
    /// How far the group got in one module, or in the course.
    public struct Step: Equatable, Sendable {
        /// Learners with at least one of its activities started or done.
        public let started: Int
        /// Learners with all its activities done (for the course: the ones that count for
        /// completion, as `CourseProgress` says).
        public let completed: Int
        public let learners: Int
        /// 0 for a module with nothing in it yet: nobody completes it.
        public let activities: Int

        public init(started: Int, completed: Int, learners: Int, activities: Int) {
            self.started = started
            self.completed = completed
            self.learners = learners
            self.activities = activities
        }

        /// Rounded down, so 100 only when everyone is there.
        public var startedPercent: Int { learners == 0 ? 0 : started * 100 / learners }
        public var completedPercent: Int { learners == 0 ? 0 : completed * 100 / learners }
    }

    public struct Funnel: Equatable, Sendable {
        /// One step per module, in course order.
        public let modules: [Step]
        public let course: Step

        public init(modules: [Step], course: Step) {
            self.modules = modules
            self.course = course
        }
    }

    /// The completion funnel of `learners`, from each one's activity states. States of
    /// activities no longer in the outline are ignored.
    public static func funnel(outline: [(module: CourseModule, activities: [Activity])],
                              states: [Person.ID: [Activity.ID: ActivityState]], learners: [Person.ID]) -> Funnel {
        let mine = learners.map { states[$0] ?? [:] }
        let begun = { (state: ActivityState?) in state == .started || state == .done }
        let modules = outline.map { _, activities in
            Step(started: mine.filter { s in activities.contains { begun(s[$0.id]) } }.count,
                 completed: activities.isEmpty ? 0 : mine.filter { s in activities.allSatisfy { s[$0.id] == .done } }.count,
                 learners: learners.count, activities: activities.count)
        }
        let all = outline.flatMap(\.activities)
        let course = Step(started: mine.filter { s in all.contains { begun(s[$0.id]) } }.count,
                          completed: mine.filter { CourseProgress(outline: outline, states: $0).isComplete }.count,
                          learners: learners.count, activities: all.count)
        return Funnel(modules: modules, course: course)
    }

    // MARK: Quiz topics

    /// One learner's running sums on one topic (what `quiz_topic_scores` keeps).
    public struct TopicScore: Sendable {
        public let person: Person.ID
        public let topic: String
        public let earned: Double
        public let possible: Double

        public init(person: Person.ID, topic: String, earned: Double, possible: Double) {
            self.person = person
            self.topic = topic
            self.earned = earned
            self.possible = possible
        }
    }

    /// The group on one topic: every learner's points pooled, so a learner who answered more
    /// questions on it weighs more.
    public struct Topic: Equatable, Sendable {
        public let topic: String
        public let earned: Double
        public let possible: Double
        /// Learners with an answer on it, and those of them below `struggleThreshold`.
        public let learners: Int
        public let struggling: Int

        public init(topic: String, earned: Double, possible: Double, learners: Int, struggling: Int) {
            self.topic = topic
            self.earned = earned
            self.possible = possible
            self.learners = learners
            self.struggling = struggling
        }

        /// 0…1.
        public var mastery: Double { possible > 0 ? min(max(earned / possible, 0), 1) : 0 }
        public var percent: Int { Int((mastery * 100).rounded()) }
    }

    /// A learner below this share of a topic's points struggles with it.
    public static let struggleThreshold = 0.5

    /// Each topic a learner answered on, weakest first (ties by name). Sums with nothing
    /// possible (only answers waiting for a trainer) tell nothing and are left out.
    public static func topics(_ scores: [TopicScore], learners: Set<Person.ID>) -> [Topic] {
        let counted = scores.filter { learners.contains($0.person) && $0.possible > 0 }
        return Dictionary(grouping: counted, by: \.topic).map { topic, rows in
            let earned = rows.reduce(0) { $0 + min(max($1.earned, 0), $1.possible) }
            let possible = rows.reduce(0) { $0 + $1.possible }
            let people = Dictionary(grouping: rows, by: \.person).values.map { theirs in
                theirs.reduce(0) { $0 + min(max($1.earned, 0), $1.possible) } / theirs.reduce(0) { $0 + $1.possible }
            }
            return Topic(topic: topic, earned: earned, possible: possible, learners: people.count,
                         struggling: people.filter { $0 < struggleThreshold }.count)
        }
        .sorted { ($0.mastery, $0.topic) < ($1.mastery, $1.topic) }
    }

    // MARK: Forum weeks

    /// An ISO 8601 week: Monday to Sunday, numbered in the year that holds its Thursday.
    public struct Week: Hashable, Sendable {
        public let monday: Day
        public let year: Int
        public let number: Int

        /// The week `day` falls in.
        public init(of day: Day) {
            monday = day.adding(days: 1 - day.weekday)
            let thursday = monday.adding(days: 3)
            year = thursday.year
            let january1 = Day(year: thursday.year, month: 1, day: 1) ?? thursday
            number = january1.days(to: thursday) / 7 + 1
        }

        public var sunday: Day { monday.adding(days: 6) }
    }

    /// One post in the cohort's forum.
    public struct Post: Sendable {
        public let at: Date
        public let author: Person.ID
        /// The opening post of its thread.
        public let opensThread: Bool

        public init(at: Date, author: Person.ID, opensThread: Bool) {
            self.at = at
            self.author = author
            self.opensThread = opensThread
        }
    }

    public struct ForumWeek: Equatable, Sendable {
        public let week: Week
        /// Everyone's posts, staff included: threads started and replies.
        public let threads: Int
        public let replies: Int
        /// Distinct learners who wrote anything that week.
        public let posters: Int

        public init(week: Week, threads: Int, replies: Int, posters: Int) {
            self.week = week
            self.threads = threads
            self.replies = replies
            self.posters = posters
        }

        public var posts: Int { threads + replies }
    }

    /// How many weeks the forum chart covers, this one included.
    public static let forumWeekCount = 8

    /// The Monday (UTC) the chart starts on: the week of `now` and the `count - 1` before it.
    public static func firstForumDay(now: Date, count: Int = forumWeekCount) -> Day {
        Week(of: Day(utc: now)).monday.adding(days: -7 * (count - 1))
    }

    /// The last `count` ISO weeks (UTC), oldest first, every week present even when empty.
    /// Posts outside them are ignored.
    public static func forumWeeks(_ posts: [Post], learners: Set<Person.ID>, now: Date, count: Int = forumWeekCount) -> [ForumWeek] {
        let first = firstForumDay(now: now, count: count)
        let byWeek = Dictionary(grouping: posts) { Week(of: Day(utc: $0.at)).monday }
        return (0..<count).map { index in
            let week = Week(of: first.adding(days: 7 * index))
            let theirs = byWeek[week.monday] ?? []
            let threads = theirs.filter(\.opensThread).count
            return ForumWeek(week: week, threads: threads, replies: theirs.count - threads,
                             posters: Set(theirs.map(\.author).filter(learners.contains)).count)
        }
    }
}
