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

/// A cohort's trainers grade the calibration examples from the assignment's page, without the
/// course editor; facilitators, learners and other organizations cannot.
@Suite struct PeerCohortExampleTests {
    @Test func aTrainerGradesExamplesFromTheCohort() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            let fx = Fixtures(app: app)
            var tina = try await fx.signedIn(pc.trainer)
            let examples = pc.page + "/examples"
            let report = try await tina.get(pc.page)
            #expect(report.text.contains(examples) && report.text.contains("Examples for calibration</a> (0 of 3)"))
            let page = try await tina.get(examples)
            #expect(page.status == .ok && page.text.contains("Calibration is off for this assignment"))
            let refused = try await tina.post(examples, ["example_text": "A trainer's example.", "c0": "1"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Pick your level for every criterion"))
            #expect(try await PeerExampleRecord.query(on: app.db).count() == 0)
            let added = try await tina.post(examples, ["example_text": "A *graded* case.", "c0": "1", "c1": "2", "overall": "Fair, with some evidence."])
            #expect(added.status == .seeOther && added.location == examples)
            let example = try #require(try await PeerExampleRecord.query(on: app.db).first())
            #expect(example.activityID == pc.activity.id && example.assessment?.levels == [1, 2])
            #expect(try await tina.get(examples).text.contains("<em>graded</em>"))
            // Learners, facilitators and strangers: 404, nothing changes.
            let lea = try await fx.signedIn(pc.learners[0])
            let fay = try await fx.person("fay@acme.test", name: "Fay Facilitator", in: pc.c.org, roles: [.facilitator])
            try await fx.enroll(fay, in: pc.c.cohort, as: .facilitator)
            let fayBrowser = try await fx.signedIn(fay)
            let other = try await fx.organization("Globex")
            let sam = try await fx.signedIn(try await fx.person("sam@globex.test", name: "Sam", in: other, roles: [.admin, .trainer]))
            let delete = examples + "/\(example.id!.lowercased)/delete"
            for browser in [lea, fayBrowser, sam] {
                var b = browser
                #expect(try await b.get(examples).status == .notFound)
                #expect(try await b.post(examples, ["example_text": "Mine", "c0": "0", "c1": "0"]).status == .notFound)
                #expect(try await b.post(delete, [:]).status == .notFound)
            }
            #expect(try await PeerExampleRecord.query(on: app.db).count() == 1)
            #expect(try await tina.post(delete, [:]).status == .seeOther)
            #expect(try await PeerExampleRecord.query(on: app.db).count() == 0)
        }
    }

    /// An example a learner assessed stays, from the cohort and from the editor: every cohort's
    /// calibration results and reviewer weights rest on it.
    @Test func anAssessedExampleCannotBeDeleted() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            let fx = Fixtures(app: app)
            var tina = try await fx.signedIn(pc.trainer), lea = try await fx.signedIn(pc.learners[0])
            let examples = pc.page + "/examples"
            _ = try await tina.post(examples, ["example_text": "A graded case.", "c0": "1", "c1": "2", "overall": "Fair, with some evidence."])
            let record = try await PeerAssignmentAuthoring.record(of: pc.activity.id!, on: app.db)
            var settings = record.settings
            settings.requiresCalibration = true
            try record.apply(settings)
            try await record.save(on: app.db)
            _ = try await pc.submit(&lea, "Lea's work")
            let example = try #require(try await PeerExampleRecord.query(on: app.db).first())
            #expect(try await lea.post(pc.page + "/calibration", ["example_id": example.id!.lowercased, "c0": "1", "c1": "2"]).status == .seeOther)
            let refused = try await tina.post(examples + "/\(example.id!.lowercased)/delete", [:])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Learners have assessed this example"))
            let author = try await fx.person("ana@acme.test", name: "Ana Author", in: pc.c.org, roles: [.author])
            var ana = try await fx.signedIn(author)
            let editor = "/orgs/\(pc.c.org.id!.lowercased)/courses/\(pc.c.course.id!.lowercased)/activities/\(pc.activity.id!.lowercased)"
            #expect(try await ana.post(editor + "/examples/\(example.id!.lowercased)/delete", [:]).status == .unprocessableEntity)
            #expect(try await PeerExampleRecord.query(on: app.db).count() == 1)
            #expect(try await PeerCalibrationRecord.query(on: app.db).count() == 1, "Lea's attempt is kept")
        }
    }
}
