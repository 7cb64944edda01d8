import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output written in full but not yet visible under its name: written at once
/// (``init(_:for:)``) or in pieces as they are made (``init(for:)``, ``append(_:)``,
/// ``finish()``).
final class PendingOutput {
    private let target: String
    /// The unnamed file's descriptor (O_TMPFILE), or -1 when written under ``temporaryName``.
    private var descriptor: Int32 = -1
    private var temporaryName: String?
    /// Bytes written so far, and how many of them were handed to early writeback.
    private var written = 0
    private var scheduled = 0
    /// The first failure of ``append(_:)``, thrown by ``finish()``.
    private var failed: ExitCode?

    /// Writes `bytes` to a new file in `path`'s directory: unnamed where the system allows it.
    convenience init(_ bytes: [UInt8], for path: String) throws {
        try self.init(for: path)
        do {
            bytes.withUnsafeBufferPointer { append($0) }
            try finish()
        } catch {
            discard()
            throw error
        }
    }

    /// Creates the new, still empty file in `path`'s directory: unnamed where the system allows it.
    init(for path: String) throws {
        target = path
        let (directory, name) = PendingOutput.split(path)
        let mode = PendingOutput.creationMode
        #if os(Linux)
        // O_TMPFILE is `__O_TMPFILE | O_DIRECTORY` (Glibc's macro is not imported into Swift).
        // QPYCONV_NO_O_TMPFILE=1 forces the named fallback (for its tests).
        let unnamed = getenv("QPYCONV_NO_O_TMPFILE") != nil ? -1
            : open(directory.isEmpty ? "." : directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, mode)
        if unnamed >= 0 {
            descriptor = unnamed
            return
        }
        #endif
        let temporary = PendingOutput.hiddenName(beside: name, in: directory)
        let named = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard named >= 0 else {
            printError("error: cannot create '\(path)': \(String(cString: strerror(errno)))")
            throw ExitStatus.cannotCreateOutput
        }
        temporaryName = temporary
        TemporaryFileCleanup.register(temporary)
        descriptor = named
    }

    /// Writes the next piece; on Linux, each further 4 MiB is handed to the disk at once
    /// (`sync_file_range`), so that little is left for ``finish()``'s `fsync`. After a failure,
    /// further pieces are ignored and ``finish()`` throws.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failed == nil, descriptor >= 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress! + offset, min(bytes.count - offset, 1 << 30))
            if count < 0 {
                if errno == EINTR { continue }
                printError("error: cannot write '\(target)': \(String(cString: strerror(errno)))")
                failed = ExitStatus.ioError
                return
            }
            offset += count
        }
        written += bytes.count
        #if os(Linux)
        if let startWriteback = PendingOutput.syncFileRange, written - scheduled >= PendingOutput.writebackUnit {
            _ = startWriteback(descriptor, Int64(scheduled), Int64(written - scheduled), 2 /* SYNC_FILE_RANGE_WRITE */)
            scheduled = written
        }
        #endif
    }

    /// Makes everything appended durable (`fsync`).
    func finish() throws {
        if let failed { throw failed }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            printError("error: cannot write '\(target)': \(String(cString: strerror(errno)))")
            throw ExitStatus.ioError
        }
    }

    #if os(Linux)
    /// How much is written before it is handed to early writeback.
    private static let writebackUnit = 4 << 20

    /// `sync_file_range(2)`, looked up at run time (Glibc's declaration is not imported into Swift).
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0) /* RTLD_DEFAULT */, "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()
    #endif

    /// Puts the written file in place under its name, replacing an existing file atomically.
    func link() throws {
        if let temporaryName {
            guard rename(temporaryName, target) == 0 else { throw failure("cannot create '\(target)'") }
            TemporaryFileCleanup.unregister(temporaryName)
            self.temporaryName = nil
        } else {
            #if os(Linux)
            let source = "/proc/self/fd/\(descriptor)"
            // No file under the target's name yet: link it there directly (nothing to clean up).
            if linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) != 0 {
                guard errno == EEXIST else { throw failure("cannot create '\(target)'") }
                // Replace the existing file: link under a hidden name, then rename over it (an
                // atomic replacement; the hidden name exists only between these two calls).
                let (directory, targetName) = PendingOutput.split(target)
                let name = PendingOutput.hiddenName(beside: targetName, in: directory)
                TemporaryFileCleanup.register(name)
                defer { TemporaryFileCleanup.unregister(name) }
                guard linkat(AT_FDCWD, source, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else { throw failure("cannot create '\(target)'") }
                guard rename(name, target) == 0 else {
                    let error = failure("cannot create '\(target)'")
                    unlink(name)
                    throw error
                }
            }
            #endif
        }
        close(descriptor)
        descriptor = -1
    }

    /// Removes what was written if ``link()`` did not run or failed.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporaryName {
            unlink(temporaryName)
            TemporaryFileCleanup.unregister(temporaryName)
            self.temporaryName = nil
        }
    }

    private func failure(_ message: String) -> ExitCode {
        printError("error: \(message): \(String(cString: strerror(errno)))")
        return ExitStatus.cannotCreateOutput
    }

    /// `path` split at its last `/`: the directory (`""` for none) and the file's name (plain
    /// string work: no Foundation, whose loading costs a small conversion more than the rest).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, String(path[path.index(after: slash)...]))
    }

    /// A new hidden name for a temporary file beside `name` in `directory`.
    private static func hiddenName(beside name: String, in directory: String) -> String {
        let prefix = directory.isEmpty ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        return prefix + ".\(name).qpyconv-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// 0666 less the umask, as `creat` would give (O_TMPFILE files get the mode given to `open`).
    private static let creationMode: mode_t = {
        let mask = umask(0)
        umask(mask)
        return 0o666 & ~mask
    }()
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
