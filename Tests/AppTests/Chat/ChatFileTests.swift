@testable import App
import Domain
import Fluent
import Foundation
@testable import Routes
import Testing
import Vapor
import VaporTesting

/// Images and PDFs sent in a conversation: checked by their bytes, readable by the conversation's
/// readers only.
@Suite struct ChatFileTests {
    private func conversation(_ c: ChatClass, _ app: Application) async throws -> (Browser, String) {
        var lea = try await Fixtures(app: app).signedIn(c.lea)
        return (lea, try #require(try await c.direct(&lea, to: c.trainer).location))
    }

    @Test func anImageAndAPdfReachTheConversationAndOnlyIt() async throws {
        try await withApp { app in
            let c = try await ChatClass.make(app)
            var (lea, path) = try await conversation(c, app)
            let sent = try await lea.uploadFile(path + "/files", bytes: Samples.png, filename: "whiteboard.png",
                                                form: ["caption": "Our **plan**"])
            #expect(sent.location == path + "#message-1")
            let file = try #require(try await ChatFileRecord.query(on: app.db).first())
            let url = c.orgPath + "/chat-files/\(file.id!.lowercased)/whiteboard.png"
            let message = try #require(try await MessageRecord.query(on: app.db).first())
            #expect(message.body == "Our **plan**\n\n![whiteboard.png](\(url))")
            var tom = try await Fixtures(app: app).signedIn(c.trainer)
            #expect(try await tom.get(path).text.contains(#"<img src="\#(url)" alt="whiteboard.png">"#))
            let image = try await tom.get(url)
            #expect(image.status == .ok)
            #expect(image.headers.contentType?.description == "image/png")
            #expect(image.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(Array(image.body.readableBytesView) == Samples.png)

            try await lea.uploadFile(path + "/files", bytes: Samples.pdf, filename: "notes [final].pdf")
            let pdf = try #require(try await ChatFileRecord.query(on: app.db).filter(\.$contentType == "application/pdf").first())
            let pdfURL = c.orgPath + "/chat-files/\(pdf.id!.lowercased)/\(SiteRoute.pathSegment(pdf.filename))"
            let second = try #require(try await MessageRecord.query(on: app.db).filter(\.$sequence == 2).first())
            #expect(second.body.hasPrefix("[notes final.pdf](\(pdfURL)) (PDF, "), "brackets leave the link text: \(second.body)")
            let download = try await tom.get(pdfURL)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)

            // Anyone who may not read the conversation: 404, whoever they are.
            for person in [c.max, c.outsider, c.stranger] {
                var other = try await Fixtures(app: app).signedIn(person)
                #expect(try await other.get(url).status == .notFound)
                #expect(try await other.uploadFile(path + "/files", bytes: Samples.png, filename: "x.png").status == .notFound)
            }
            var anonymous = Browser(app)
            #expect(try await anonymous.get(url).status != .ok)
            #expect(try await ChatFileRecord.query(on: app.db).count() == 2)
            // Lea deletes the message with the image: the image goes with it.
            #expect(try await lea.post(path + "/messages/1/delete", [:]).status == .seeOther)
            #expect(try await tom.get(url).status == .notFound)
            #expect(try await tom.get(pdfURL).status == .ok, "the other file stays")
        }
    }

    @Test func whatIsNotAnImageOrAPdfIsRefusedAndNothingIsSent() async throws {
        try await withApp(configure: { $0.uploadLimits.otherBytes = 4_096 }) { app in
            let c = try await ChatClass.make(app)
            var (lea, path) = try await conversation(c, app)
            let refusals: [(bytes: [UInt8], name: String, status: HTTPResponseStatus, words: String)] = [
                (Samples.html, "photo.png", .unprocessableEntity, "Only images"),
                (Samples.svg, "logo.svg", .unprocessableEntity, "Only images"),
                (Samples.webm, "clip.webm", .unprocessableEntity, "Only images"),
                ([], "empty.png", .unprocessableEntity, "Choose a file"),
                (Samples.png + [UInt8](repeating: 0, count: 5_000), "big.png", .payloadTooLarge, "up to 4 KB"),
            ]
            for refusal in refusals {
                let answer = try await lea.uploadFile(path + "/files", bytes: refusal.bytes, filename: refusal.name)
                #expect(answer.status == refusal.status, "\(refusal.name)")
                #expect(answer.text.contains(refusal.words), "\(refusal.name): \(answer.text.prefix(300))")
            }
            #expect(try await lea.uploadFile(path + "/files", bytes: Samples.png, filename: "a.png", csrf: false).status == .forbidden)
            #expect(try await ChatFileRecord.query(on: app.db).count() == 0)
            #expect(try await MessageRecord.query(on: app.db).count() == 0)
            #expect(Studio.blobFiles(app).stored.isEmpty, "no bytes kept either")
        }
    }
}
