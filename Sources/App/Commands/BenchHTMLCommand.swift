import Dispatch
import Views

/// `atelier bench-html`: builds and renders the 50-row benchmark page many times and prints the
/// median time per page, so the builder's figure comes from the real release binary. Runs without
/// configuring the app (no database, no data directory).
public enum BenchHTML {
    public static func run(iterations: Int = 10_000, runs: Int = 7) -> String {
        let rows = (1...50).map { i in ("c\(i)", "Course <\(i)> & \"friends\"", "Trainer \(i)", i % 3 == 0 ? "draft" : "live") }
        var results: [Double] = []
        var bytes = 0
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<max(1, iterations) { bytes &+= HTMLBenchmark.fiftyRowPage(rows: rows).count }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000
            results.append(elapsed / Double(max(1, iterations)))
        }
        results.sort()
        func format(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
        return "html 50-row page: median \(format(results[results.count / 2])) µs per page "
            + "(runs: \(results.map(format).joined(separator: ", ")); \(bytes / (max(1, iterations) * results.count)) bytes)"
    }
}
