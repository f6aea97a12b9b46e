import Foundation
import Testing
@testable import Domain

@Suite struct ProgressTests {
    /// Builds an outline from a compact description: modules of activities, "R" for required.
    static func outline(_ spec: [[String]]) -> [(module: CourseModule, activities: [Activity])] {
        spec.enumerated().map { m, activities in
            let module = CourseModule(id: .init(UUID()), title: "M\(m + 1)", position: m, unlock: nil)
            return (module, activities.enumerated().map { a, flag in
                Activity(id: .init(UUID()), moduleID: module.id, kind: .lesson, title: "A\(m + 1).\(a + 1)",
                         estimatedMinutes: 10, required: flag == "R", position: a, due: nil)
            })
        }
    }

    static func states(_ outline: [(module: CourseModule, activities: [Activity])], done: [String]) -> [Activity.ID: ActivityState] {
        Dictionary(uniqueKeysWithValues: outline.flatMap(\.activities).filter { done.contains($0.title) }.map { ($0.id, .done) })
    }

    @Test(arguments: [
        // outline, done, course done/total, complete
        ([["-", "-"], ["-", "-"]], [], 0, 4, false),
        ([["-", "-"], ["-", "-"]], ["A1.1"], 1, 4, false),
        ([["-", "-"], ["-", "-"]], ["A1.1", "A1.2", "A2.1", "A2.2"], 4, 4, true),
        // with required activities, only they count
        ([["R", "-"], ["-", "R"]], ["A1.1"], 1, 2, false),
        ([["R", "-"], ["-", "R"]], ["A1.1", "A2.2"], 2, 2, true),
        ([["R", "-"], ["-", "R"]], ["A1.2", "A2.1"], 0, 2, false),
        ([], [], 0, 0, false),
        ([[], ["-"]], ["A2.1"], 1, 1, true),
    ])
    func courseCompletion(spec: [[String]], done: [String], expectedDone: Int, expectedTotal: Int, complete: Bool) {
        let outline = Self.outline(spec)
        let progress = CourseProgress(outline: outline, states: Self.states(outline, done: done))
        #expect(progress.course.done == expectedDone)
        #expect(progress.course.total == expectedTotal)
        #expect(progress.isComplete == complete)
    }

    @Test func modulesCountEveryActivityAndPercentRoundsDown() {
        let outline = Self.outline([["R", "-", "-"], ["-"]])
        let progress = CourseProgress(outline: outline, states: Self.states(outline, done: ["A1.1", "A1.2"]))
        #expect(progress.modules[outline[0].module.id] == .init(done: 2, total: 3))
        #expect(progress.modules[outline[0].module.id]?.percent == 66)
        #expect(progress.modules[outline[1].module.id]?.percent == 0)
        #expect(progress.course.percent == 100)
    }

    @Test func anAuthorAddingOrRemovingActivitiesKeepsWhatWasDone() {
        var outline = Self.outline([["-", "-"]])
        let states = Self.states(outline, done: ["A1.1", "A1.2"])
        #expect(CourseProgress(outline: outline, states: states).isComplete)
        // An activity added after the learner finished: not done, so no longer complete.
        let added = Activity(id: .init(UUID()), moduleID: outline[0].module.id, kind: .lesson, title: "new",
                             estimatedMinutes: 5, required: false, position: 2, due: nil)
        outline[0].activities.append(added)
        let afterAdding = CourseProgress(outline: outline, states: states)
        #expect(afterAdding.course == .init(done: 2, total: 3))
        #expect(!afterAdding.isComplete)
        // Removing a done activity: its state is ignored, the rest still counts.
        outline[0].activities.removeFirst()
        #expect(CourseProgress(outline: outline, states: states).course == .init(done: 1, total: 2))
    }

    @Test func resumeOpensTheLastVisitedOrTheNextNotDone() {
        let outline = Self.outline([["-", "-"], ["-", "-"]])
        let ids = outline.flatMap(\.activities).map(\.id)
        let open: (CourseModule) -> Bool = { _ in true }
        #expect(CourseProgress.resume(outline: outline, states: [:], lastVisited: nil, isOpen: open) == ids[0])
        #expect(CourseProgress.resume(outline: outline, states: [:], lastVisited: ids[2], isOpen: open) == ids[2])
        let done = Self.states(outline, done: ["A1.1", "A2.1"])
        #expect(CourseProgress.resume(outline: outline, states: done, lastVisited: ids[2], isOpen: open) == ids[3])
        #expect(CourseProgress.resume(outline: outline, states: done, lastVisited: nil, isOpen: open) == ids[1])
        let all = Self.states(outline, done: ["A1.1", "A1.2", "A2.1", "A2.2"])
        #expect(CourseProgress.resume(outline: outline, states: all, lastVisited: ids[3], isOpen: open) == nil)
        // Locked modules are skipped.
        let firstOnly: (CourseModule) -> Bool = { $0.position == 0 }
        #expect(CourseProgress.resume(outline: outline, states: Self.states(outline, done: ["A1.1", "A1.2"]),
                                      lastVisited: nil, isOpen: firstOnly) == nil)
    }

    @Test func reorderingSwapsNeighboursAndRenumbers() {
        #expect(Reordering.move("b", .up, in: ["a", "b", "c"]) == ["b": 0, "a": 1, "c": 2])
        #expect(Reordering.move("b", .down, in: ["a", "b", "c"]) == ["a": 0, "c": 1, "b": 2])
        #expect(Reordering.move("a", .up, in: ["a", "b"]) == nil)
        #expect(Reordering.move("b", .down, in: ["a", "b"]) == nil)
        #expect(Reordering.move("x", .down, in: ["a", "b"]) == nil)
    }
}
