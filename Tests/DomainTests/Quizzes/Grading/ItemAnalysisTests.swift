import Testing
@testable import Domain

@Suite struct ItemAnalysisTests {
    typealias Item = ItemAnalysis.Item<String>

    /// Four graded attempts and one still waiting for a trainer, over four questions:
    /// q1 single choice (1 point, option 0 right), q2 short answer (1 point), q3 numerical
    /// (2 points), q4 (1 point) that everyone got right.
    ///
    ///            q1 (pick)   q2    q3     q4   total points
    ///     A1     1   (0)     1     1      1    1 + 1 + 2 + 1     = 5
    ///     A2     1   (0)     0     0.5    1    1 + 0 + 1 + 1     = 3
    ///     A3     0   (2)     0.5   0.5    1    0 + 0.5 + 1 + 1   = 2.5
    ///     A4     0   (1)     0     0.25   1    0 + 0 + 0.5 + 1   = 1.5
    ///     A5     0   (2)     -     pend.  1    pending: no facility or discrimination
    ///
    /// Facility (mean fraction × 100 over A1–A4): q1 2/4 = 50, q2 1.5/4 = 37.5,
    /// q3 2.25/4 = 56.25, q4 100.
    ///
    /// Discrimination, r(fraction, total − this question's points) × 100:
    /// - q1: f = [1, 1, 0, 0], rest = [4, 2, 2.5, 1.5], means 0.5 and 2.5;
    ///   deviations [.5, .5, -.5, -.5] and [1.5, -.5, 0, -1]; Σdf·dr = .75 − .25 + 0 + .5 = 1,
    ///   Σdf² = 1, Σdr² = 2.25 + .25 + 0 + 1 = 3.5; r = 1 / √3.5 = 0.534522… → 53.45.
    /// - q2: f = [1, 0, .5, 0], rest = [4, 3, 2, 1.5], means 0.375 and 2.625;
    ///   deviations [.625, -.375, .125, -.375] and [1.375, .375, -.625, -1.125];
    ///   Σdf·dr = .859375 − .140625 − .078125 + .421875 = 1.0625, Σdf² = .6875, Σdr² = 3.6875;
    ///   r = 1.0625 / √(.6875 × 3.6875) = 1.0625 / 1.592219 = 0.667308… → 66.73.
    /// - q3: f = [1, .5, .5, .25], rest = [3, 2, 1.5, 1], means 0.5625 and 1.875;
    ///   deviations [.4375, -.0625, -.0625, -.3125] and [1.125, .125, -.375, -.875];
    ///   Σdf·dr = .4921875 − .0078125 + .0234375 + .2734375 = .78125, Σdf² = .296875,
    ///   Σdr² = 2.1875; r = .78125 / √(.296875 × 2.1875) = .78125 / .805862 = 0.969458… → 96.95.
    /// - q4: everyone right, no variance: nil.
    ///
    /// Picks of q1 over all five attempts: option 0 twice, 1 once, 2 twice. q2 left unanswered once.
    static let attempts: [[Item]] = [
        [item("q1", 1, 1, .choice(0)), item("q2", 1, 1, .text("x")), item("q3", 2, 1, .number("1")), item("q4", 1, 1, .truth(true))],
        [item("q1", 1, 1, .choice(0)), item("q2", 1, 0, .text("x")), item("q3", 2, 0.5, .number("1")), item("q4", 1, 1, .truth(true))],
        [item("q1", 1, 0, .choice(2)), item("q2", 1, 0.5, .text("x")), item("q3", 2, 0.5, .number("1")), item("q4", 1, 1, .truth(true))],
        [item("q1", 1, 0, .choice(1)), item("q2", 1, 0, .text("x")), item("q3", 2, 0.25, .number("1")), item("q4", 1, 1, .truth(true))],
        [item("q1", 1, 0, .choice(2)), item("q2", 1, 0, nil), item("q3", 2, nil, .number("1")), item("q4", 1, 1, .truth(true))],
    ]

    static func item(_ key: String, _ points: Double, _ fraction: Double?, _ response: QuestionResponse?) -> Item {
        Item(key: key, points: points, fraction: fraction, response: response)
    }

    @Test(arguments: [
        // question, graded attempts, facility, discrimination
        ("q1", 4, 50.0, 53.452248),
        ("q2", 4, 37.5, 66.730837),
        ("q3", 4, 56.25, 96.945842),
        ("q4", 4, 100, nil),
    ] as [(String, Int, Double, Double?)])
    func handComputedExample(key: String, graded: Int, facility: Double, discrimination: Double?) throws {
        let stats = try #require(ItemAnalysis.analyse(Self.attempts)[key])
        #expect(stats.graded == graded)
        #expect(stats.facility == facility)
        if let discrimination {
            #expect(abs(try #require(stats.discrimination) - discrimination) < 1e-6)
        } else {
            #expect(stats.discrimination == nil)
        }
    }

    @Test func picksAndUnansweredCountEveryAttempt() throws {
        let analysis = ItemAnalysis.analyse(Self.attempts)
        #expect(analysis["q1"]?.picks == [0: 2, 1: 1, 2: 2])
        #expect(analysis["q1"]?.unanswered == 0)
        #expect(analysis["q2"]?.unanswered == 1)
        #expect(analysis["q2"]?.picks == [:])
        #expect(analysis.keys.sorted() == ["q1", "q2", "q3", "q4"])
    }

    @Test func multipleResponsePicksCountEachOption() {
        let attempts: [[Item]] = [
            [Self.item("m", 1, 1, .choices([0, 2]))], [Self.item("m", 1, 0, .choices([2]))], [Self.item("m", 1, 0, .choices([]))],
        ]
        #expect(ItemAnalysis.analyse(attempts)["m"]?.picks == [0: 1, 2: 2])
    }

    @Test(arguments: [
        // attempts as (q1 fraction, q2 fraction), discrimination of q1
        ([], nil),
        ([(1, 1)], nil),                  // one attempt: no correlation
        ([(1, 1), (0, 0)], 100),          // the strong got it, the weak did not
        ([(1, 0), (0, 1)], -100),         // the weak got it, the strong did not
        ([(1, 1), (1, 0)], nil),          // everyone right on q1
        ([(1, 1), (0, 1)], nil),          // the rest does not vary
    ] as [([(Double, Double)], Double?)])
    func discriminationEdges(fractions: [(Double, Double)], discrimination: Double?) {
        let attempts = fractions.map { [Self.item("q1", 1, $0.0, nil), Self.item("q2", 1, $0.1, nil)] }
        #expect(ItemAnalysis.analyse(attempts)["q1"]?.discrimination == discrimination)
    }

    @Test func anItemOnlyInPendingAttemptsHasNoFacility() throws {
        let attempts: [[Item]] = [[Self.item("essay", 5, nil, .text("…")), Self.item("q", 1, 1, .choice(0))]]
        let stats = try #require(ItemAnalysis.analyse(attempts)["q"])
        #expect(stats.graded == 0)
        #expect(stats.facility == nil)
        #expect(stats.picks == [0: 1])
    }

    @Test func aKeyTwiceInOneAttemptCountsOnce() throws {
        let attempts: [[Item]] = [[Self.item("q", 1, 1, .choice(0)), Self.item("q", 1, 0, .choice(1))]]
        let stats = try #require(ItemAnalysis.analyse(attempts)["q"])
        #expect(stats.facility == 100)
        #expect(stats.picks == [0: 1])
    }

    @Test func restTotalsDifferingOnlyInTheLastBitDoNotVary() {
        #expect(ItemAnalysis.correlation([0, 1], [0.1 + 0.2 - 0.2, 0.1]) == nil)
        #expect(ItemAnalysis.correlation([0, 1, 0.5], [1, 2, 1.5]).map { abs($0 - 1) < 1e-12 } == true)
    }
}
