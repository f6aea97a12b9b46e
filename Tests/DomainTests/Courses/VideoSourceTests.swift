import Testing
@testable import Domain

@Suite struct VideoSourceTests {
    @Test(arguments: [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", VideoSource.youtube(id: "dQw4w9WgXcQ")),
        ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s", .youtube(id: "dQw4w9WgXcQ")),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", .youtube(id: "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ", .youtube(id: "dQw4w9WgXcQ")),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", .youtube(id: "dQw4w9WgXcQ")),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", .youtube(id: "dQw4w9WgXcQ")),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", .youtube(id: "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", .vimeo(id: "76979871")),
        ("https://player.vimeo.com/video/76979871", .vimeo(id: "76979871")),
    ])
    func recognises(link: String, expected: VideoSource) {
        #expect(VideoSource(link: link) == expected)
    }

    @Test(arguments: [
        "javascript:alert(1)", "https://evil.test/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?v=short",
        "https://youtube.com/watch?v=dQw4w9WgXcQ\"onload=", "https://vimeo.com/abc", "ftp://vimeo.com/1",
        "https://youtube.com.evil.test/watch?v=dQw4w9WgXcQ", "//youtu.be/dQw4w9WgXcQ", "",
        "https://youtube.com/watch?v=dQw4w9WgXc%22",
    ])
    func refuses(link: String) {
        #expect(VideoSource(link: link) == nil)
    }

    @Test func embedsThroughThePrivacyFriendlyHosts() {
        #expect(VideoSource.youtube(id: "dQw4w9WgXcQ").embedURL == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        #expect(VideoSource.vimeo(id: "76979871").embedURL == "https://player.vimeo.com/video/76979871?dnt=1")
    }
}
