@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Who may read an uploaded file, and how it is served: ranges for seeking, 416, 404s.
@Suite struct FileServingTests {
    /// A course file uploaded by the author, and its URL.
    static func withFile(_ app: Application, status: PublicationStatus = .published, bytes: [UInt8] = Samples.webm,
                         kind: UploadKind = .video, name: String = "intro.webm") async throws -> (Studio, UploadRecord) {
        let s = try await Studio.make(app, status: status)
        var author = try await Fixtures(app: app).signedIn(s.author)
        let response = try await author.uploadFile(s.upload(kind), bytes: bytes, filename: name)
        #expect(response.status == .seeOther, "\(response.text)")
        return (s, try #require(try await Studio.uploads(app).last))
    }

    @Test func rangesServeTheRightBytes() async throws {
        try await withApp { app in
            let (s, video) = try await Self.withFile(app)
            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let size = Samples.webm.count
            let cases: [(String, HTTPResponseStatus, Range<Int>?, String?)] = [
                ("bytes=2-5", .partialContent, 2 ..< 6, "bytes 2-5/\(size)"),
                ("bytes=0-1", .partialContent, 0 ..< 2, "bytes 0-1/\(size)"),
                ("bytes=-3", .partialContent, size - 3 ..< size, "bytes \(size - 3)-\(size - 1)/\(size)"),
                ("bytes=100-", .partialContent, 100 ..< size, "bytes 100-\(size - 1)/\(size)"),
                ("bytes=10-999999", .partialContent, 10 ..< size, "bytes 10-\(size - 1)/\(size)"),
                ("bytes=\(size)-", .rangeNotSatisfiable, nil, "bytes */\(size)"),
                ("bytes=\(size + 5)-\(size + 9)", .rangeNotSatisfiable, nil, "bytes */\(size)"),
                ("bytes=0-1,4-5", .ok, 0 ..< size, nil),
                ("items=0-1", .ok, 0 ..< size, nil),
                ("bytes=5-2", .ok, 0 ..< size, nil),
            ]
            for (range, status, bytes, contentRange) in cases {
                let response = try await learner.get(s.url(video), headers: ["Range": range])
                #expect(response.status == status, "\(range)")
                #expect(response.headers.first(name: .contentRange) == contentRange, "\(range)")
                if let bytes { #expect(Array(response.body.readableBytesView) == Array(Samples.webm[bytes]), "\(range)") }
                else { #expect(response.body.readableBytes == 0) }
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
            // A range "if still this version" of another version: the whole file.
            let stale = try await learner.get(s.url(video), headers: ["Range": "bytes=2-5", "If-Range": "\"0000\""])
            #expect(stale.status == .ok && stale.body.readableBytes == size)
            let fresh = try await learner.get(s.url(video), headers: ["Range": "bytes=2-5", "If-Range": "\"\(video.blob)\""])
            #expect(fresh.status == .partialContent)
        }
    }

    @Test func theNameInTheURLIsOnlyDecoration() async throws {
        try await withApp { app in
            let (s, video) = try await Self.withFile(app)
            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let other = "/orgs/\(s.org)/files/\(video.id!.lowercased)/anything-else.html"
            let response = try await learner.get(other)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "video/webm")
            #expect(response.headers.first(name: .contentDisposition)?.contains("intro.webm") == true)
        }
    }

    @Test func aBlobMissingFromTheStoreIsA404NotACutOffDownload() async throws {
        try await withApp { app in
            let (s, video) = try await Self.withFile(app)
            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let path = app.atelierConfig.blobDirectory + "/\(video.blob.prefix(2))/\(video.blob.dropFirst(2))"
            try FileManager.default.removeItem(atPath: path)
            #expect(try await learner.get(s.url(video)).status == .notFound)
        }
    }

    @Test func onlyWhoMaySeeTheCourseReadsItsFiles() async throws {
        try await withApp { app in
            let (s, video) = try await Self.withFile(app, status: .draft)
            let fx = Fixtures(app: app)
            let trainer = try await fx.person("trainer@acme.test", in: s.c.org, roles: [.trainer])
            try await fx.enroll(trainer, in: s.c.cohort, as: .trainer)
            let admin = try await fx.person("admin@acme.test", in: s.c.org, roles: [.admin])
            // A learner of another cohort, running another course, of the same organization.
            let otherCohort = try await fx.cohort(in: s.c.org, name: "Other")
            let outsider = try await fx.person("out@acme.test", in: s.c.org)
            try await fx.enroll(outsider, in: otherCohort)
            let stranger = try await fx.person("x@globex.test", in: try await fx.organization("Globex"), roles: [.admin])
            let expected: [(PersonRecord, HTTPResponseStatus)] = [
                (s.author, .ok), (admin, .ok), (trainer, .ok),
                (s.c.learner, .notFound),   // the course is a draft
                (outsider, .notFound), (stranger, .notFound),
            ]
            for (person, status) in expected {
                var browser = try await fx.signedIn(person)
                let response = try await browser.get(s.url(video))
                #expect(response.status == status, "\(person.email)")
                if status == .notFound { #expect(!response.text.contains("intro")) }
            }
            s.c.course.status = .published
            try await s.c.course.save(on: app.db)
            var learner = try await fx.signedIn(s.c.learner)
            #expect(try await learner.get(s.url(video)).status == .ok)
            var outsiderBrowser = try await fx.signedIn(outsider)
            #expect(try await outsiderBrowser.get(s.url(video)).status == .notFound)
            var anonymous = Browser(app)
            #expect(try await anonymous.get(s.url(video)).location == "/sign-in")
            // Unknown and malformed ids.
            #expect(try await learner.get("/orgs/\(s.org)/files/\(UUID().uuidString)/x.webm").status == .notFound)
            #expect(try await learner.get("/orgs/\(s.org)/files/not-a-uuid/x.webm").status == .notFound)
        }
    }

    @Test func aDuplicatedCourseKeepsItsFilesWithoutStoringThemTwice() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            try await author.uploadFile(s.upload(.video), bytes: Samples.webm, filename: "intro.webm")
            try await author.uploadFile(s.upload(.attachment), bytes: Samples.pdf, filename: "sheet.pdf")
            try await author.uploadFile(s.upload(.image), bytes: Samples.png, filename: "chart.png")
            let image = try #require(try await Studio.uploads(app).first { $0.kind == .image })
            let markdown = "See:\n\n![Chart](/orgs/\(s.org)/files/\(image.id!.lowercased)/chart.png)"
            try await author.post(s.editor, ["title": "L1", "markdown": markdown, "video_auto_done": "on"])
            let course = "/orgs/\(s.org)/courses/\(s.c.course.id!.lowercased)"
            let duplicated = try await author.post(course + "/duplicate", [:])
            #expect(duplicated.status == .seeOther)
            let copy = try #require(try await CourseRecord.query(on: app.db).filter(\.$name == "Copy of Negotiation").first())
            let copied = try await UploadRecord.query(on: app.db).filter(\.$courseID == copy.id!).all()
            #expect(copied.count == 3)
            let originals = try await UploadRecord.query(on: app.db).filter(\.$courseID == s.c.course.id!).all()
            #expect(Set(copied.map(\.blob)) == Set(originals.map(\.blob)))
            #expect(Set(copied.map(\.id)).isDisjoint(with: Set(originals.map(\.id))))
            #expect(Studio.blobFiles(app).stored.count == 3, "each content stored once")
            // The copy's first lesson: its own video, attachment and image link.
            let copiedLesson = try #require(try await ActivityRecord.query(on: app.db).filter(\.$courseID == copy.id!)
                .filter(\.$title == "L1").first())
            let lesson = try #require(try await LessonRecord.query(on: app.db).filter(\.$activity.$id == copiedLesson.id!).first())
            let copiedImage = try #require(copied.first { $0.kind == .image })
            #expect(lesson.videoUploadID == copied.first { $0.kind == .video }?.id)
            #expect(lesson.markdown.contains("/files/\(copiedImage.id!.lowercased)/chart.png"))
            #expect(lesson.html.contains("/files/\(copiedImage.id!.lowercased)/chart.png"))
            let links = try await LessonAttachmentRecord.query(on: app.db).filter(\.$activityID == copiedLesson.id!).all()
            #expect(links.map(\.uploadID) == [copied.first { $0.kind == .attachment }!.id!])
            // A cohort of the copy reads the copy's files, without any right to the original.
            let fx = Fixtures(app: app)
            copy.status = .published
            try await copy.save(on: app.db)
            let cohort = try await fx.cohort(in: s.c.org, course: copy, name: "Copy run")
            let reader = try await fx.person("reader@acme.test", in: s.c.org)
            try await fx.enroll(reader, in: cohort)
            var browser = try await fx.signedIn(reader)
            #expect(try await browser.get(s.url(copiedImage)).status == .ok)
            #expect(try await browser.get(s.url(image)).status == .notFound)
        }
    }
}
