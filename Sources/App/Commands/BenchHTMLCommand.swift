import Dispatch
import Vapor
import Views

/// `atelier bench-html`: builds and renders the 50-row benchmark page many times and prints the
/// median time per page, so the builder's figure comes from the real release binary.
struct BenchHTMLCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "iterations", help: "Pages per run (default 10000)") var iterations: Int?
        @Option(name: "runs", help: "Runs; the median is printed (default 7)") var runs: Int?
    }

    var help: String { "Measures the HTML builder on a 50-row page." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let rows = (1...50).map { i in ("c\(i)", "Course <\(i)> & \"friends\"", "Trainer \(i)", i % 3 == 0 ? "draft" : "live") }
        let iterations = max(1, signature.iterations ?? 10_000)
        var results: [Double] = []
        var bytes = 0
        for _ in 0..<max(1, signature.runs ?? 7) {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { bytes &+= HTMLBenchmark.fiftyRowPage(rows: rows).count }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000
            results.append(elapsed / Double(iterations))
        }
        results.sort()
        let median = results[results.count / 2]
        context.console.print("html 50-row page: median \(String(format: "%.1f", median)) µs (runs: \(results.map { String(format: "%.1f", $0) }.joined(separator: ", ")); \(bytes / (iterations * results.count)) bytes)")
    }
}
