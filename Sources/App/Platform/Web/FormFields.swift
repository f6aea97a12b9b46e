import Foundation

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
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
