@testable import App
import Domain
import Fluent
import Foundation
import Testing
import VaporTesting

/// Learners hand in files (documents, images) with or instead of text: kept in the blob store,
/// changeable until reviewing starts, served to their reviewers under names that do not give
/// the author away, to staff under their own, and to nobody else.
@Suite struct PeerWorkFileTests {
    /// The file's link on a page: `/orgs/…/peer-files/<id>/<name>`.
    private func link(in html: String) throws -> String {
        let range = try #require(html.range(of: #"/orgs/[0-9a-f-]+/cohorts/[0-9a-f-]+/peer-files/[0-9a-f-]+/[^"]+"#, options: .regularExpression))
        return String(html[range])
    }

    @Test func reviewersDownloadTheFilesUnderNamesThatDoNotGiveTheAuthorAway() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1, kind: .files)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(pc.learners[0]), bo = try await fx.signedIn(pc.learners[1])
            var cy = try await fx.signedIn(pc.learners[2]), tina = try await fx.signedIn(pc.trainer)
            let intro = try await lea.get(pc.page)
            #expect(intro.text.contains("Add a file") && intro.text.contains("Hand in") && !intro.text.contains(#"name="text""#))
            // Nothing to hand in yet: a clear refusal, no submission.
            let empty = try await pc.submit(&lea, "")
            #expect(empty.status == .unprocessableEntity && empty.text.contains("Add at least one file"))
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 0)
            let added = try await pc.addFile(&lea, Samples.pdf, named: "lea-martin-case.pdf")
            #expect(added.status == .seeOther)
            let draft = try await lea.get(pc.page)
            #expect(draft.text.contains("lea-martin-case.pdf") && draft.text.contains("stay private until you hand in"))
            // Not handed in yet: only its author may download it.
            let leaLink = try link(in: draft.text)
            #expect(try await tina.get(leaLink).status == .notFound)
            // Nobody removes someone else's file through their own work.
            let leaFile = try #require(try await pc.files(on: app.db).first)
            #expect(try await cy.post(pc.page + "/submission/files/\(leaFile.id!.lowercased)/delete", [:]).status == .notFound)
            #expect(try await pc.submit(&lea, "").status == .seeOther)
            #expect(try await PeerSubmissionRecord.query(on: app.db).first()?.text == "")
            _ = try await pc.addFile(&bo, Samples.png, named: "bo-brown-diagram.png")
            _ = try await pc.submit(&bo, "")
            // Bo reviews Lea's work (the only one he may): the file is there, named neutrally.
            let path = try #require(try await pc.pull(&bo))
            let form = try await bo.get(path)
            #expect(form.text.contains("work-file-1.pdf") && !form.text.contains("lea-martin"))
            let download = try await bo.get(try link(in: form.text))
            #expect(download.status == .ok && Array(download.body.readableBytesView) == Samples.pdf)
            let disposition = download.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.contains("work-file-1.pdf") && !disposition.contains("lea"))
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            // Cy, who was not given the work, and a stranger from another organization: 404.
            #expect(try await cy.get(leaLink).status == .notFound)
            let other = try await fx.organization("Globex")
            var sam = try await fx.signedIn(try await fx.person("sam@globex.test", name: "Sam", in: other, roles: [.admin, .trainer]))
            #expect(try await sam.get(leaLink).status == .notFound)
            // The trainer sees the name it was uploaded with.
            let staff = try await tina.get(leaLink)
            #expect(staff.status == .ok && (staff.headers.first(name: .contentDisposition) ?? "").contains("lea-martin-case.pdf"))
            // Reviewing has started: the work no longer changes, and nothing is stored or removed.
            let removed = try await lea.post(pc.page + "/submission/files/\(leaFile.id!.lowercased)/delete", [:])
            #expect(removed.status == .unprocessableEntity && removed.text.contains("Reviewing has started"))
            let more = try await pc.addFile(&lea, Samples.pdf, named: "more.pdf")
            #expect(more.status == .unprocessableEntity)
            #expect(try await pc.files(on: app.db).count == 2)
        }
    }

    @Test func refusedFilesAreExplainedAndNothingIsKept() async throws {
        try await withApp(configure: { $0.uploadLimits = UploadLimits(videoBytes: 1_000_000, otherBytes: 4_000) }) { app in
            let pc = try await PeerClass.make(app, kind: .textAndFiles)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            let markup = try await pc.addFile(&lea, Samples.html, named: "page.html")
            #expect(markup.status == .unprocessableEntity && markup.text.contains("can carry scripts"))
            let video = try await pc.addFile(&lea, Samples.webm, named: "pitch.webm")
            #expect(video.status == .unprocessableEntity && video.text.contains("other files are refused"))
            let big = try await pc.addFile(&lea, Array(repeating: 0x41, count: 5_000), named: "notes.txt")
            #expect(big.status == .payloadTooLarge && big.text.contains("too large"))
            #expect(try await pc.files(on: app.db).isEmpty)
            for n in 0..<PeerReviewLimits.filesPerSubmission {
                #expect(try await pc.addFile(&lea, Array("Note \(n)\n".utf8), named: "note-\(n).txt").status == .seeOther)
            }
            let sixth = try await pc.addFile(&lea, Array("One more\n".utf8), named: "extra.txt")
            #expect(sixth.status == .unprocessableEntity && sixth.text.contains("at most \(PeerReviewLimits.filesPerSubmission) files"))
            #expect(try await pc.files(on: app.db).count == PeerReviewLimits.filesPerSubmission)
            // Text and files: files alone are enough, and the last file of work without text stays.
            #expect(try await pc.submit(&lea, "  ").status == .seeOther)
            let files = try await pc.files(on: app.db)
            for file in files.dropLast() {
                #expect(try await lea.post(pc.page + "/submission/files/\(file.id!.lowercased)/delete", [:]).status == .seeOther)
            }
            let last = try await lea.post(pc.page + "/submission/files/\(files.last!.id!.lowercased)/delete", [:])
            #expect(last.status == .unprocessableEntity && last.text.contains("add another file before removing it"))
            #expect(try await pc.files(on: app.db).count == 1)
        }
    }

    @Test func aTextAssignmentTakesNoFilesAndOthersCannotTouchYours() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app)
            var lea = try await Fixtures(app: app).signedIn(pc.learners[0])
            let page = try await lea.get(pc.page)
            #expect(!page.text.contains("Add a file"))
            let refused = try await pc.addFile(&lea, Samples.pdf, named: "case.pdf")
            #expect(refused.status == .unprocessableEntity && refused.text.contains("asks for a text, not files"))
            #expect(try await pc.files(on: app.db).isEmpty)
        }
    }
}

/// Two cohorts run the same course: nobody of one reaches the other's work, reviews or files,
/// not even through their own cohort's addresses (404, and nothing changes).
@Suite struct PeerCohortIsolationTests {
    @Test func anotherCohortsPeopleGet404Everywhere() async throws {
        try await withApp { app in
            let pc = try await PeerClass.make(app, k: 1, kind: .textAndFiles)
            let fx = Fixtures(app: app)
            var lea = try await fx.signedIn(pc.learners[0]), bo = try await fx.signedIn(pc.learners[1])
            _ = try await pc.addFile(&lea, Samples.pdf, named: "lea-case.pdf")
            _ = try await pc.submit(&lea, "Lea's work")
            _ = try await pc.submit(&bo, "Bo's work")
            let review = try #require(try await pc.pull(&bo))
            let submission = try #require(try await PeerSubmissionRecord.query(on: app.db).filter(\.$personID == pc.learners[0].id!).first())
            let file = try #require(try await pc.files(on: app.db).first)
            // Cohort B, same course: Tom trains it, Zoe learns in it.
            let other = try await fx.cohort(in: pc.c.org, course: pc.c.course, name: "Autumn")
            let tom = try await fx.person("tom@acme.test", name: "Tom Other", in: pc.c.org, roles: [.trainer])
            try await fx.enroll(tom, in: other, as: .trainer)
            let zoe = try await fx.person("zoe@acme.test", name: "Zoe Other", in: pc.c.org)
            try await fx.enroll(zoe, in: other)
            var tomBrowser = try await fx.signedIn(tom)
            let zoeBrowser = try await fx.signedIn(zoe)
            let otherBase = "/orgs/\(pc.c.org.id!.lowercased)/cohorts/\(other.id!.lowercased)"
            let reviewID = String(review.split(separator: "/").last!)
            // Through cohort B's addresses, with cohort A's ids.
            for path in ["/reviews/\(reviewID)", "/submissions/\(submission.id!.lowercased)",
                         "/peer-files/\(file.id!.lowercased)/lea-case.pdf"] {
                #expect(try await tomBrowser.get(otherBase + path).status == .notFound, "\(path)")
            }
            #expect(try await tomBrowser.post(otherBase + "/submissions/\(submission.id!.lowercased)/grade",
                                              ["points": "1", "comment": "Not mine"]).status == .notFound)
            #expect(try await tomBrowser.post(otherBase + "/reviews/\(reviewID)/moderation", ["action": "set_aside"]).status == .notFound)
            // Through cohort A's addresses, as a member of B only.
            let fileURL = pc.c.base + "/peer-files/\(file.id!.lowercased)/lea-case.pdf"
            for browser in [tomBrowser, zoeBrowser] {
                var b = browser
                for path in [pc.page, review, fileURL] { #expect(try await b.get(path).status == .notFound, "\(path)") }
                #expect(try await b.post(pc.page + "/submission", ["text": "Mine"]).status == .notFound)
                #expect(try await b.post(review, PeerClass.goodReview).status == .notFound)
            }
            let token = try await fx.token(for: tom)
            let api = "/api/v1/organizations/\(pc.c.org.id!.uuidString)/cohorts/\(other.id!.uuidString)/peer-reviews/\(reviewID)"
            #expect(try await app.testing().sendRequest(.GET, api, headers: APITests.headers(token)).status == .notFound)
            #expect(try await PeerSubmissionRecord.find(submission.id, on: app.db)?.overridePoints == nil)
            #expect(try await PeerSubmissionRecord.query(on: app.db).count() == 2)
            #expect(try await pc.reviews(on: app.db).allSatisfy { $0.completedAt == nil && $0.setAsideAt == nil })
        }
    }
}
