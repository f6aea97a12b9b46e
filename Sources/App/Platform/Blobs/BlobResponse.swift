import Vapor

/// A stored file as an HTTP answer, with the headers that keep it from being anything else:
/// the type found in its bytes (never the uploader's), `nosniff`, a `Content-Disposition` that
/// makes documents downloads, private caching keyed by the content hash, and byte ranges.
enum BlobResponse {
    struct File {
        let key: BlobKey
        let byteCount: Int
        let mediaType: String
        let filename: String
        /// Shown in the page (images, video) or downloaded (documents).
        let inline: Bool
    }

    static func make(_ req: Request, _ file: File, store: any BlobStore) -> Response {
        var headers = HTTPHeaders()
        let etag = "\"\(file.key.hex)\""
        headers.replaceOrAdd(name: .eTag, value: etag)
        // Only the signed-in person's browser may keep it; shared caches must not.
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        headers.replaceOrAdd(name: .acceptRanges, value: "bytes")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        if matches(req.headers.first(name: .ifNoneMatch), etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(file.filename, inline: file.inline))
        // A range asked "if still this version" (If-Range) of another version gets the whole file.
        let ifRange = req.headers.first(name: .ifRange)
        let range = ifRange == nil || ifRange == etag ? ByteRange.resolve(req.headers.first(name: .range), size: file.byteCount) : .whole
        let bytes: Range<Int>
        var status = HTTPResponseStatus.ok
        switch range {
        case .whole:
            bytes = 0 ..< file.byteCount
        case .part(let part):
            bytes = part
            status = .partialContent
            headers.replaceOrAdd(name: .contentRange, value: "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(file.byteCount)")
        case .unsatisfiable:
            headers.replaceOrAdd(name: .contentRange, value: "bytes */\(file.byteCount)")
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        let response = Response(status: status, headers: headers)
        let key = file.key
        response.body = .init(asyncStream: { writer in
            do {
                try await store.read(key, range: bytes) { try await writer.writeBuffer($0) }
                try await writer.write(.end)
            } catch {
                req.logger.error("Serving blob \(key) failed: \(String(reflecting: error))")
                try? await writer.write(.error(error))
            }
        }, count: bytes.count, byteBufferAllocator: req.byteBufferAllocator)
        return response
    }

    static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
        guard let ifNoneMatch else { return false }
        return ifNoneMatch.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }

    /// RFC 6266: an ASCII `filename` for old clients (anything else replaced, quotes and
    /// backslashes included, so the header cannot be broken out of) and the exact name as
    /// UTF-8 in `filename*`.
    static func contentDisposition(_ filename: String, inline: Bool) -> String {
        let fallback = String(filename.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" && scalar != "%"
                ? Character(scalar) : "_"
        })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(0x7F)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: allowed) ?? fallback
        return "\(inline ? "inline" : "attachment"); filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}
