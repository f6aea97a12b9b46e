import Domain
import Foundation

/// The draws the simulation needs, from the seeded generator only, so that a seed replays a run
/// exactly on every machine.
extension SeededGenerator {
    /// Uniform in [0, 1), from the top 53 bits.
    mutating func uniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal, by Box–Muller.
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-12)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * uniform())
    }
}
