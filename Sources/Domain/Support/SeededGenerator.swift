/// SplitMix64: a small, fast generator whose whole state is its seed. A quiz attempt stores only
/// its seed's outcome and a peer-review allocation or simulation must replay, but the same seed must give the same attempt on every machine and every Swift
/// release (a re-created plan, a test), so the bounded draws and the shuffle are written out here
/// rather than left to the standard library, whose algorithms may change.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }


    /// Fisher–Yates: every order equally likely.
    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, index(below: i + 1))
        }
    }

    /// `count` of `values` picked at random (a partial Fisher–Yates), in no particular order.
    public mutating func pick<T>(_ count: Int, of values: [T]) -> [T] {
        var values = values
        let count = min(max(count, 0), values.count)
        for i in 0..<count {
            values.swapAt(i, i + index(below: values.count - i))
        }
        return Array(values.prefix(count))
    }
}

extension RandomNumberGenerator {
    /// A number in 0..<bound, without the bias of a plain modulo (draws below 2⁶⁴ mod bound are
    /// rejected): the same seed gives the same choice on every machine and Swift release, unlike
    /// the standard library's `random(in:using:)`. `bound` must be positive.
    public mutating func index(below bound: Int) -> Int {
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let value = next()
            if value >= threshold { return Int(value % range) }
        }
    }
}
