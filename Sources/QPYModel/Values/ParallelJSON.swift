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

    /// `0..<count` cut into contiguous runs, 32 per worker (at least 128 elements each), so
    /// that the output is handed on in pieces soon after the writing starts and the buffers
    /// written ahead of it stay a small part of it.
    static func runs(count: Int, workers: Int) -> [Range<Int>] {
        let length = max(128, (count + workers * 32 - 1) / (workers * 32))
        return stride(from: 0, to: count, by: length).map { $0..<min($0 + length, count) }
    }

    /// Writes `runs` on `workers` threads while the calling thread hands the finished ones to
    /// `append` in order: `write(worker, run, buffer)` fills the emptied buffer of a slot on the
    /// worker's thread (a slot holds one run at a time; its buffer keeps its capacity from run to
    /// run). The workers take the runs in order and stay at most `2 × workers` runs ahead of
    /// `append`, so that `append` (the output's file writes) overlaps the writing of the runs
    /// after it.
    static func write(_ runs: [Range<Int>], workers: Int,
                      _ write: @escaping @Sendable (Int, Range<Int>, inout [UInt8]) -> Void,
                      append: ([UInt8]) -> Void) {
        let slotCount = 2 * workers
        let buffers = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: slotCount)
        buffers.initialize(repeating: [])
        // Run i is written in slot i % slotCount. A worker takes one of the `slotCount` places
        // (`room`) before it claims the next run, and `append` gives a place back after each run:
        // so at most `slotCount` runs are claimed and not yet appended, and run i's slot is free
        // (run i - slotCount was appended) when run i is claimed. `filled[slot]` says that the
        // slot's run is written.
        let room = DispatchSemaphore(value: slotCount)
        let filled = (0..<slotCount).map { _ in DispatchSemaphore(value: 0) }
        let claim = DispatchSemaphore(value: 1)
        let finished = DispatchGroup()
        nonisolated(unsafe) let slots = buffers
        nonisolated(unsafe) var nextRun = 0
        for worker in 0..<workers {
            // A serial queue of its own: such queues run on overcommitting threads (one is made
            // when none is idle), so the workers start even when the shared pool is busy.
            DispatchQueue(label: "qpyconv.json.worker\(worker)").async(group: finished) {
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
                    slots[slot].removeAll(keepingCapacity: true)
                    write(worker, runs[index], &slots[slot])
                    filled[slot].signal()
                }
            }
        }
        for index in runs.indices {
            let slot = index % slotCount
            filled[slot].wait()
            append(slots[slot])
            room.signal()
        }
        finished.wait()
        _ = buffers.deinitialize()
        buffers.deallocate()
    }
}
