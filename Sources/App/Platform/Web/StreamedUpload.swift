import Domain
import Vapor

/// A `multipart/form-data` upload read as it streams in: its small fields kept in memory, its one
/// file written straight into a blob draft, counted, hashed and checked on the way, so a 200 MB
/// video never sits in memory and an oversized one stops being read at its limit.
struct StreamedUpload {
    var fields: [String: String] = [:]
    var filename = ""
    var byteCount = 0
    /// The first bytes, for `FileSniffer`.
    var head: [UInt8] = []
    var text = TextScan()
    var draft: (any BlobDraft)?

    /// Fields besides the file are a token and a few words: room for those and the part headers.
    static let envelopeBytes = 65_536
    /// How much of a body past its limit is still read (and dropped) for the browser's sake.
    static let drainBytes = 512 * 1_048_576
    static let flushBytes = 262_144

    struct Malformed: Error {}

    /// Reads the whole form. Throws `UploadRefusal.tooLarge` past `limit` bytes of file,
    /// `Malformed` for a body that is not such a form, 403 for a wrong CSRF token; a draft is
    /// discarded on every error, so nothing stays behind.
    ///
    /// Past the limit the rest of the body is still read, and dropped (up to `drainBytes` more):
    /// a browser posting the form without scripts only shows the 413 page once it has sent it all.
    static func receive(_ req: Request, fileField: String, limit: Int, store: any BlobStore) async throws -> StreamedUpload {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"], !boundary.isEmpty, boundary.count <= 70 else { throw Malformed() }
        let ceiling = limit + envelopeBytes
        var refusal: UploadRefusal?
        // The browser said how big it is: nothing is parsed or stored of a body that is too big.
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > ceiling {
            guard length <= ceiling + drainBytes else { throw UploadRefusal.tooLarge(limit: limit) }
            refusal = .tooLarge(limit: limit)
        }
        let parts = FormParts(fileField: fileField)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.header(name, value) }
        parser.onBody = { body in parts.body(&body) }
        parser.onPartComplete = { parts.complete() }
        var upload = StreamedUpload()
        var received = 0
        // The parser hands the file over in slices (it stops at every CR): gathered, they reach
        // the disk in a few large writes.
        var pending = ByteBuffer()
        // The middleware checked the header; the API takes bearer tokens, never cookies.
        var checkedCSRF = req.isAPI || req.headers.first(name: "X-CSRF-Token") != nil
        do {
            for try await chunk in req.body {
                received += chunk.readableBytes
                if refusal != nil {
                    if received > ceiling + drainBytes { break }
                    continue
                }
                do {
                    guard received <= ceiling else { throw UploadRefusal.tooLarge(limit: limit) }
                    do { try parser.execute(chunk) } catch { throw Malformed() }
                    guard parts.fieldBytes <= envelopeBytes else { throw Malformed() }
                    // Browsers send fields in page order: the token comes before the file.
                    if !checkedCSRF, let token = parts.fields[CSRFMiddleware.fieldName] {
                        try CSRFMiddleware.verify(req, sent: token)
                        checkedCSRF = true
                    }
                    for piece in parts.takeFileBytes() { pending.writeImmutableBuffer(piece) }
                    guard upload.byteCount + pending.readableBytes <= limit else { throw UploadRefusal.tooLarge(limit: limit) }
                    if pending.readableBytes >= flushBytes {
                        try await upload.add(pending, store: store)
                        pending.clear()
                    }
                } catch let tooLarge as UploadRefusal {
                    refusal = tooLarge
                    await upload.draft?.discard()
                    upload.draft = nil
                }
            }
            if let refusal { throw refusal }
            if pending.readableBytes > 0 { try await upload.add(pending, store: store) }
            guard parts.sawFile, parts.fileComplete else { throw Malformed() }
            if !checkedCSRF { try CSRFMiddleware.verify(req, sent: parts.fields[CSRFMiddleware.fieldName]) }
        } catch {
            await upload.draft?.discard()
            throw error
        }
        upload.fields = parts.fields
        upload.filename = parts.filename
        return upload
    }

    private mutating func add(_ piece: ByteBuffer, store: any BlobStore) async throws {
        byteCount += piece.readableBytes
        if head.count < FileSniffer.headLength {
            head += piece.readableBytesView.prefix(FileSniffer.headLength - head.count)
        }
        text.feed(piece.readableBytesView)
        if draft == nil { draft = try await store.makeDraft() }
        try await draft!.append(piece)
    }
}

/// What the multipart parser's callbacks found, gathered between two chunks of the body.
private final class FormParts {
    let fileField: String
    var fields: [String: String] = [:]
    var filename = ""
    var sawFile = false
    var fileComplete = false
    var fieldBytes = 0
    private var name: String?
    private var isFile = false
    private var value: [UInt8] = []
    private var fileBytes: [ByteBuffer] = []

    init(fileField: String) { self.fileField = fileField }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentDisposition, value: value)
        let disposition = headers.contentDisposition
        self.name = disposition?.name
        // Only the first file of the expected field is kept; any other part is a small field.
        isFile = disposition?.filename != nil && disposition?.name == fileField && !sawFile
        if isFile { sawFile = true; filename = disposition?.filename ?? "" }
    }

    func body(_ buffer: inout ByteBuffer) {
        if isFile { fileBytes.append(buffer) }
        else { fieldBytes += buffer.readableBytes; value += buffer.readableBytesView }
    }

    func complete() {
        if isFile { fileComplete = true }
        else if let name, fieldBytes <= StreamedUpload.envelopeBytes { fields[name] = String(decoding: value, as: UTF8.self) }
        name = nil; isFile = false; value = []
    }

    func takeFileBytes() -> [ByteBuffer] {
        defer { fileBytes = [] }
        return fileBytes
    }
}

extension StreamedUpload {
    /// A form whose file was accepted: the type it is kept as and its draft, not yet committed.
    struct Accepted {
        var form: StreamedUpload
        var type: FileType
        var draft: any BlobDraft
    }

    /// Reads the form (as `receive`) and judges its file by its bytes: `accept` gets what
    /// `FileSniffer` found and the byte count. A refused file's draft is discarded and the
    /// `UploadRefusal` thrown, so nothing is kept.
    static func receiveAccepted(_ req: Request, fileField: String, limit: Int, store: any BlobStore,
                                accept: (Result<FileType, UploadRefusal>, Int) -> Result<FileType, UploadRefusal>) async throws -> Accepted {
        let upload = try await receive(req, fileField: fileField, limit: limit, store: store)
        let sniffed = FileSniffer.detect(head: upload.head, isText: upload.text.isText, filename: upload.filename)
        switch accept(sniffed, upload.byteCount) {
        case .success(let type):
            guard let draft = upload.draft else { throw UploadRefusal.empty }
            return Accepted(form: upload, type: type, draft: draft)
        case .failure(let refusal):
            await upload.draft?.discard()
            throw refusal
        }
    }
}
