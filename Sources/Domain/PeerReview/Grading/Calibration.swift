import Foundation

/// Calibration: before reviewing peers, a learner assesses one of the trainer's graded examples,
/// then sees the trainer's assessment.
public enum Calibration {
    /// Passes when every criterion is within one level of the trainer's (exact agreement is not
    /// asked: neighbouring levels are a matter of judgement). Assessments of different lengths
    /// never pass.
    public static func passes(_ levels: [Int], against trainer: [Int]) -> Bool {
        levels.count == trainer.count && zip(levels, trainer).allSatisfy { abs($0 - $1) <= 1 }
    }

    /// 0...1 closeness (1 = same levels everywhere), scored exactly like a review's accuracy
    /// against the trainer (`PeerGrading.accuracy(of:against:in:)` divided by 100). Grading uses
    /// it as a prior for the reviewer's weight: 1 makes them start as twice as reliable as an
    /// uncalibrated reviewer, 0 half as reliable, and their actual reviews soon outweigh it.
    /// Malformed assessments (wrong length, levels out of range) score 0.
    public static func closeness(_ levels: [Int], against trainer: [Int], rubric: Rubric) -> Double {
        let scale = GradingScale(rubric)
        guard let mine = scale.points(levels), let theirs = scale.points(trainer),
              let accuracy = PeerGrading.accuracy(of: mine, against: theirs, on: scale)
        else { return 0 }
        return accuracy / 100
    }
}
