import Foundation

/// The events of one simulated cohort, taken in time order (ties in the order they were scheduled,
/// so that a seed replays the same run).
struct Timeline {
    enum Event {
        /// A learner hands in their work.
        case submit(learner: Int)
        /// A learner opens the assignment to review (a pull).
        case visit(learner: Int)
        /// A started review is handed in, if its lease (the one that ends at `leaseEnds`) is still the row's.
        case finish(row: Int, leaseEnds: Date)
        /// A run of the push job.
        case push
        /// The review deadline: why submissions are short, if some are.
        case deadline
    }

    private struct Entry {
        var at: Date
        var order: Int
        var event: Event

        func precedes(_ other: Entry) -> Bool { (at, order) < (other.at, other.order) }
    }

    /// Latest first, so the next event is the last element.
    private var entries: [Entry] = []
    private var scheduled = 0

    mutating func schedule(_ event: Event, at time: Date) {
        let entry = Entry(at: time, order: scheduled, event: event)
        scheduled += 1
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].precedes(entry) { high = middle } else { low = middle + 1 }
        }
        entries.insert(entry, at: low)
    }

    mutating func next() -> (at: Date, event: Event)? {
        entries.popLast().map { ($0.at, $0.event) }
    }
}
