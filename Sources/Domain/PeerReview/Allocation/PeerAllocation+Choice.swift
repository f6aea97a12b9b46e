import Foundation

extension PeerAllocation {
    /// Up to three numbers, compared in order: what `best` picks the smallest of.
    struct Rank: Comparable {
        var first: Double
        var second: Double = 0
        var third: Double = 0

        static func < (a: Rank, b: Rank) -> Bool { (a.first, a.second, a.third) < (b.first, b.second, b.third) }
    }

    /// The candidate with the smallest `rank`. Ties go to the random source, drawn over the tied
    /// candidates in id order, so that the choice depends on the seed and not on the order the
    /// pool was loaded in; nothing is drawn when there is no tie.
    static func best<T, G: RandomNumberGenerator>(_ candidates: [T], id: (T) -> UUID, rank: (T) -> Rank,
                                                  using random: inout G) -> T? {
        var tied: [T] = []
        var lowest = Rank(first: 0)
        for candidate in candidates {
            let key = rank(candidate)
            if tied.isEmpty || key < lowest {
                tied = [candidate]
                lowest = key
            } else if key == lowest {
                tied.append(candidate)
            }
        }
        guard tied.count > 1 else { return tied.first }
        tied.sort { precedes(id($0), id($1)) }
        return tied[random.index(below: tied.count)]
    }

    /// Ids in the order of their text form (byte by byte), without formatting them.
    static func precedes(_ a: UUID, _ b: UUID) -> Bool {
        withUnsafeBytes(of: a.uuid) { a in
            withUnsafeBytes(of: b.uuid) { b in a.lexicographicallyPrecedes(b) }
        }
    }
}
