import Domain
import Foundation

// Simulates peer review in seeded cohorts and compares aggregation rules on the same reviews;
// see `bench/README.md`. Exits 0 whatever the verdict: the figures are the result.
let options: Options
do {
    options = try Options(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    exit(error.isHelp ? 0 : 2)
}

let scenario = Scenario()
let started = Date()
print("# Peer review simulation: seed \(options.seed), \(options.runs) cohorts per size")
var tallies: [Tally] = []
for size in options.sizes {
    var tally = Tally(size: size)
    for run in 0..<options.runs {
        var cohort = CohortRun(scenario: scenario, size: size, seed: options.seed(size: size, run: run))
        tally.add(cohort.run(), scenario: scenario)
    }
    print(Report.size(tally, k: scenario.k))
    tallies.append(tally)
}
print(Report.overall(tallies, options: options))
fflush(nil)  // every stream, so the timing below follows the figures
FileHandle.standardError.write(Data(String(format: "simulated in %.1f s\n", Date().timeIntervalSince(started)).utf8))
