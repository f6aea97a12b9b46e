@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// A trainer grades an example; learners assess it before reviewing peers and pass within one
/// level per criterion, then see the trainer's assessment.
@Suite struct PeerCalibrationTests {
    @Test func learnersCalibrateOnTheTrainersExampleBeforeReviewing() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            let author = try await Fixtures(app: app).person("ana@acme.test", name: "Ana Author", in: pc.c.org, roles: [.author])
            var ana = try await Fixtures(app: app).signedIn(author)
            let editor = "/orgs/\(pc.c.org.id!.lowercased)/courses/\(pc.c.course.id!.lowercased)/activities/\(pc.activity.id!.lowercased)"
            // A refused example: no level for the second criterion.
            let refused = try await ana.post(editor + "/examples", ["example_text": "An example case.", "c0": "2"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Pick your level for every criterion"))
            #expect(try await PeerExampleRecord.query(on: app.db).count() == 0)
            let added = try await ana.post(editor + "/examples", ["example_text": "An *example* case.", "c0": "2", "c1": "1",
                                                                  "overall": "Clear, but thin on evidence."])
            #expect(added.status == .seeOther)
            let record = try await PeerAssignmentAuthoring.record(of: pc.activity.id!, on: app.db)
            var settings = record.settings
            settings.requiresCalibration = true
            try record.apply(settings)
            try await record.save(on: app.db)

            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            var bo = try await Fixtures(app: app).signedIn(pc.learners[1])
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            #expect(try await lea.get(pc.page).text.contains("Assess the example"))
            let early = try await lea.post(pc.page + "/reviews", [:])
            #expect(early.status == .unprocessableEntity && early.text.contains("Assess the example first"))
            let calibration = pc.page + "/calibration"
            let form = try await lea.get(calibration)
            #expect(form.status == .ok && form.text.contains("<em>example</em>"))
            #expect(!form.text.contains("thin on evidence"), "the trainer's assessment comes after")
            let example = try #require(try await PeerExampleRecord.query(on: app.db).first())
            // Two levels off on the first criterion: not passed.
            let missed = try await lea.post(calibration, ["example_id": example.id!.lowercased, "c0": "0", "c1": "1"])
            let result = try await lea.get(try #require(missed.location))
            #expect(result.text.contains("Not yet") && result.text.contains("too far"))
            #expect(!result.text.contains("thin on evidence"), "the trainer's levels and comment only once passed")
            #expect(try await pc.pull(&lea) == nil)
            // Within one level everywhere: passed.
            let passed = try await lea.post(calibration, ["example_id": example.id!.lowercased, "c0": "1", "c1": "2"])
            let shown = try await lea.get(try #require(passed.location))
            #expect(shown.text.contains("Passed") && shown.text.contains("thin on evidence"))
            // Her weight's prior comes from the first attempt, not the one after the hint.
            let place = try await PeerReviewEdgeTests.place(pc, app)
            #expect(try await PeerCalibration.closeness(in: place, on: app.db)[pc.learners[0].id!]! < 0.9)
            #expect(try await pc.pull(&lea) != nil)
            // Bad input: an unknown example, a missing level.
            #expect(try await bo.post(calibration, ["example_id": UUID().uuidString, "c0": "1", "c1": "1"]).status == .notFound)
            #expect(try await bo.post(calibration, ["example_id": example.id!.lowercased, "c0": "1"]).status == .unprocessableEntity)
            #expect(try await PeerCalibrationRecord.query(on: app.db).filter(\.$personID == pc.learners[1].id!).count() == 0)
        }
    }

    @Test func withoutCalibrationThereIsNoCalibrationPage() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            #expect(try await lea.get(pc.page + "/calibration").status == .notFound)
        }
    }
}
