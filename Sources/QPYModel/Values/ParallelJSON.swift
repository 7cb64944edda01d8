import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How JSON output uses the machine's cores: a long array (a circuit's instructions, a
/// schedule's elements) is written in contiguous runs on as many threads as there are cores, at
/// most four.
enum ParallelJSON {
    /// Arrays shorter than this are written by one thread (the threads would cost more than
    /// they save).
    static let minimumElements = 4096

    /// The number of threads: the cores this process may run on, at most 4; 1 when
    /// `QPYCONV_THREADS=1` is set (for comparing with one thread).
    static let workers: Int = {
        if let text = getenv("QPYCONV_THREADS").map({ String(cString: $0) }), let value = Int(text), value >= 1 {
            return min(value, 4)
        }
        return max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }()

    /// `0..<count` cut into contiguous runs, eight per worker (at least 1,024 elements each), so
    /// that the buffers written ahead of the output stay a small part of it.
    static func runs(count: Int, workers: Int) -> [Range<Int>] {
        let length = max(1024, (count + workers * 8 - 1) / (workers * 8))
        return stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
    }

    /// `transform` of each item, run concurrently, results in the items' order.
    static func map<Item: Sendable, Result>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots[index] = transform(items[index])
        }
        return results.map { $0! }
    }
}
