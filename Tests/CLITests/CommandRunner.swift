import Foundation

/// Runs the built `qpyconv` executable and captures what it prints.
struct CommandResult {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

enum CommandRunner {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The qpyconv binary next to the test bundle (SwiftPM builds it first: CLITests depends on it).
    static let executable: URL = {
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("qpyconv"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("qpyconv"),
                          repository.appendingPathComponent(".build/debug/qpyconv")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    static func run(_ arguments: [String], stdin: [UInt8] = [], in directory: URL = repository,
                    environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs `command` with `/bin/sh -c` in `directory`, with `$QPYCONV` set to the binary (for
    /// `ulimit` and other shell set-up before `exec "$QPYCONV" …`).
    static func runShell(_ command: String, in directory: URL) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["QPYCONV"] = executable.path
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Drain stderr while reading stdout to the end, so that neither pipe fills.
        nonisolated(unsafe) var err = Data()
        let reader = Thread { err = error.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return CommandResult(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qpyconv-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
