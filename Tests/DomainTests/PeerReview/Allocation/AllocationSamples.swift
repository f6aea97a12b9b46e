import Foundation
@testable import Domain

/// Small pools for the allocation tables: people are numbers, each person's submission has an
/// id derived from theirs, and times are hours from a fixed start.
enum AllocationSamples {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func at(_ hours: Double) -> Date { start + hours * 3600 }

    static func person(_ number: Int) -> UUID { uuid(kind: 0x00, number) }

    static func group(_ number: Int) -> UUID { uuid(kind: 0x20, number) }

    /// The submission of `author`.
    static func work(of author: Int) -> UUID { uuid(kind: 0x10, author) }

    static func submitted(_ author: Int, at hours: Double, group: Int? = nil) -> PeerPool.Submission {
        PeerPool.Submission(id: work(of: author), author: person(author), group: group.map(Self.group),
                            submittedAt: at(hours))
    }

    static func completed(by reviewer: Int, of author: Int, at hours: Double = 0, byStaff: Bool = false) -> PeerPool.Review {
        PeerPool.Review(submission: work(of: author), reviewer: person(reviewer), state: .completed(at: at(hours)),
                        byStaff: byStaff)
    }

    static func leased(by reviewer: Int, of author: Int, until hours: Double, byStaff: Bool = false) -> PeerPool.Review {
        PeerPool.Review(submission: work(of: author), reviewer: person(reviewer),
                        state: .inProgress(leaseEnds: at(hours)), byStaff: byStaff)
    }

    /// Authors 1…`authors`, submitted an hour apart (1 the oldest), no reviews yet.
    static func pool(authors: Int, k: Int = 2, reviews: [PeerPool.Review] = [], groups: [Int: Int] = [:]) -> PeerPool {
        PeerPool(submissions: (1...authors).map { submitted($0, at: Double($0)) }, reviews: reviews,
                 groups: Dictionary(uniqueKeysWithValues: groups.map { (person($0.key), group($0.value)) }),
                 reviewsRequired: k)
    }

    /// The author number of a submission made by `work(of:)`.
    static func author(of submission: UUID?) -> Int? {
        submission.flatMap { Int($0.uuidString.suffix(8), radix: 16) }
    }

    /// `next` with a fixed seed, as the author number of the submission given.
    static func next(for reviewer: Int, in pool: PeerPool, at hours: Double = 100, seed: UInt64 = 7) -> Int? {
        var random = SeededGenerator(seed: seed)
        return author(of: PeerAllocation.next(for: person(reviewer), in: pool, now: at(hours), using: &random))
    }

    /// Made from bytes: the simulations make many, and formatting strings is slow in debug builds.
    private static func uuid(kind: UInt8, _ number: Int) -> UUID {
        let n = UInt32(number)
        return UUID(uuid: (kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                           UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)))
    }
}
