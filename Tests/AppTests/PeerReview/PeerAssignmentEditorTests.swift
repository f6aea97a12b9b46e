@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Authors add a peer assignment from the module form and write its rubric; a wrong rubric is
/// shown again with what is wrong, and nothing is saved.
@Suite struct PeerAssignmentEditorTests {
    @Test func anAuthorAddsAPeerAssignmentAndWritesItsRubric() async throws {
        try await withApp { app in
            let c = try await LearningTests.classroom(app)
            let author = try await Fixtures(app: app).person("ana@acme.test", in: c.org, roles: [.author])
            var ana = try await Fixtures(app: app).signedIn(author)
            let coursePath = "/orgs/\(c.org.id!.lowercased)/courses/\(c.course.id!.lowercased)"
            let module = c.lessons[0].$module.id.lowercased
            let added = try await ana.post(coursePath + "/modules/\(module)/activities", ["title": "Your case", "kind": "peer_assignment"])
            let editor = try #require(added.location)
            let page = try await ana.get(editor)
            #expect(page.status == .ok && page.text.contains("Peer assignment in “M1”"))
            #expect(page.text.contains("Understanding of the problem"), "the starter rubric, to adapt")
            var fields = ["title": "Your case", "estimated_minutes": "40", "instructions": "Tell us **your** case.",
                          "submission_kind": "text", "reviews_required": "3", "review_days": "5", "lease_hours": "12", "push_hours": "24",
                          "overall_minimum": "20", "anonymous": "on", "accepts_late": "on",
                          "c0_title": "Clarity", "c0_l0_points": "0", "c0_l0_text": "Unclear", "c0_l1_points": "2", "c0_l1_text": "Clear",
                          "c0_comment": "on",
                          // A blank criterion in between is dropped.
                          "c2_title": "Evidence", "c2_l0_points": "3", "c2_l0_text": "Strong", "c2_l1_points": "0", "c2_l1_text": "None"]
            let saved = try await ana.post(editor, fields)
            #expect(saved.status == .seeOther)
            let activity = try #require(try await ActivityRecord.query(on: app.db).filter(\.$kind == .peerAssignment).first())
            let settings = try await PeerReviewStore.settings(of: activity.id!, on: app.db)
            #expect(settings.rubric.criteria.map(\.title) == ["Clarity", "Evidence"])
            #expect(settings.rubric.criteria[1].levels.map(\.points) == [0, 3], "levels sorted from worst to best")
            #expect(settings.reviewsRequired == 3 && settings.reviewDays == 5 && settings.leaseHours == 12 && settings.pushHours == 24)
            #expect(settings.anonymous && settings.acceptsLate && !settings.asksSelfAssessment)
            #expect(settings.rubric.criteria[1].asksComment == false && settings.rubric.criteria[0].asksComment)
            // Wrong: one level only, two levels worth the same, k = 0, a level without points.
            for (change, message) in [
                (["c2_l1_points": "", "c2_l1_text": ""], "give each criterion 2 to"),
                (["c2_l1_points": "3"], "each level needs its own number of points"),
                (["reviews_required": "0"], "Ask for 1 to 10 reviews"),
                (["c0_l1_points": ""], "Criterion 1, level 2: points is required"),
                (["c0_title": "", "c0_l0_text": "Unclear"], "Criterion 1: title is required"),
                (["submission_kind": "video"], "Choose what learners hand in"),
            ] as [([String: String], String)] {
                let refused = try await ana.post(editor, fields.merging(change) { $1 })
                #expect(refused.status == .unprocessableEntity, "\(change)")
                #expect(refused.text.contains(message), "\(change)")
                #expect(try await PeerReviewStore.settings(of: activity.id!, on: app.db) == settings, "nothing saved")
            }
            fields["submission_kind"] = "files"
            #expect(try await ana.post(editor, fields).status == .seeOther)
            #expect(try await PeerReviewStore.settings(of: activity.id!, on: app.db).submissionKind == .files)
            #expect(try await ana.get(editor).text.contains(#"value="files" checked"#))
            fields["c0_title"] = "<script>alert(1)</script>"
            _ = try await ana.post(editor, fields)
            #expect(!(try await ana.get(editor).text.contains("<script>alert(1)")))
            // Duplicating the course copies the rubric.
            _ = try await ana.post(coursePath + "/duplicate", [:])
            let copies = try await ActivityRecord.query(on: app.db).filter(\.$kind == .peerAssignment).all()
            #expect(copies.count == 2)
            let copy = try #require(copies.first { $0.id != activity.id })
            #expect(try await PeerReviewStore.settings(of: copy.id!, on: app.db).rubric.criteria.first?.title == "<script>alert(1)</script>")
        }
    }
}

/// Work handed in is assessed on the saved rubric: its criteria and levels can no longer be added
/// or removed (which would make earlier assessments point at levels that are gone).
@Suite struct PeerRubricLockTests {
    @Test func theRubricsShapeIsLockedOnceWorkIsHandedIn() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            _ = try await pc.submit(&lea, "Lea's work")
            let author = try await Fixtures(app: app).person("ana@acme.test", in: pc.c.org, roles: [.author])
            var ana = try await Fixtures(app: app).signedIn(author)
            let editor = "/orgs/\(pc.c.org.id!.lowercased)/courses/\(pc.c.course.id!.lowercased)/activities/\(pc.activity.id!.lowercased)"
            var fields = ["title": "Your case", "estimated_minutes": "30", "reviews_required": "1", "overall_minimum": "10",
                          "c0_title": "Clarity", "c0_l0_points": "0", "c0_l1_points": "1", "c0_l2_points": "2",
                          "c1_title": "Evidence", "c1_l0_points": "0", "c1_l1_points": "2"]
            let refused = try await ana.post(editor, fields)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("can no longer change"))
            #expect(try await PeerReviewStore.settings(of: pc.activity.id!, on: app.db).rubric == PeerClass.rubric)
            fields["c1_l2_points"] = "5"
            fields["c1_title"] = "Evidence and numbers"
            #expect(try await ana.post(editor, fields).status == .seeOther, "titles and points may change")
            #expect(try await PeerReviewStore.settings(of: pc.activity.id!, on: app.db).rubric.criteria[1].title == "Evidence and numbers")
        }
    }
}
