import ArgumentParser
import QPYConv
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading inputs and writing outputs safely. An output is first written in full to a file with
/// no name (Linux `O_TMPFILE`) in the target's directory, then linked into place: a run that fails
/// or is killed, even by SIGKILL, leaves no output file and an existing one untouched. Where
/// `O_TMPFILE` is not supported, the file is written under a hidden temporary name beside the
/// target and renamed over it; that name is removed on failure and on SIGINT, SIGTERM and SIGHUP.
///
/// Plain POSIX calls on the byte arrays themselves: no Foundation (whose loading dominated a
/// small conversion's start-up) and no intermediate `Data` copies of large files.
enum CommandIO {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" {
            guard let bytes = readAll(descriptor: 0, sizeHint: 0) else {
                printError("error: cannot read standard input")
                throw ExitStatus.ioError
            }
            return bytes
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            printError("error: cannot open '\(path)': no such file")
            throw ExitStatus.cannotOpenInput
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0, let bytes = readAll(descriptor: descriptor, sizeHint: Int(status.st_size)) else {
            if descriptor >= 0 { close(descriptor) }
            printError("error: cannot read '\(path)'")
            throw ExitStatus.cannotOpenInput
        }
        close(descriptor)
        return bytes
    }

    /// Everything readable from `descriptor`, or `nil` on a read error.
    static func readAll(descriptor: Int32, sizeHint: Int) -> [UInt8]? {
        var capacity = max(sizeHint + 1, 65_536)
        // The expected size is read straight into the array's uninitialised storage (no pass
        // writing zeros first); only an input longer than that grows it below.
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = 0
            while count < buffer.count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                if read == 0 { break }
                count += read
            }
        }
        if failed { return nil }
        if bytes.count < capacity { return bytes }
        while true {
            if bytes.count == capacity { capacity *= 2 }
            let start = bytes.count
            var failed = false
            var reachedEnd = false
            bytes.append(contentsOf: repeatElement(0, count: capacity - start))
            let count = bytes.withUnsafeMutableBytes { buffer -> Int in
                Glibc.read(descriptor, buffer.baseAddress! + start, capacity - start)
            }
            if count < 0 {
                if errno == EINTR { bytes.removeSubrange(start...); continue }
                failed = true
            } else if count == 0 {
                reachedEnd = true
            }
            bytes.removeSubrange((start + max(count, 0))...)
            if failed { return nil }
            if reachedEnd { return bytes }
        }
    }

    /// Reads standard input as UTF-8 text (`nil` if it is not UTF-8 or cannot be read).
    static func readStandardInputText() -> String? {
        guard let bytes = readAll(descriptor: 0, sizeHint: 0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Writes `bytes` to `path` (standard output for `-`), all or nothing.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try commit([(bytes, path)])
    }

    /// Writes every output completely before any of them appears, then puts them in place in order.
    static func commit(_ outputs: [(bytes: [UInt8], path: String)]) throws {
        var pending: [PendingOutput] = []
        defer { pending.forEach { $0.discard() } }
        for output in outputs where output.path != "-" {
            pending.append(try PendingOutput(output.bytes, for: output.path))
        }
        for output in pending { try output.link() }
        for output in outputs where output.path == "-" {
            guard writeAll(output.bytes, descriptor: 1) else { throw ExitStatus.ioError }
        }
    }

    /// The size of the pieces a streamed output is written in.
    static let chunkSize = 1 << 20

    /// Writes to `path` (not `-`) what `produce` hands to its `emit` as it is made, all or
    /// nothing: the file appears only once `produce` returned and everything is on disk.
    static func commitStreamed(to path: String,
                               _ produce: (@escaping (UnsafeBufferPointer<UInt8>) -> Void) throws(ConversionError) -> Void) throws {
        let pending = try PendingOutput(for: path)
        defer { pending.discard() }
        try produce { pending.append($0) }
        try pending.finish()
        try pending.link()
    }

    /// Whether two paths name the same existing file (also through links and `.`/`..`).
    static func sameFile(_ first: String, _ second: String) -> Bool {
        guard first != "-", second != "-" else { return false }
        if first == second { return true }
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Writes every byte to `descriptor`, retrying partial writes.
    @discardableResult
    static func writeAll(_ bytes: [UInt8], descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
    }
}
