import Foundation
import Vapor

/// An `application/x-www-form-urlencoded` body as its (name, value) pairs, in order and with
/// repeated names kept: a quiz page's field names are built from positions, so they cannot be
/// decoded into a fixed `Content` type.
enum FormFields {
    static func parse(_ body: String) -> [(name: String, value: String)] {
        body.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        // Most names and many values need nothing decoded: Foundation's decoding was a tenth of a quiz submission.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(text) }
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension Request {
    /// The body's form fields, parsed once a request: the CSRF check reads them (every plain form
    /// whole, at most 256 kB), then the route. None, and nothing kept, before the body is collected.
    var formFields: [(name: String, value: String)] {
        if let fields = storage[FormFieldsKey.self] { return fields }
        guard let body = body.string else { return [] }
        let fields = FormFields.parse(body)
        storage[FormFieldsKey.self] = fields
        return fields
    }
}

struct FormFieldsKey: StorageKey { typealias Value = [(name: String, value: String)] }
