/// Numbers as GIFT writes them: plain decimals (`-3.25`), never exponents, so what `export`
/// writes is what a trainer can read and what `parse` reads back to the same `Double`.
enum GIFTNumber {
    /// `12`, `-3.25`, `+0.5` or `.5`; nil for anything else (`abc`, `1e5`, `5.`, too many digits).
    static func parse(_ text: String) -> Double? {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !parts[0].isEmpty || parts.count == 2, parts.count == 1 || !parts[1].isEmpty else { return nil }
        // 400 digits read as infinity: not a number anyone can type as an answer.
        return Double(text.first == "+" ? String(text.dropFirst()) : text).flatMap { $0.isFinite ? $0 : nil }
    }

    /// The shortest decimal that reads back to `value`, without an exponent.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let written = "\(value)"
        guard let exponentMark = written.firstIndex(where: { $0 == "e" || $0 == "E" }),
              let exponent = Int(written[written.index(after: exponentMark)...]) else { return written }
        var mantissa = written[..<exponentMark]
        let sign = mantissa.first == "-" ? "-" : ""
        if mantissa.first == "-" { mantissa = mantissa.dropFirst() }
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        let digits = Array(mantissa.filter { $0 != "." })
        let point = integerDigits + exponent
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}
