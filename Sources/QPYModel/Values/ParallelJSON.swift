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

    /// Writes `runs` in batches of `workers`: `write(slot, run, buffer)` fills the emptied
    /// buffer of its slot (each slot on one thread at a time; the buffers keep their capacity
    /// from batch to batch), then `append` takes the batch's buffers in order.
    static func write(_ runs: [Range<Int>], workers: Int,
                      _ write: @Sendable (Int, Range<Int>, inout [UInt8]) -> Void,
                      append: ([UInt8]) -> Void) {
        let buffers = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: workers)
        buffers.initialize(repeating: [])
        defer {
            _ = buffers.deinitialize()
            buffers.deallocate()
        }
        nonisolated(unsafe) let slots = buffers
        for batchStart in stride(from: 0, to: runs.count, by: workers) {
            let batchCount = min(workers, runs.count - batchStart)
            DispatchQueue.concurrentPerform(iterations: batchCount) { slot in
                slots[slot].removeAll(keepingCapacity: true)
                write(slot, runs[batchStart + slot], &slots[slot])
            }
            for slot in 0..<batchCount { append(slots[slot]) }
        }
    }
}
