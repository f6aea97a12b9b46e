@testable import App
import Domain
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

/// Uploading and listing a course's files with a personal token.
@Suite struct APIUploadTests {
    static func multipart(_ bytes: [UInt8], filename: String, token: String) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "api-upload-\(UUID().uuidString)"
        var headers = APITests.headers(token, json: false)
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n\r\n".utf8)
            + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return (headers, ByteBuffer(bytes: body))
    }

    @Test func anAuthorUploadsAnAttachmentAndListsTheCoursesFiles() async throws {
        try await withApp { app in
            let s = try await Studio.make(app)
            let token = try await Fixtures(app: app).token(for: s.author)
            let files = "/api/v1/organizations/\(s.org)/courses/\(s.c.course.id!.lowercased)/files"
            let (headers, body) = Self.multipart(Samples.pdf, filename: "plan.pdf", token: token)
            let created = try await app.testing().sendRequest(.POST, files + "?kind=attachment&activity_id=\(s.c.lessons[1].id!.lowercased)",
                                                              headers: headers, body: body)
            #expect(created.status == .created)
            let dto = try created.content.decode(UploadDTO.self)
            #expect(dto.kind == "attachment" && dto.content_type == "application/pdf" && dto.byte_count == Samples.pdf.count)
            #expect(dto.url == "/orgs/\(s.org)/files/\(dto.id.lowercased)/plan.pdf")
            let links = try await LessonAttachmentRecord.query(on: app.db).filter(\.$activityID == s.c.lessons[1].id!).all()
            #expect(links.map(\.uploadID) == [dto.id])

            let (htmlHeaders, html) = Self.multipart(Samples.html, filename: "x.pdf", token: token)
            let refused = try await app.testing().sendRequest(.POST, files + "?kind=attachment", headers: htmlHeaders, body: html)
            #expect(refused.status == .unprocessableEntity)
            #expect(try APITests.errorCode(refused).code == "markup_refused")
            let noKind = try await app.testing().sendRequest(.POST, files, headers: headers, body: body)
            #expect(noKind.status == .unprocessableEntity)
            #expect(try APITests.errorCode(noKind).field == "kind")

            let list = try await app.testing().sendRequest(.GET, files, headers: APITests.headers(token))
            #expect(list.status == .ok)
            let page = try list.content.decode(PageDTO<UploadDTO>.self)
            #expect(page.total == 1 && page.items.map(\.filename) == ["plan.pdf"])
            // A learner has no editor's rights: 404, as for anything they may not see.
            let learnerToken = try await Fixtures(app: app).token(for: s.c.learner)
            #expect(try await app.testing().sendRequest(.GET, files, headers: APITests.headers(learnerToken)).status == .notFound)
        }
    }
}
