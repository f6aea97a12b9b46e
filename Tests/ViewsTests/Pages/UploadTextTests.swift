import Domain
import Foundation
import Routes
import Testing
@testable import Views

@Suite struct UploadTextTests {
    @Test(arguments: [
        (0, "0 bytes"), (1_023, "1023 bytes"), (1_024, "1 KB"), (1_536, "2 KB"), (1_048_575, "1024 KB"),
        (1_048_576, "1 MB"), (1_572_864, "1.5 MB"), (20 * 1_048_576, "20 MB"), (200 * 1_048_576, "200 MB"),
    ] as [(Int, String)])
    func sizes(bytes: Int, expected: String) {
        #expect(UploadText.size(bytes) == expected)
    }

    /// The Markdown offered for an image is kept by the Markdown URL policy (a relative link) and
    /// shows the image, whatever its name and description hold.
    @Test(arguments: ["chart.png", "Schéma (v2) [final].png", "a) b](javascript:alert(1)).png", "x\">.png", "..png"])
    func theImageMarkdownRendersToThatImage(filename: String) throws {
        let org = Organization.ID(UUID())
        let upload = Upload(id: .init(UUID()), kind: .image, type: .png, filename: filename, byteCount: 10,
                            description: "A [chart]\n![x](javascript:alert(1))")
        let snippet = UploadText.markdown(for: upload, in: org)
        let html = Markdown.render(snippet).rawValue
        let path = SiteRoute.file(org, upload.id, filename: filename).path
        #expect(html.contains(#"<img src="\#(path)""#), "\(snippet) → \(html)")
        #expect(!html.contains(#"src="javascript"#) && !html.contains("<a "), "only the image, no link: \(html)")
        #expect(path.split(separator: "/").count == 5, "the name stays one segment: \(path)")
    }

    @Test func refusalsSayWhatToDo() {
        #expect(UploadText.refusal(.markup, kind: .image).contains("SVG"))
        #expect(UploadText.refusal(.tooLarge(limit: 200 * 1_048_576), kind: .video).contains("videos may be up to 200 MB"))
        #expect(UploadText.refusal(.wrongKind(expected: .attachment, found: .png), kind: .attachment)
                == "That file is a PNG image, not a document: upload it as an image. Nothing was stored.")
        #expect(UploadText.acceptAttribute(.image) == ".png,.jpg,.jpeg,.gif,.webp")
    }
}
