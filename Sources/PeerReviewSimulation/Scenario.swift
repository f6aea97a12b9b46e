import Domain
import Foundation

/// The peer assignment every simulated cohort runs: its rubric, its settings and its timeline.
struct Scenario {
    /// Four criteria, each of four levels worth 0–3 points like the starter rubric's.
    let rubric = Rubric(criteria: (1...4).map { c in
        Rubric.Criterion(title: "Criterion \(c)", levels: (0...3).map { Rubric.Level(points: $0, description: "") })
    })
    /// k = 3, reviews due 7 days after the submission deadline, 24-hour leases, pushes in the last 48 hours.
    let settings: PeerAssignmentSettings
    let deadlines: PeerDeadlines
    /// Submissions arrive uniformly over the `submissionDays` before the submission deadline.
    let submissionDays = 3.0
    /// Push runs: every hour from the push window's start; after the review deadline they go on
    /// (to the staff only) for `graceHours`, and grading reads every review completed by then.
    let tickHours = 1.0
    let graceHours = 24.0
    /// Trainers of each cohort, who take every to-do pushed to them.
    let trainers = 2

    init(reviewsRequired: Int = 3) {
        settings = PeerAssignmentSettings(rubric: rubric, reviewsRequired: reviewsRequired, reviewDays: 7,
                                          leaseHours: 24, pushHours: 48)
        deadlines = PeerDeadlines(due: Day(year: 2027, month: 3, day: 1), settings: settings)
    }

    var k: Int { settings.reviewsRequired }
    var lease: TimeInterval { TimeInterval(settings.leaseHours) * 3600 }
    var pushWindow: TimeInterval { TimeInterval(settings.pushHours) * 3600 }
    var submissionDeadline: Date { deadlines.submission! }
    var reviewDeadline: Date { deadlines.review! }
    /// When submissions open: `submissionDays` before the submission deadline.
    var opening: Date { submissionDeadline - submissionDays * 86_400 }
    /// The last push run and the end of the simulation.
    var end: Date { reviewDeadline + graceHours * 3600 }
}
