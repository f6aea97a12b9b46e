import Domain
import Foundation

/// The printed figures: a table per cohort size, then the overall line against the issue's
/// targets and a one-line summary.
enum Report {
    /// Atelier's RMSE must be at least this much below the median of the first 3.
    static let targetReduction = 0.25

    static func size(_ tally: Tally, k: Int) -> String {
        var lines = ["", "## Cohorts of \(tally.size) learners: \(tally.runs) runs, \(tally.submissions) submissions, k = \(k)", ""]
        lines.append("| method | RMSE (points per criterion) | vs median of first 3 |")
        lines.append("|---|---:|---:|")
        let baseline = tally.rmse(.medianOfFirstThree)
        for method in Method.allCases {
            let change = method == .medianOfFirstThree ? "" : relative(tally.rmse(method), baseline)
            lines.append("| \(method.rawValue) | \(number(tally.rmse(method), 3)) | \(change) |")
        }
        lines += [""] + process(tally) + [""]
        let graded = tally.submissions - tally.ungraded
        lines += breakdown("reviews at the end", Tally.Depth.allCases.map {
            ($0.rawValue, tally.depthCounts[$0] ?? 0, tally.byDepth[$0])
        }, total: graded)
        lines.append("")
        lines += breakdown("first 3 reviews hold", Tally.Exposure.allCases.map {
            ($0.rawValue, tally.exposureCounts[$0] ?? 0, tally.byExposure[$0])
        }, total: graded)
        return lines.joined(separator: "\n")
    }

    /// How the reviews came about: reviews per submission, k by the deadline (toward k as
    /// allocation counts, a staff review 2, then literally), the load.
    static func process(_ tally: Tally) -> [String] {
        let depths = Tally.Depth.allCases.map { "\($0.rawValue): \(percent(tally.depthCounts[$0] ?? 0, of: tally.submissions))" }
        let perCohort = { (count: Int) in number(ratio(count, tally.runs), 2) }
        return [
            "- reviews per submission (peer and staff): mean \(number(ratio(tally.reviews, tally.submissions), 2)) "
                + "(\(depths.joined(separator: ", "))); ungraded: \(tally.ungraded)",
            "- k reviews by the review deadline (a staff review counting \(PeerAllocation.staffReviewWorth)): "
                + "\(percent(tally.atKByDeadline, of: tally.submissions, digits: 2)) "
                + "(short: \(tally.shortWithoutReviewer) already reviewed by both trainers, "
                + "\(tally.shortWithLease) held by a peer's lease past the last push run); at the end of the 24 h grace: "
                + "\(percent(tally.atKAtEnd, of: tally.submissions, digits: 2)) (\(tally.submissions - tally.atKAtEnd) short)",
            "- k reviews counting every review 1: by the review deadline "
                + "\(percent(tally.atKByDeadlineLiteral, of: tally.submissions, digits: 2)), at the end of the grace "
                + "\(percent(tally.atKAtEndLiteral, of: tally.submissions, digits: 2)) (\(tally.submissions - tally.atKAtEndLiteral) short)",
            "- peer reviews per present reviewer: mean \(number(tally.loadMean, 2)), sd \(number(tally.loadDeviation, 2)), "
                + "max \(tally.loadMax); present: \(percent(tally.present, of: tally.submissions)) of learners, "
                + "\(percent(tally.shareDone, of: tally.present)) of them completed k",
            "- staff reviews per cohort: mean \(perCohort(tally.staffReviews)), max \(tally.staffMax), "
                + "\(percent(tally.earlyStaff, of: tally.staffReviews)) of them pushed before the staff phase (no volunteer qualified), "
                + "\(percent(tally.staffNotNeeded, of: tally.staffReviews)) on work that reached k without them; "
                + "volunteer pushes per cohort: \(perCohort(tally.volunteerPushes)), completed: \(perCohort(tally.volunteerReviews))",
        ]
    }

    /// RMSE of each method over one slice of the graded submissions.
    static func breakdown(_ title: String, _ rows: [(String, Int, [Method: ErrorSums]?)], total: Int) -> [String] {
        var lines = ["| \(title) | share | " + Method.allCases.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|---:|" + String(repeating: "---:|", count: Method.allCases.count)]
        for (label, count, sums) in rows where count > 0 {
            let cells = Method.allCases.map { number(sums?[$0]?.rmse, 3) }
            lines.append("| \(label) | \(percent(count, of: total)) | " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// The overall figures, the verdict on each target and the one-line summary.
    static func overall(_ tallies: [Tally], options: Options) -> String {
        var all = Tally(size: 0)
        for tally in tallies { all.merge(tally) }
        let perSize = tallies.map { "\($0.size): \(percent($0.reduction))" }.joined(separator: ", ")
        let rmseMet = tallies.allSatisfy { ($0.reduction ?? -1) >= targetReduction }
        let coverageMet = all.atKByDeadline == all.submissions
        let rmses = Method.allCases.map { number(all.rmse($0), 3) }.joined(separator: " / ")
        let lines = [
            "", "## Overall: \(all.runs) cohorts, \(all.submissions) submissions", "",
            "- RMSE (median of first 3 / mean of all / Atelier): \(rmses); Atelier \(percent(all.reduction)) below "
                + "the median of first 3 (per size: \(perSize))",
            "- target: Atelier's RMSE ≥ 25 % below the median of first 3, at every size: \(verdict(rmseMet))",
            "- target: 100 % of submissions at k reviews by the deadline (staff ones included, each counting "
                + "\(PeerAllocation.staffReviewWorth)): \(percent(all.atKByDeadline, of: all.submissions, digits: 2)): \(verdict(coverageMet))",
            "- every review counting 1 (not the target): \(percent(all.atKByDeadlineLiteral, of: all.submissions, digits: 2)) "
                + "at k by the deadline, \(percent(all.atKAtEndLiteral, of: all.submissions, digits: 2)) at the end of the grace",
            "",
            "summary: seed=\(options.seed) runs=\(options.runs) sizes=\(options.sizes.map(String.init).joined(separator: ",")) "
                + "rmse=\(rmses.replacingOccurrences(of: " ", with: "")) reduction=\(percent(all.reduction)) \(verdict(rmseMet)) "
                + "k-by-deadline=\(percent(all.atKByDeadline, of: all.submissions, digits: 2)) \(verdict(coverageMet)) "
                + "k-by-deadline-literal=\(percent(all.atKByDeadlineLiteral, of: all.submissions, digits: 2))",
        ]
        return lines.joined(separator: "\n")
    }

    static func verdict(_ met: Bool) -> String { met ? "PASS" : "FAIL" }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }

    static func number(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "–"
    }

    static func percent(_ count: Int, of total: Int, digits: Int = 1) -> String { percent(ratio(count, total), digits: digits) }

    /// A share below 1 never shows as 100 %: one short submission in 25,000 reads 99.99 %.
    static func percent(_ share: Double?, digits: Int = 1) -> String {
        guard let share else { return "–" }
        let shown = share < 1 ? min(100 * share, 100 - pow(10, -Double(digits))) : 100 * share
        return String(format: "%.\(digits)f %%", shown)
    }

    /// "−27.2 %" when `value` is 27.2 % below `baseline`.
    static func relative(_ value: Double?, _ baseline: Double?) -> String {
        guard let value, let baseline, baseline > 0 else { return "–" }
        let change = 100 * (value / baseline - 1)
        return String(format: "%@%.1f %%", change < 0 ? "−" : "+", abs(change))
    }
}
