import Domain
import Testing

@Suite struct UploadRulesTests {
    // MARK: TextScan: the whole file is UTF-8 without NUL, however it is cut into chunks.

    static func scan(_ chunks: [[UInt8]]) -> Bool {
        var scan = TextScan()
        for chunk in chunks { scan.feed(chunk) }
        return scan.isText
    }

    @Test func textSplitAnywhereIsStillText() {
        let text = Array("Café 日本 🎓 ok".utf8)
        for cut in 0 ... text.count {
            #expect(Self.scan([Array(text[..<cut]), Array(text[cut...])]), "cut at \(cut)")
        }
        #expect(Self.scan(text.map { [$0] }), "one byte at a time")
    }

    @Test(arguments: [
        ([[0x61, 0x00, 0x62]], false),          // NUL
        ([[0xC3, 0x28]], false),                // bad continuation
        ([[0x61, 0xC3]], false),                // ends inside a character
        ([[0xE6, 0x97], [0xA5]], true),         // 日 across chunks
        ([[0xF0, 0x9F], [0x8E], [0xA0]], true), // a 4-byte character in three chunks
        ([[0xC0, 0xAF]], false),                // overlong '/'
        ([[0xED, 0xA0, 0x80]], false),          // a UTF-16 surrogate
        ([[0xFF]], false),
        ([[0x80]], false),                      // a lone continuation byte
        ([[]], true),
    ] as [([[UInt8]], Bool)])
    func textScan(chunks: [[UInt8]], expected: Bool) {
        #expect(Self.scan(chunks) == expected)
    }

    // MARK: FileName: one safe line, with an extension that matches the bytes.

    @Test(arguments: [
        ("report.pdf", FileType.pdf, "report.pdf"),
        ("../../etc/passwd", .text, "passwd.txt"),
        ("C:\\Users\\ada\\Q3 plan.xlsx", .xlsx, "Q3 plan.xlsx"),
        ("photo.PNG", .png, "photo.PNG"),
        ("photo.png", .jpeg, "photo.png.jpg"),
        ("evil.html", .text, "evil.html.txt"),
        ("a\"b<c>d;e\n.pdf", .pdf, "a_b_c_d_e_.pdf"),
        ("\u{202E}fdp.exe", .pdf, "_fdp.exe.pdf"),
        ("Schéma réseau (v2).png", .png, "Schéma réseau (v2).png"),
        ("", .pdf, "file.pdf"),
        (".htaccess", .text, "htaccess.txt"),
        ("   spaced    out   .csv", .csv, "spaced out.csv"),
        ("notes.md", .text, "notes.md"),
    ] as [(String, FileType, String)])
    func fileNames(raw: String, type: FileType, expected: String) {
        #expect(FileName.sanitize(raw, as: type) == expected)
    }

    @Test func longNamesKeepTheirExtension() {
        let name = FileName.sanitize(String(repeating: "x", count: 500) + ".pdf", as: .pdf)
        #expect(name.count == FileName.maximumLength)
        #expect(name.hasSuffix("x.pdf"))
    }

    // MARK: UploadLimits: size by kind, then the kind the bytes say.

    @Test func limitsDecideBySizeThenByKind() {
        let limits = UploadLimits(videoBytes: 100, otherBytes: 10)
        #expect(limits.bytes(for: .video) == 100 && limits.bytes(for: .image) == 10 && limits.bytes(for: .attachment) == 10)
        #expect(limits.accept(.image, sniffed: .success(.png), byteCount: 10) == .success(.png))
        #expect(limits.accept(.image, sniffed: .success(.png), byteCount: 11) == .failure(.tooLarge(limit: 10)))
        #expect(limits.accept(.video, sniffed: .success(.webm), byteCount: 100) == .success(.webm))
        #expect(limits.accept(.image, sniffed: .success(.pdf), byteCount: 5) == .failure(.wrongKind(expected: .image, found: .pdf)))
        #expect(limits.accept(.attachment, sniffed: .success(.png), byteCount: 5) == .failure(.wrongKind(expected: .attachment, found: .png)))
        #expect(limits.accept(.image, sniffed: .failure(.markup), byteCount: 5) == .failure(.markup))
        #expect(limits.accept(.image, sniffed: .success(.png), byteCount: 0) == .failure(.empty))
        #expect(UploadLimits.standard == UploadLimits(videoBytes: 200 * 1_048_576, otherBytes: 20 * 1_048_576))
    }

    // MARK: The 90 % rule.

    @Test(arguments: [
        (90.0, 100.0, true), (89.9, 100.0, false), (100.0, 100.0, true), (0.0, 0.0, false), (5.0, -1.0, false), (1.8, 2.0, true),
    ] as [(Double, Double, Bool)])
    func videoWatched(played: Double, duration: Double, expected: Bool) {
        #expect(VideoCompletion.isWatched(played: played, duration: duration) == expected)
    }

    // MARK: Who sees a course's files.

    @Test(arguments: [
        ([Role.admin], [CohortRole](), false, true),
        ([.author], [], false, true),
        ([.trainer], [.trainer], false, true),
        ([.facilitator], [.facilitator], false, true),
        ([.learner], [.learner], true, true),
        ([.learner], [.learner], false, false),
        ([.learner], [], true, false),
        ([.trainer], [], true, false),
        ([.learner, .trainer], [.learner, .trainer], false, true),
        ([], [], true, false),
    ] as [(Set<Role>, [CohortRole], Bool, Bool)])
    func courseVisibility(roles: Set<Role>, cohortRoles: [CohortRole], published: Bool, expected: Bool) {
        #expect(CourseVisibility.canSee(roles: roles, cohortRoles: cohortRoles, isPublished: published) == expected)
    }
}
