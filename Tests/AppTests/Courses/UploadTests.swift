@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Uploading in the lesson editor, and what learners then see.
@Suite struct UploadTests {
    @Test func anAuthorUploadsAnImageAndALearnerSeesIt() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            // What a browser sends with a plain form: `*/*` must not be taken for JSON.
            let browser: HTTPHeaders = ["Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]
            let response = try await author.uploadFile(s.upload(.image), bytes: Samples.png, filename: "../Flow chart <v2>.png",
                                                       contentType: "image/png", form: ["alt": "The flow"], headers: browser)
            #expect(response.status == .seeOther)
            #expect(response.location == s.editor + "#uploads-image")
            let record = try #require(try await Studio.uploads(app).first)
            #expect(record.kind == .image && record.contentType == "image/png" && record.byteCount == Samples.png.count)
            #expect(record.filename == "Flow chart _v2_.png")
            #expect(record.activityID == s.c.lessons[0].id)
            #expect(Studio.blobFiles(app).stored.count == 1 && Studio.blobFiles(app).temporary.isEmpty)
            let editor = try await author.get(s.editor)
            #expect(editor.text.contains("![The flow](/orgs/\(s.org)/files/\(record.id!.lowercased)/Flow%20chart%20_v2_.png)"))

            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let file = try await learner.get(s.url(record))
            #expect(file.status == .ok)
            #expect(Array(file.body.readableBytesView) == Samples.png)
            #expect(file.headers.first(name: .contentType) == "image/png")
            #expect(file.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(file.headers.first(name: .contentDisposition) == #"inline; filename="Flow chart _v2_.png"; filename*=UTF-8''Flow%20chart%20_v2_.png"#)
            #expect(file.headers.first(name: .cacheControl) == "private, max-age=3600")
            #expect(file.headers.first(name: .eTag) == "\"\(record.blob)\"")
            #expect(file.headers.first(name: .acceptRanges) == "bytes")
            // The same file again, from its ETag: nothing to send.
            #expect(try await learner.get(s.url(record), headers: ["If-None-Match": "\"\(record.blob)\""]).status == .notModified)
        }
    }

    @Test func aLessonVideoPlaysFromTheServerAndTheNinetyPercentRuleIsOptional() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            #expect(try await author.uploadFile(s.upload(.video), bytes: Samples.webm, filename: "intro.webm").status == .seeOther)
            let video = try #require(try await Studio.uploads(app).first)
            #expect(video.kind == .video && video.contentType == "video/webm")
            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let page = try await learner.get(s.c.lesson(0))
            #expect(page.text.contains(#"<video controls preload="metadata" playsinline"#))
            #expect(page.text.contains(#"<source src="\#(s.url(video))" type="video/webm">"#))
            #expect(page.text.contains(#"data-done-url="\#(s.c.lesson(0))/done""#))
            #expect(page.text.contains(#"data-done-share="0.9""#))
            // The author turns the rule off: the player no longer marks anything done.
            let saved = try await author.post(s.editor, ["title": "L1", "markdown": "Read **this**", "required": "on"])
            #expect(saved.status == .seeOther)
            #expect(try await learner.get(s.c.lesson(0)).text.contains(#"data-done-url="""#))
            // A YouTube link replaces the file: one video per lesson.
            try await author.post(s.editor, ["title": "L1", "markdown": "x", "video_url": "https://youtu.be/dQw4w9WgXcQ"])
            let lesson = try #require(try await LessonRecord.query(on: app.db).filter(\.$activity.$id == s.c.lessons[0].id!).first())
            #expect(lesson.videoUploadID == nil && lesson.video == .youtube(id: "dQw4w9WgXcQ"))
            #expect(!(try await learner.get(s.c.lesson(0)).text.contains("<video")))
        }
    }

    @Test func attachmentsAreListedInOrderDownloadedAndRemoved() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            try await author.uploadFile(s.upload(.attachment), bytes: Samples.pdf, filename: "checklist.pdf")
            try await author.uploadFile(s.upload(.attachment), bytes: Array("name,score\nAda,3\n".utf8), filename: "scores.csv")
            let uploads = try await Studio.uploads(app)
            #expect(uploads.map(\.contentType) == ["application/pdf", "text/csv; charset=utf-8"])
            var learner = try await Fixtures(app: app).signedIn(s.c.learner)
            let page = try await learner.get(s.c.lesson(0)).text
            let first = try #require(page.range(of: "checklist.pdf")), second = try #require(page.range(of: "scores.csv"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(page.contains("PDF, "))
            let download = try await learner.get(s.url(uploads[0]))
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment; ") == true)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            // Removing takes it off the lesson and stops serving it.
            let remove = try await author.post(s.editor + "/attachments/\(uploads[0].id!.lowercased)/remove", [:])
            #expect(remove.status == .seeOther)
            #expect(!(try await learner.get(s.c.lesson(0)).text.contains("checklist.pdf")))
            #expect(try await learner.get(s.url(uploads[0])).status == .notFound)
        }
    }

    @Test(arguments: [
        ("page.png", Samples.html, UploadKind.image, "HTML, SVG and XML files are refused"),
        ("logo.svg", Samples.svg, .image, "HTML, SVG and XML files are refused"),
        ("photo.png", Samples.pdf, .image, "That file is a PDF, not an image"),
        ("clip.webm", Samples.png, .video, "That file is a PNG image, not a video"),
        ("notes.pdf", Samples.html, .attachment, "HTML, SVG and XML files are refused"),
        ("empty.pdf", [], .attachment, "Choose a file to upload"),
    ] as [(String, [UInt8], UploadKind, String)])
    func aFileIsJudgedByItsContentAndARefusalStoresNothing(filename: String, bytes: [UInt8], kind: UploadKind, message: String) async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            let page = try await author.uploadFile(s.upload(kind), bytes: bytes, filename: filename, contentType: "image/png")
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains(message), "\(page.text)")
            #expect(page.text.contains("Nothing was stored."))
            #expect(page.text.contains(#"aria-invalid="true""#), "the message sits with its field")
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .accept, value: "application/json")
            let json = try await author.uploadFile(s.upload(kind), bytes: bytes, filename: filename, headers: headers)
            #expect(json.status == .unprocessableEntity)
            #expect(try APITests.errorCode(json).field == "file")
            #expect(try await Studio.uploads(app).isEmpty)
            #expect(Studio.blobFiles(app).stored.isEmpty && Studio.blobFiles(app).temporary.isEmpty)
        }
    }

    @Test func aFileOverItsLimitIs413AndNothingIsStored() async throws {
        try await withApp(configure: { $0.uploadLimits = UploadLimits(videoBytes: 4_096, otherBytes: 1_024) }) { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            let big = Samples.pdf + Array(repeating: 0x20, count: 2_000)
            let page = try await author.uploadFile(s.upload(.attachment), bytes: big, filename: "big.pdf")
            #expect(page.status == .payloadTooLarge)
            #expect(page.text.contains("That file is too large: images and documents may be up to 1 KB. Nothing was stored."))
            // Videos have their own, larger limit.
            #expect(try await author.uploadFile(s.upload(.video), bytes: Samples.webm, filename: "ok.webm").status == .seeOther)
            let tooLong = try await author.uploadFile(s.upload(.video), bytes: Samples.webm + Samples.webm + Samples.webm, filename: "long.webm")
            #expect(tooLong.status == .payloadTooLarge)
            #expect(try await Studio.uploads(app).map(\.filename) == ["ok.webm"])
            #expect(Studio.blobFiles(app).stored.count == 1 && Studio.blobFiles(app).temporary.isEmpty)
        }
    }

    @Test func aStreamedUploadChecksItsCSRFToken() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            var author = try await Fixtures(app: app).signedIn(s.author)
            #expect(try await author.uploadFile(s.upload(.image), bytes: Samples.png, filename: "a.png", csrf: false).status == .forbidden)
            var wrong = HTTPHeaders()
            wrong.replaceOrAdd(name: "X-CSRF-Token", value: String(repeating: "x", count: 43))
            #expect(try await author.uploadFile(s.upload(.image), bytes: Samples.png, filename: "a.png", csrf: false, headers: wrong).status == .forbidden)
            #expect(try await Studio.uploads(app).isEmpty && Studio.blobFiles(app).stored.isEmpty && Studio.blobFiles(app).temporary.isEmpty)
            var script = HTTPHeaders()
            script.replaceOrAdd(name: "X-CSRF-Token", value: try #require(author.csrf))
            script.replaceOrAdd(name: .accept, value: "application/json")
            let json = try await author.uploadFile(s.upload(.image), bytes: Samples.png, filename: "a.png", csrf: false, headers: script)
            #expect(json.status == .created)
            let dto = try json.content.decode(UploadDTO.self)
            #expect(dto.markdown?.hasPrefix("![a](/orgs/\(s.org)/files/\(dto.id.lowercased)/a.png)") == true)
            // Not multipart at all: a clear 400, nothing stored.
            let plain = try await author.post(s.upload(.image), ["file": "x"])
            #expect(plain.status == .badRequest)
            #expect(try await Studio.uploads(app).count == 1)
        }
    }
}
