import Domain
import Fluent
import Foundation
import Views

/// The demo's uploaded files, drawn in code so the repository holds no binaries: a small PNG
/// diagram and a one-page PDF. Both are real files of their type (the upload checks accept them).
enum DemoFiles {
    /// Three coloured steps rising left to right: "the three stages of an escalation".
    static func stagesPNG(width: Int = 180, height: Int = 90) -> [UInt8] {
        let colours: [[UInt8]] = [[0x2E, 0x7D, 0x32], [0xF9, 0xA8, 0x25], [0xC6, 0x28, 0x28]]
        var raw: [UInt8] = []
        for y in 0 ..< height {
            raw.append(0)   // filter: none
            for x in 0 ..< width {
                let step = min(2, x * 3 / width)
                let top = height - (step + 1) * height / 3
                raw += y >= top && x % (width / 3) > 3 ? colours[step] : [0xF6, 0xF7, 0xF9]
            }
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]   // 8-bit RGB, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(raw)) + chunk("IEND", [])
    }

    /// A one-page PDF with a title and a few lines of Helvetica.
    static func checklistPDF(title: String, lines: [String]) -> [UInt8] {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
        }
        var stream = "BT /F1 18 Tf 56 780 Td (\(escape(title))) Tj ET\n"
        for (index, line) in lines.enumerated() {
            stream += "BT /F1 12 Tf 56 \(740 - index * 22) Td (\(escape(line))) Tj ET\n"
        }
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// A zlib stream of uncompressed ("stored") deflate blocks: valid, and no compressor needed.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset ..< offset + length]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + bigEndian(b << 16 | a)
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0 ..< 8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

extension DemoCourse {
    /// The first lesson shows a diagram in its text; "Your first status e-mail" offers a
    /// checklist to download.
    static func addFiles(to activities: [ActivityRecord], of course: CourseRecord, blobs: any BlobStore,
                         on db: any Database) async throws {
        let organization = Organization.ID(course.$organization.id)
        if let first = activities.first(where: { $0.title == "Why escalations happen" }) {
            let png = DemoFiles.stagesPNG()
            let image = UploadRecord(id: UUID(), organizationID: course.$organization.id, courseID: course.id!, activityID: first.id,
                                     blob: try await blobs.store(png), type: .png, filename: "escalation-stages.png",
                                     byteCount: png.count, uploadedBy: nil)
            try await image.create(on: db)
            let lesson = try await CourseAuthoring.lesson(of: first, on: db)
            image.description = "Three steps rising: a late shipment, a customer who feels unheard, an escalation"
            try await image.save(on: db)
            lesson.markdown += "\n\n" + UploadText.markdown(for: image.domain(), in: organization)
            lesson.html = Markdown.render(lesson.markdown).rawValue
            try await lesson.save(on: db)
        }
        if let email = activities.first(where: { $0.title == "Your first status e-mail" }) {
            let pdf = DemoFiles.checklistPDF(title: "Status e-mail checklist", lines: [
                "1. What happened, in one sentence.", "2. What we are doing about it, and who owns it.",
                "3. When the customer will hear from us next.", "4. Under 120 words. No jargon, no blame.",
            ])
            let file = UploadRecord(id: UUID(), organizationID: course.$organization.id, courseID: course.id!, activityID: email.id,
                                    blob: try await blobs.store(pdf), type: .pdf, filename: "status-email-checklist.pdf",
                                    byteCount: pdf.count, uploadedBy: nil)
            try await file.create(on: db)
            try await LessonAttachmentRecord(activityID: email.id!, uploadID: file.id!, position: 0).create(on: db)
        }
    }
}
