@testable import App
import Domain
import Fluent
import Foundation
import Vapor
import VaporTesting

/// Small real files of each kind, and a classroom with an author, for the upload tests.
enum Samples {
    static let png = DemoFiles.stagesPNG(width: 30, height: 15)
    static let pdf = DemoFiles.checklistPDF(title: "Checklist", lines: ["one", "two"])
    /// An EBML header with the `webm` DocType, then filler: what the sniffer reads of a WebM.
    static let webm: [UInt8] = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]
        + Array("webm".utf8) + (0 ..< 2_000).map { UInt8($0 % 251) }
    static let html = Array("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".utf8)
    static let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>"#.utf8)
}

struct Studio {
    let c: LearningTests.Class
    let author: PersonRecord
    var org: String { c.org.id!.lowercased }
    var editor: String { "/orgs/\(org)/courses/\(c.course.id!.lowercased)/activities/\(c.lessons[0].id!.lowercased)" }
    func upload(_ kind: UploadKind) -> String { editor + "/uploads/\(kind.rawValue)" }
    func url(_ record: UploadRecord) -> String { "/orgs/\(org)/files/\(record.id!.lowercased)/\(record.filename)" }

    /// A published course in a running cohort with a learner (`LearningTests.classroom`), and its author.
    static func make(_ app: Application, status: PublicationStatus = .published) async throws -> Studio {
        let c = try await LearningTests.classroom(app, status: status)
        let author = try await Fixtures(app: app).person("author@acme.test", name: "Ann", in: c.org, roles: [.author])
        return Studio(c: c, author: author)
    }

    static func uploads(_ app: Application) async throws -> [UploadRecord] {
        try await UploadRecord.query(on: app.db).sort(\.$createdAt).all()
    }

    /// Blobs in the store (`aa/bbbb…`), and temporary files left in `tmp/`.
    static func blobFiles(_ app: Application) -> (stored: [String], temporary: [String]) {
        let root = app.atelierConfig.blobDirectory
        let all = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
        let files = all.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        return (files.filter { !$0.hasPrefix("tmp/") }, files.filter { $0.hasPrefix("tmp/") })
    }
}
