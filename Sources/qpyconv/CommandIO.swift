import ArgumentParser
import Foundation

/// Reading inputs and writing outputs safely: an output file is written beside its target under a
/// temporary name and renamed into place only when complete, so a failed or interrupted run
/// leaves no partial file and an existing file untouched.
enum CommandIO {
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard FileManager.default.fileExists(atPath: path) else {
            printError("error: cannot open '\(path)': no such file")
            throw ExitStatus.cannotOpenInput
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("error: cannot read '\(path)'")
            throw ExitStatus.cannotOpenInput
        }
        return Array(data)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).qpyconv-\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            printError("error: cannot create '\(path)'")
            throw ExitStatus.cannotCreateOutput
        }
        if rename(temporary.path, target.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            printError("error: cannot create '\(path)'")
            throw ExitStatus.cannotCreateOutput
        }
    }
}
