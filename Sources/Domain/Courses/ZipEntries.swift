/// The entries named by the ZIP local file headers found in the first bytes of an archive: enough
/// to tell an office document from any other archive without unpacking anything.
struct ZipEntries {
    /// Entry names in the order their headers appear.
    private(set) var names: [String] = []
    /// The text of an uncompressed first entry named `mimetype` (how ODF files announce their type).
    private(set) var storedMimetype: String?

    private static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    init(_ bytes: [UInt8]) {
        var offset = 0
        while let found = Self.nextHeader(in: bytes, from: offset) {
            guard let header = Self.header(in: bytes, at: found) else { break }
            if names.isEmpty, header.name == "mimetype", header.method == 0,
               header.dataStart + header.compressedSize <= bytes.count, header.compressedSize <= 100 {
                storedMimetype = String(decoding: bytes[header.dataStart ..< header.dataStart + header.compressedSize], as: UTF8.self)
            }
            names.append(header.name)
            // Entries written with a data descriptor carry no size here: search for the next header.
            offset = header.compressedSize > 0 ? max(header.dataStart + header.compressedSize, found + 4) : found + 4
        }
    }

    private struct Header {
        let name: String
        let method: Int
        let compressedSize: Int
        let dataStart: Int
    }

    private static func nextHeader(in bytes: [UInt8], from start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        return (start ... bytes.count - 4).first { bytes[$0 ..< $0 + 4].elementsEqual(signature) }
    }

    private static func header(in bytes: [UInt8], at offset: Int) -> Header? {
        func little(_ at: Int, _ count: Int) -> Int {
            (0 ..< count).reduce(0) { $0 | Int(bytes[offset + at + $1]) << (8 * $1) }
        }
        guard offset + 30 <= bytes.count else { return nil }
        let nameLength = little(26, 2), extraLength = little(28, 2)
        let nameStart = offset + 30
        guard nameLength > 0, nameStart + nameLength <= bytes.count else { return nil }
        let name = String(decoding: bytes[nameStart ..< nameStart + nameLength], as: UTF8.self)
        return Header(name: name, method: little(8, 2), compressedSize: little(18, 4),
                      dataStart: nameStart + nameLength + extraLength)
    }
}
