import Domain
import Foundation

/// The figures of every run of one cohort size, added up.
struct Tally {
    /// What the first 3 reviews of a submission held, by the worst reviewer among them.
    enum Exposure: String, CaseIterable {
        case careful = "careful or staff only"
        case noisy = "a noisy one"
        case biased = "a lenient or harsh one"
        case rogue = "a rogue one"
    }

    /// Submissions by the number of reviews they had at the end.
    enum Depth: String, CaseIterable {
        case few = "1–2"
        case three = "3"
        case four = "4"
        case more = "5 or more"

        init(_ reviews: Int) {
            switch reviews {
            case ...2: self = .few
            case 3: self = .three
            case 4: self = .four
            default: self = .more
            }
        }
    }

    let size: Int
    var runs = 0
    var errors: [Method: ErrorSums] = [:]
    var byDepth: [Depth: [Method: ErrorSums]] = [:]
    var byExposure: [Exposure: [Method: ErrorSums]] = [:]
    var submissions = 0
    var depthCounts: [Depth: Int] = [:]
    var exposureCounts: [Exposure: Int] = [:]
    /// Submissions at k completed reviews at the review deadline, and at the end: toward k as
    /// allocation counts (a staff review `PeerAllocation.staffReviewWorth`), and literally (every
    /// review 1), so that the rule hides nothing.
    var atKByDeadline = 0
    var atKAtEnd = 0
    var atKByDeadlineLiteral = 0
    var atKAtEndLiteral = 0
    var shortWithLease = 0
    var shortWithoutReviewer = 0
    var ungraded = 0
    var reviews = 0
    var staffReviews = 0
    var staffMax = 0
    var earlyStaff = 0
    /// Staff reviews of submissions that ended at k without them (toward k, less their worth).
    var staffNotNeeded = 0
    var volunteerPushes = 0
    var volunteerReviews = 0
    /// Completed peer reviews per present reviewer (neither absent nor a dropout).
    var present = 0
    var load = 0
    var loadSquares = 0
    var loadMax = 0
    /// Present reviewers who completed at least k.
    var shareDone = 0

    init(size: Int) { self.size = size }

    mutating func add(_ outcome: CohortOutcome, scenario: Scenario) {
        runs += 1
        let grades = Method.grades(of: outcome, rubric: scenario.rubric)
        let atDeadline = outcome.towardK(at: scenario.reviewDeadline)
        let atEnd = outcome.towardK(at: .distantFuture)
        let literalAtDeadline = outcome.counts(at: scenario.reviewDeadline)
        let literalAtEnd = outcome.counts(at: .distantFuture)
        let firstThree = Dictionary(grouping: outcome.reviews, by: \.author).mapValues { Array($0.prefix(3)) }
        for (author, learner) in outcome.learners.enumerated() {
            submissions += 1
            if atDeadline[author] >= scenario.k { atKByDeadline += 1 }
            if atEnd[author] >= scenario.k { atKAtEnd += 1 }
            if literalAtDeadline[author] >= scenario.k { atKByDeadlineLiteral += 1 }
            if literalAtEnd[author] >= scenario.k { atKAtEndLiteral += 1 }
            reviews += literalAtEnd[author]
            let depth = Depth(literalAtEnd[author])
            let exposure = Self.exposure(of: firstThree[author] ?? [])
            let truth = zip(learner.truth, scenario.rubric.criteria).map { Double($1.levels[$0].points) }
            guard grades[.atelier]?[author] != nil else {
                ungraded += 1
                continue
            }
            depthCounts[depth, default: 0] += 1
            exposureCounts[exposure, default: 0] += 1
            for method in Method.allCases {
                guard let grade = grades[method]?[author] else { continue }
                errors[method, default: ErrorSums()].add(grade, truth: truth)
                byDepth[depth, default: [:]][method, default: ErrorSums()].add(grade, truth: truth)
                byExposure[exposure, default: [:]][method, default: ErrorSums()].add(grade, truth: truth)
            }
        }
        let staff = outcome.reviews.filter(\.byStaff).count
        staffNotNeeded += outcome.reviews.filter {
            $0.byStaff && atEnd[$0.author] - PeerAllocation.staffReviewWorth >= scenario.k
        }.count
        staffReviews += staff
        staffMax = max(staffMax, staff)
        earlyStaff += outcome.earlyStaff
        shortWithLease += outcome.shortWithLease
        shortWithoutReviewer += outcome.shortWithoutReviewer
        volunteerPushes += outcome.volunteerPushes
        volunteerReviews += outcome.volunteerReviews
        for (learner, done) in zip(outcome.learners, outcome.peerReviews) where learner.reviews {
            present += 1
            load += done
            loadSquares += done * done
            loadMax = max(loadMax, done)
            if done >= scenario.k { shareDone += 1 }
        }
    }

    static func exposure(of reviews: [CompletedReview]) -> Exposure {
        let kinds = Set(reviews.compactMap(\.kind))
        if kinds.contains(.rogue) { return .rogue }
        if kinds.contains(.lenient) || kinds.contains(.harsh) { return .biased }
        if kinds.contains(.noisy) { return .noisy }
        return .careful
    }

    func rmse(_ method: Method) -> Double? { errors[method]?.rmse }

    /// How much lower Atelier's RMSE is than the median of the first 3 (0.25 = 25 % lower).
    var reduction: Double? {
        guard let baseline = rmse(.medianOfFirstThree), let atelier = rmse(.atelier), baseline > 0 else { return nil }
        return 1 - atelier / baseline
    }

    var loadMean: Double { present > 0 ? Double(load) / Double(present) : 0 }

    var loadDeviation: Double {
        guard present > 1 else { return 0 }
        let mean = loadMean
        return ((Double(loadSquares) - Double(present) * mean * mean) / Double(present - 1)).squareRoot()
    }

    /// Adds another tally's figures (for the overall line).
    mutating func merge(_ other: Tally) {
        runs += other.runs
        for method in Method.allCases {
            errors[method, default: ErrorSums()].squares += other.errors[method]?.squares ?? 0
            errors[method, default: ErrorSums()].count += other.errors[method]?.count ?? 0
        }
        submissions += other.submissions
        atKByDeadline += other.atKByDeadline
        atKAtEnd += other.atKAtEnd
        atKByDeadlineLiteral += other.atKByDeadlineLiteral
        atKAtEndLiteral += other.atKAtEndLiteral
        ungraded += other.ungraded
    }
}
