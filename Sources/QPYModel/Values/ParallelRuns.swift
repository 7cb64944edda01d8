import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long lists are written out on the machine's cores: a circuit's instructions or a schedule's
/// elements, as JSON or `.qpyasm` text, are cut into contiguous runs, made on as many threads as
/// there are cores (at most four), and handed on in order by the calling thread.
package enum ParallelRuns {
    /// Lists shorter than this are written by one thread (the threads would cost more than
    /// they save).
    package static let minimumElements = 4096

    /// The number of threads: the cores this process may run on, at most 4; 1 when
    /// `QPYCONV_THREADS=1` is set (for comparing with one thread).
    package static let workers: Int = {
        if let text = getenv("QPYCONV_THREADS").map({ String(cString: $0) }), let value = Int(text), value >= 1 {
            return min(value, 4)
        }
        return max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }()

    /// `0..<count` cut into contiguous runs, 32 per worker (at least 128 elements each), so
    /// that the output is handed on in pieces soon after the writing starts and the chunks
    /// made ahead of it stay a small part of it.
    package static func runs(count: Int, workers: Int) -> [Range<Int>] {
        let length = max(128, (count + workers * 32 - 1) / (workers * 32))
        return stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
    }

    /// Makes `runs` on `workers` threads while the calling thread hands the finished ones to
    /// `consume` in order: `make(worker, run, chunk)` fills a slot's chunk on the worker's thread
    /// (a slot holds one run at a time; its chunk is the one the slot's previous run left, for
    /// `make` to empty and refill, keeping its capacity). The workers take the runs in order and
    /// stay at most `2 × workers` runs ahead of `consume`, so that `consume` (the output's file
    /// writes) overlaps the making of the runs after it.
    package static func make<Chunk>(_ runs: [Range<Int>], workers: Int, emptyChunk: Chunk,
                                    _ make: @escaping @Sendable (Int, Range<Int>, inout Chunk) -> Void,
                                    consume: (Range<Int>, Chunk) -> Void) {
        let slotCount = 2 * workers
        let chunks = UnsafeMutableBufferPointer<Chunk>.allocate(capacity: slotCount)
        chunks.initialize(repeating: emptyChunk)
        // Run i is made in slot i % slotCount. A worker takes one of the `slotCount` places
        // (`room`) before it claims the next run, and `consume` gives a place back after each run:
        // so at most `slotCount` runs are claimed and not yet consumed, and run i's slot is free
        // (run i - slotCount was consumed) when run i is claimed. `filled[slot]` says that the
        // slot's run is made.
        let room = DispatchSemaphore(value: slotCount)
        let filled = (0..<slotCount).map { _ in DispatchSemaphore(value: 0) }
        let claim = DispatchSemaphore(value: 1)
        let finished = DispatchGroup()
        nonisolated(unsafe) let slots = chunks
        nonisolated(unsafe) var nextRun = 0
        for worker in 0..<workers {
            // A serial queue of its own: such queues run on overcommitting threads (one is made
            // when none is idle), so the workers start even when the shared pool is busy.
            DispatchQueue(label: "qpyconv.worker\(worker)").async(group: finished) {
                while true {
                    room.wait()
                    claim.wait()
                    let index = nextRun
                    nextRun += 1
                    claim.signal()
                    guard index < runs.count else {
                        room.signal()
                        return
                    }
                    let slot = index % slotCount
                    make(worker, runs[index], &slots[slot])
                    filled[slot].signal()
                }
            }
        }
        for index in runs.indices {
            let slot = index % slotCount
            filled[slot].wait()
            consume(runs[index], slots[slot])
            room.signal()
        }
        finished.wait()
        _ = chunks.deinitialize()
        chunks.deallocate()
    }
}
